package io.junction.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run. {@link #summaryLine()} is the one line scripts parse; its keys stay stable.
 *
 * @param latencyNanos latency of every successful measured operation
 * @param errors       measured operations that failed
 * @param errorSummary one line per kind of failure, most frequent first
 */
public record LoadResult(String label, int threads, Duration measured, Histogram latencyNanos, long errors,
                         List<String> errorSummary) {
    public LoadResult {
        errorSummary = List.copyOf(errorSummary);
    }

    public long operations() {
        return latencyNanos.getTotalCount();
    }

    public double operationsPerSecond() {
        return operations() / (measured.toNanos() / 1e9);
    }

    /** Latency at a percentile (0–100) in milliseconds; 0 when nothing succeeded. */
    public double percentileMillis(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }

    public String summaryLine() {
        return String.format(Locale.ROOT,
                "RESULT label=%s threads=%d seconds=%.1f ops=%d ops_per_s=%.1f p50_ms=%.3f p99_ms=%.3f"
                        + " p999_ms=%.3f max_ms=%.3f errors=%d",
                label, threads, measured.toMillis() / 1e3, operations(), operationsPerSecond(),
                percentileMillis(50), percentileMillis(99), percentileMillis(99.9),
                latencyNanos.getMaxValue() / 1e6, errors);
    }
}
