package io.junction.cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A cached result in a form independent of frame size: the column description the server needs
 * (opaque here) and every row, so any client can read it in frames of any size.
 *
 * @param columns the server's column metadata
 * @param rows    every row, one value per column, never modified after storing
 * @param bytes   estimated heap size of rows and key
 * @param ttl     how long it may be served
 * @param stamp   versions of its tables when its load started
 */
public record StoredResult(Object columns, List<Object[]> rows, long bytes, Duration ttl, VersionStamp stamp) {
    public StoredResult {
        Objects.requireNonNull(columns, "columns is null");
        rows = List.copyOf(rows);
        Objects.requireNonNull(ttl, "ttl is null");
        Objects.requireNonNull(stamp, "stamp is null");
    }
}
