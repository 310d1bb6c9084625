package io.junction.jdbc;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A whole result held in memory, read by one of Avatica's iterator cursors whose next row can be chosen:
 * {@link #seek} sets which row the cursor's next step reads, so the cursor (and every accessor made on it)
 * can land on any row.
 */
final class BufferedRows implements Iterable<Object> {
    private final List<Object> rows;
    /** Zero-based index of the row the cursor's next step reads. */
    private int next;

    BufferedRows(List<Object> rows) {
        this.rows = rows;
    }

    int size() {
        return rows.size();
    }

    /** Makes the cursor's next step read the row at this zero-based index (none when it is {@link #size}). */
    void seek(int index) {
        next = index;
    }

    /** The one iterator the cursor is built on; it follows {@link #seek}. */
    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next < rows.size();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No row after row " + next);
                }
                return rows.get(next++);
            }
        };
    }
}
