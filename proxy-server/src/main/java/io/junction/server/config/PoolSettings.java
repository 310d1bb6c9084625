package io.junction.server.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream pool of one source ({@code sources.<name>.pool:}).
 *
 * @param maxSize        most physical connections this pool holds
 * @param acquireTimeout longest a statement waits for a connection before failing
 * @param idleClose      a pool unused this long is closed (its connections too)
 * @param maxLifetime    a physical connection is retired after this long
 */
public record PoolSettings(int maxSize, Duration acquireTimeout, Duration idleClose, Duration maxLifetime) {
    public static PoolSettings defaults() {
        return new PoolSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    /**
     * These settings with some replaced, as an operator gives them at run time: keys as in the config
     * file ({@code max-size}, {@code acquire-timeout}, {@code idle-close}, {@code max-lifetime}), values
     * in its units ({@code 20}, {@code 5s}).
     *
     * @throws IllegalArgumentException naming the key and the value expected, for an unknown key or
     *     a value the config file would refuse
     */
    public PoolSettings tunedBy(Map<String, String> changes) {
        PoolSettings tuned = this;
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String key = change.getKey();
            String value = change.getValue();
            tuned = switch (key) {
                case "max-size" -> new PoolSettings(positive(key, value), tuned.acquireTimeout, tuned.idleClose,
                        tuned.maxLifetime);
                case "acquire-timeout" -> new PoolSettings(tuned.maxSize, duration(key, value), tuned.idleClose,
                        tuned.maxLifetime);
                case "idle-close" -> new PoolSettings(tuned.maxSize, tuned.acquireTimeout, duration(key, value),
                        tuned.maxLifetime);
                case "max-lifetime" -> new PoolSettings(tuned.maxSize, tuned.acquireTimeout, tuned.idleClose,
                        duration(key, value));
                default -> throw new IllegalArgumentException("unknown pool setting '" + key
                        + "': expected max-size, acquire-timeout, idle-close or max-lifetime");
            };
        }
        return tuned;
    }

    /** The settings in the config file's words and units, e.g. {@code acquire-timeout=30s}. */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("max-size", maxSize);
        described.put("acquire-timeout", ConfigUnits.format(acquireTimeout));
        described.put("idle-close", ConfigUnits.format(idleClose));
        described.put("max-lifetime", ConfigUnits.format(maxLifetime));
        return described;
    }

    private static int positive(String key, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": expected a positive integer, got '" + value + "'");
    }

    private static Duration duration(String key, String value) {
        Optional<Duration> parsed = ConfigUnits.parseDuration(value).filter(d -> !d.isZero());
        return parsed.orElseThrow(() -> new IllegalArgumentException(key + ": expected a non-zero duration such as "
                + ConfigUnits.DURATION_EXAMPLES + ", got '" + value + "'"));
    }
}
