package io.junction.federation;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import java.nio.ByteBuffer;
import java.sql.Blob;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A source driver's values in the form Calcite's runtime holds them. Calcite's JDBC reader takes
 * most columns with {@code getObject}, which hands out {@code byte[]} (H2: a {@code Blob}) for binary
 * columns and, for MariaDB's UUID, text, where the generated code of joins, filters and aggregates casts to
 * {@link ByteString} and {@link UUID}. Public only because generated code calls {@link #of}.
 */
public final class SourceValues {
    /** Per column: left as read. */
    private static final char AS_READ = '-';
    private static final char BINARY = 'b';
    private static final char UUID_VALUE = 'u';

    private SourceValues() {
    }

    /** One letter per column of {@code rowType}; null when every column is left as read. */
    static String conversions(RelDataType rowType) {
        List<RelDataTypeField> fields = rowType.getFieldList();
        StringBuilder kinds = new StringBuilder(fields.size());
        boolean any = false;
        for (RelDataTypeField field : fields) {
            char kind = kind(field.getType().getSqlTypeName());
            any |= kind != AS_READ;
            kinds.append(kind);
        }
        return any ? kinds.toString() : null;
    }

    /**
     * Called by generated code: the rows of one source statement, each value converted as
     * {@code kinds} says (a row of one column is the value itself, as Calcite's reader returns it).
     */
    public static Enumerable<Object> of(Enumerable<Object> rows, String kinds) {
        if (kinds.length() == 1) {
            return rows.select(value -> convert(value, kinds.charAt(0)));
        }
        return rows.select(row -> {
            Object[] values = (Object[]) row;
            for (int i = 0; i < values.length; i++) {
                values[i] = convert(values[i], kinds.charAt(i));
            }
            return values;
        });
    }

    /** A value read with {@code getObject} from a column of Calcite type {@code type}, as Calcite holds it. */
    static Object value(Object value, SqlTypeName type) {
        return convert(value, kind(type));
    }

    /** A BLOB some drivers (H2) hand out as a {@link Blob}, whole: a cross-source value is held in memory anyway. */
    private static ByteString bytes(Blob blob) {
        try {
            long length = blob.length();
            if (length > Integer.MAX_VALUE) {
                throw new IllegalStateException("A BLOB of " + length + " bytes is too large to read across sources");
            }
            return new ByteString(blob.getBytes(1, (int) length));
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a BLOB failed: " + e.getMessage(), e);
        }
    }

    private static char kind(SqlTypeName type) {
        return switch (type) {
            case BINARY, VARBINARY -> BINARY;
            case UUID -> UUID_VALUE;
            default -> AS_READ;
        };
    }

    private static Object convert(Object value, char kind) {
        if (value == null || kind == AS_READ) {
            return value;
        }
        if (kind == BINARY) {
            return value instanceof byte[] bytes ? new ByteString(bytes) : value instanceof Blob blob ? bytes(blob)
                    : value;
        }
        if (value instanceof UUID) {
            return value;
        }
        if (value instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(value.toString());
    }
}
