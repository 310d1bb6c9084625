package io.junction.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A query's own TTL, {@code /*+ junction.cache(ttl=30s) *}{@code /}, read from the lexer's hint comments. */
final class TtlHint {
    private static final Pattern TTL =
            Pattern.compile("junction\\.cache\\s*\\(\\s*ttl\\s*=\\s*(\\d+)\\s*(ms|s|m|h)?\\s*\\)");

    private TtlHint() {
    }

    /** The TTL of the last hint that gives one; a number without a unit is in seconds. */
    static Optional<Duration> of(List<String> hints) {
        Optional<Duration> ttl = Optional.empty();
        for (String hint : hints) {
            Matcher m = TTL.matcher(hint);
            if (m.find()) {
                long value = Long.parseLong(m.group(1));
                ttl = Optional.of(Duration.ofMillis(switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> value;
                    case "m" -> value * 60_000L;
                    case "h" -> value * 3_600_000L;
                    default -> value * 1_000L;
                }));
            }
        }
        return ttl;
    }
}
