package io.junction.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of durations ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}, ISO-8601
 * {@code PT1M30S}) and sizes ({@code 512KB}, {@code 16MB}, {@code 1GB}, plain bytes; 1 KB = 1024 bytes).
 */
final class ConfigUnits {
    static final String DURATION_EXAMPLES = "500ms, 30s, 10m, 1h or PT1M30S";
    static final String SIZE_EXAMPLES = "512KB, 16MB or 1048576 (bytes)";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    private ConfigUnits() {
    }

    /** @return the duration, or empty when the text is not one (negative ones included) */
    static Optional<Duration> parseDuration(String text) {
        String trimmed = text.trim();
        Matcher shortForm = SHORT_DURATION.matcher(trimmed);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return Optional.of(switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        if (trimmed.regionMatches(true, 0, "P", 0, 1)) {
            try {
                Duration iso = Duration.parse(trimmed);
                return iso.isNegative() ? Optional.empty() : Optional.of(iso);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The shortest exact short form of a duration: {@code 30s}, {@code 10m}, {@code 1500ms}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** @return the size in bytes (1 KB = 1024 bytes), or empty when the text is not one or overflows */
    static OptionalLong parseSize(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 0;
        };
        try {
            long amount = Long.parseLong(matcher.group(1));
            if (amount > (Long.MAX_VALUE >> shift)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(amount << shift);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
