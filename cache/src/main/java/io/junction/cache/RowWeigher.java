package io.junction.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Estimates the heap bytes of a row of the values the server stores (boxed numbers, strings, byte
 * arrays, decimals, lists for arrays). An estimate, not a measurement: it errs high.
 */
public final class RowWeigher {
    private static final int OBJECT_HEADER = 16;
    private static final int REFERENCE = 8;

    private RowWeigher() {
    }

    public static long weigh(Object[] row) {
        long bytes = OBJECT_HEADER + (long) REFERENCE * row.length;
        for (Object value : row) {
            bytes += weighValue(value);
        }
        return bytes;
    }

    private static long weighValue(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            return 40 + 2L * s.length();
        }
        if (value instanceof byte[] b) {
            return OBJECT_HEADER + b.length;
        }
        if (value instanceof BigDecimal d) {
            return 40 + d.unscaledValue().bitLength() / 8 + 24;
        }
        if (value instanceof BigInteger i) {
            return 40 + i.bitLength() / 8;
        }
        if (value instanceof List<?> list) {
            long bytes = 40 + (long) REFERENCE * list.size();
            for (Object element : list) {
                bytes += weighValue(element);
            }
            return bytes;
        }
        if (value instanceof Object[] array) {
            return weigh(array);
        }
        return 24; // a boxed primitive
    }
}
