package io.junction.jdbc;

import org.apache.calcite.avatica.ColumnMetaData;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * {@code getString} of a time or timestamp as the upstream's driver prints it. pgjdbc hands out PostgreSQL's
 * text: fractional seconds without trailing zeros (none at all when zero), and a time zone offset in hours, with
 * minutes only when it has them ({@code 2024-07-01 02:11:12.5-06}, {@code 13:14:15+05:30}). MariaDB Connector/J
 * prints a {@code TIME(n)} with the n fractional digits the column declares ({@code TIME(3)}: {@code .500};
 * {@code TIME}: none), and a {@code DATETIME(n)} or {@code TIMESTAMP(n)} with its microseconds as a number
 * padded to n digits ({@code DATETIME(6)}: {@code .500000}; {@code DATETIME(3)}: {@code .500000} too, and
 * {@code .50000} for 0.05 seconds). The two are told apart by the type name, which pgjdbc spells in lower case ({@code timestamp},
 * {@code timetz}) and MariaDB Connector/J in upper case ({@code DATETIME}, {@code TIME}). Results of queries
 * across sources (Calcite's upper-case names, no driver's column class) print like PostgreSQL's.
 */
final class TemporalText {
    /** PostgreSQL: as many digits as the value needs. */
    private static final int TRIMMED = -1;
    /** Both servers keep microseconds. */
    private static final int MAX_DIGITS = 6;

    private final int fractionDigits;

    private TemporalText(int fractionDigits) {
        this.fractionDigits = fractionDigits;
    }

    static TemporalText of(ColumnMetaData column) {
        String name = column.type.name == null ? "" : column.type.name;
        // A column class from java.sql: a driver described the column (federated results, planned by Calcite,
        // have none and keep the trimmed form).
        boolean mariaDbStyle = !name.isEmpty() && name.equals(name.toUpperCase(Locale.ROOT))
                && column.columnClassName != null && column.columnClassName.startsWith("java.sql.");
        return new TemporalText(mariaDbStyle ? Math.max(0, Math.min(MAX_DIGITS, column.scale)) : TRIMMED);
    }

    String time(LocalTime value) {
        StringBuilder text = new StringBuilder(15);
        appendTime(text, value);
        return text.toString();
    }

    String dateTime(LocalDateTime value) {
        StringBuilder text = new StringBuilder(26).append(value.toLocalDate()).append(' ');
        if (fractionDigits == TRIMMED) {
            appendTime(text, value.toLocalTime());
            return text.toString();
        }
        text.append(String.format(Locale.ROOT, "%02d:%02d:%02d", value.getHour(), value.getMinute(),
                value.getSecond()));
        if (fractionDigits > 0) {
            // MariaDB Connector/J prints a DATETIME(n)'s microseconds as a number at least n digits wide
            // (DATETIME(3): .500000 for half a second, .50000 for 0.05), not the n digits the server sends.
            text.append('.').append(String.format(Locale.ROOT, "%0" + fractionDigits + "d", value.getNano() / 1_000));
        }
        return text.toString();
    }

    String offsetTime(OffsetTime value) {
        StringBuilder text = new StringBuilder(21);
        appendTime(text, value.toLocalTime());
        appendOffset(text, value.getOffset());
        return text.toString();
    }

    String offsetDateTime(OffsetDateTime value) {
        StringBuilder text = new StringBuilder(32).append(dateTime(value.toLocalDateTime()));
        appendOffset(text, value.getOffset());
        return text.toString();
    }

    private void appendTime(StringBuilder text, LocalTime value) {
        text.append(String.format(Locale.ROOT, "%02d:%02d:%02d", value.getHour(), value.getMinute(),
                value.getSecond()));
        String micros = String.format(Locale.ROOT, "%06d", value.getNano() / 1_000);
        if (fractionDigits == TRIMMED) {
            String significant = micros.replaceAll("0+$", "");
            if (!significant.isEmpty()) {
                text.append('.').append(significant);
            }
        } else if (fractionDigits > 0) {
            text.append('.').append(micros, 0, fractionDigits);
        }
    }

    /** PostgreSQL's offset: {@code +02}, {@code -03:30}, seconds only when there are some. */
    private static void appendOffset(StringBuilder text, ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        text.append(seconds < 0 ? '-' : '+').append(String.format(Locale.ROOT, "%02d", abs / 3600));
        if (abs % 3600 != 0) {
            text.append(String.format(Locale.ROOT, ":%02d", abs % 3600 / 60));
            if (abs % 60 != 0) {
                text.append(String.format(Locale.ROOT, ":%02d", abs % 60));
            }
        }
    }
}
