package io.junction.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadResultTest {
    @Test
    void summaryLine_reportsThroughputAndPercentilesInMilliseconds() {
        Histogram latencies = new Histogram(3);
        for (int i = 0; i < 990; i++) {
            latencies.recordValue(100_000); // 0.1 ms
        }
        for (int i = 0; i < 10; i++) {
            latencies.recordValue(5_000_000); // 5 ms
        }

        LoadResult result = new LoadResult("direct", 8, Duration.ofSeconds(2), latencies, 3, List.of());

        assertThat(result.summaryLine()).isEqualTo("RESULT label=direct threads=8 seconds=2.0 ops=1000"
                + " ops_per_s=500.0 p50_ms=0.100 p99_ms=0.100 p999_ms=5.001 max_ms=5.001 errors=3");
    }

    @Test
    void summaryLine_nothingSucceeded_reportsZeroes() {
        LoadResult result = new LoadResult("down", 1, Duration.ofSeconds(1), new Histogram(3), 7, List.of("7 × x"));

        assertThat(result.summaryLine()).isEqualTo("RESULT label=down threads=1 seconds=1.0 ops=0"
                + " ops_per_s=0.0 p50_ms=0.000 p99_ms=0.000 p999_ms=0.000 max_ms=0.000 errors=7");
    }
}
