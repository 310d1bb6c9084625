package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.UUID;

/**
 * Avatica's prepared statement, plus: generated keys (asked for once, when prepared), batches that fail with a
 * {@link java.sql.BatchUpdateException}, timestamps with microseconds and the java.time classes, nulls that keep
 * their JDBC type and TIME values with microseconds ({@link ParameterTags}), and streams, readers and LOBs sent as
 * the bytes or text they hold.
 */
final class JunctionPreparedStatement extends AvaticaPreparedStatement {
    private final JunctionConnection junction;
    /** Whether values may carry {@link ParameterTags}: the connection announced them. */
    private final boolean tagged;
    /** The last description, and the types of the values it was described with (pgjdbc's depends on them). */
    private ParameterMetaData parameterMetaData;
    private java.util.List<String> describedTypes;

    JunctionPreparedStatement(JunctionConnection connection, Meta.StatementHandle h, Meta.Signature signature,
                              int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
        this.junction = connection;
        this.tagged = connection.settings().taggedParameters();
    }

    /** Avatica's own "Statement closed" carries no SQLState. */
    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw DriverSqlState.CLOSED_OBJECT.exception("Statement " + handle.id + " is closed; create a new"
                    + " statement.", null);
        }
    }

    /**
     * Stops the statement running on the upstream; its execution fails with SQLState 57014 (see
     * {@link ServerStatementControl}). Not synchronized: Avatica's is, and so waits for the very
     * execution it should stop.
     */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        ServerStatementControl.cancel(connection, handle);
    }

    /** Stored here as Avatica does, and sent to the server, which applies it to the upstream statement. */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        super.setQueryTimeout(seconds);
        ServerStatementControl.queryTimeout(connection, handle, seconds);
    }

    /**
     * The upstream's description (Avatica's own reports every parameter as OTHER), asked again only when the
     * types of the values set have changed since.
     */
    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        java.util.List<TypedValue> values = java.util.Arrays.asList(slots.clone());
        java.util.List<String> types = new java.util.ArrayList<>(values.size());
        for (TypedValue value : values) {
            Rep tag = ParameterTags.tagOf(value);
            types.add(value == null ? null : value.type + (tag == null ? "" : "/" + tag));
        }
        if (parameterMetaData == null || !types.equals(describedTypes)) {
            parameterMetaData = junction.parameterMetaData(handle, values);
            describedTypes = types;
        }
        return parameterMetaData;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return junction.generatedKeys(this);
    }

    /** Also sent to the server: Avatica sends a prepared statement's row limit only when preparing it. */
    @Override
    public void setLargeMaxRows(long maxRows) throws SQLException {
        super.setLargeMaxRows(maxRows);
        junction.limitRows(handle, maxRows);
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return BatchErrors.run(super::executeLargeBatch);
    }

    // ---- timestamps at full precision: the server reads TIMESTAMP parameters in microseconds ----

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        setTimestamp(parameterIndex, x, null);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar calendar) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, Types.TIMESTAMP);
            return;
        }
        ZoneId zone = calendar == null ? getConnection().getTimeZone().toZoneId() : calendar.getTimeZone().toZoneId();
        setWallClock(parameterIndex, LocalDateTime.ofInstant(x.toInstant(), zone));
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        if (!setTemporal(parameterIndex, x) && !setUuid(parameterIndex, x, Types.OTHER)) {
            super.setObject(parameterIndex, x);
            timestampMillisToMicros(parameterIndex);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, targetSqlType);
        } else if (!setTemporal(parameterIndex, x) && !setUuid(parameterIndex, x, targetSqlType)) {
            super.setObject(parameterIndex, x, targetSqlType);
            timestampMillisToMicros(parameterIndex);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, targetSqlType);
        } else if (!setTemporal(parameterIndex, x) && !setUuid(parameterIndex, x, targetSqlType)) {
            super.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
            timestampMillisToMicros(parameterIndex);
        }
    }

    /**
     * Binds the JDBC 4.2 java.time classes (which Avatica refuses) and timestamps; false for anything else.
     * An instant ({@code OffsetDateTime}, {@code Instant}...) travels as the client zone's wall clock, which the
     * server turns back into the same instant.
     */
    private boolean setTemporal(int parameterIndex, Object x) throws SQLException {
        ZoneId clientZone = getConnection().getTimeZone().toZoneId();
        if (x instanceof Timestamp) {
            setTimestamp(parameterIndex, (Timestamp) x);
        } else if (x instanceof LocalDateTime) {
            setWallClock(parameterIndex, (LocalDateTime) x);
        } else if (x instanceof OffsetDateTime) {
            setWallClock(parameterIndex, LocalDateTime.ofInstant(((OffsetDateTime) x).toInstant(), clientZone));
        } else if (x instanceof ZonedDateTime) {
            setWallClock(parameterIndex, LocalDateTime.ofInstant(((ZonedDateTime) x).toInstant(), clientZone));
        } else if (x instanceof Instant) {
            setWallClock(parameterIndex, LocalDateTime.ofInstant((Instant) x, clientZone));
        } else if (x instanceof LocalDate) {
            getSite(parameterIndex);
            slots[parameterIndex - 1] = TypedValue.ofSerial(Rep.JAVA_SQL_DATE, (int) ((LocalDate) x).toEpochDay());
        } else if (x instanceof LocalTime) {
            getSite(parameterIndex);
            // Untagged, milliseconds: Avatica's decoding narrows TIME values to an int.
            slots[parameterIndex - 1] = tagged ? ParameterTags.time((LocalTime) x)
                    : TypedValue.ofSerial(Rep.JAVA_SQL_TIME, (int) (((LocalTime) x).toNanoOfDay() / 1_000_000L));
        } else {
            return false;
        }
        return true;
    }

    /**
     * Binds a {@link UUID}, which Avatica has no representation for: tagged, the server binds it as a UUID (pgjdbc's
     * {@code uuid}, MariaDB's UUID codec), as {@code setObject} does directly; set as a character type, or untagged
     * (stock serialization), it travels as its text. False for anything but a UUID.
     */
    private boolean setUuid(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (!(x instanceof UUID)) {
            return false;
        }
        if (tagged && (targetSqlType == Types.OTHER || targetSqlType == Types.JAVA_OBJECT)) {
            getSite(parameterIndex);
            slots[parameterIndex - 1] = ParameterTags.uuid((UUID) x);
        } else {
            setString(parameterIndex, x.toString());
        }
        return true;
    }

    private void setWallClock(int parameterIndex, LocalDateTime wallClock) throws SQLException {
        getSite(parameterIndex);
        long micros = Math.addExact(Math.multiplyExact(wallClock.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
                wallClock.getNano() / 1_000L);
        slots[parameterIndex - 1] = TypedValue.ofSerial(Rep.JAVA_SQL_TIMESTAMP, micros);
    }

    /** Avatica's own conversions (a string set as TIMESTAMP, say) produce milliseconds. */
    private void timestampMillisToMicros(int parameterIndex) {
        TypedValue value = slots[parameterIndex - 1];
        if (value != null && value.type == Rep.JAVA_SQL_TIMESTAMP && value.value instanceof Number) {
            slots[parameterIndex - 1] = TypedValue.ofSerial(Rep.JAVA_SQL_TIMESTAMP,
                    Math.multiplyExact(((Number) value.value).longValue(), 1_000L));
        }
    }

    // ---- nulls with their JDBC type, as the upstream's driver needs them --------------------

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        if (tagged) {
            getSite(parameterIndex);
            slots[parameterIndex - 1] = ParameterTags.typedNull(sqlType);
        } else {
            super.setNull(parameterIndex, sqlType);
        }
    }

    /** The type name travels no further than the upstream drivers use it: pgjdbc and MariaDB ignore it. */
    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        setNull(parameterIndex, sqlType);
    }

    // A null through a typed setter is a null of that setter's type, as pgjdbc binds it.

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        setStringOrNull(parameterIndex, x, Types.VARCHAR);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, Types.DECIMAL);
        } else {
            super.setBigDecimal(parameterIndex, x);
        }
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, Types.VARBINARY);
        } else {
            super.setBytes(parameterIndex, x);
        }
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        setDate(parameterIndex, x, null);
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar calendar) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, Types.DATE);
        } else if (calendar == null) {
            super.setDate(parameterIndex, x);
        } else {
            super.setDate(parameterIndex, x, calendar);
        }
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        setTime(parameterIndex, x, null);
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar calendar) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, Types.TIME);
        } else if (calendar == null) {
            super.setTime(parameterIndex, x);
        } else {
            super.setTime(parameterIndex, x, calendar);
        }
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, Types.ARRAY);
        } else {
            super.setArray(parameterIndex, x);
        }
    }

    // ---- streams and LOBs: read whole and sent as bytes or text ----------------------------

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setBytesOrNull(parameterIndex, x == null ? null : read(x, length));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        setBinaryStream(parameterIndex, x, -1L);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setStringOrNull(parameterIndex, x == null ? null
                : new String(read(x, length), StandardCharsets.US_ASCII), Types.VARCHAR);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex, x, -1L);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        setStringOrNull(parameterIndex, reader == null ? null : read(reader, length), Types.VARCHAR);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setCharacterStream(parameterIndex, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setCharacterStream(parameterIndex, value, length);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setCharacterStream(parameterIndex, value, -1L);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        // A VARCHAR null: pgjdbc refuses NVARCHAR, and Junction's setNString works on every upstream.
        setStringOrNull(parameterIndex, value, Types.VARCHAR);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, -1L);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        setBinaryStream(parameterIndex, x == null ? null : x.getBinaryStream(), -1L);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        setCharacterStream(parameterIndex, x == null ? null : x.getCharacterStream(), -1L);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        setClob(parameterIndex, value);
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        throw new SQLFeatureNotSupportedException("ROWID parameters are not supported by Junction.", "0A000");
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        setStringOrNull(parameterIndex, xmlObject == null ? null : xmlObject.getString(), Types.SQLXML);
    }

    private void setBytesOrNull(int parameterIndex, byte[] value) throws SQLException {
        if (value == null) {
            setNull(parameterIndex, Types.VARBINARY);
        } else {
            setBytes(parameterIndex, value);
        }
    }

    private void setStringOrNull(int parameterIndex, String value, int nullType) throws SQLException {
        if (value == null) {
            setNull(parameterIndex, nullType);
        } else {
            super.setString(parameterIndex, value);
        }
    }

    /** All of the stream, or its first {@code length} bytes when length ≥ 0. */
    private static byte[] read(InputStream in, long length) throws SQLException {
        try {
            return length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw new SQLException("Could not read the parameter's stream: " + e.getMessage(), "HY000", e);
        }
    }

    private static String read(Reader reader, long length) throws SQLException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            long remaining = length < 0 ? Long.MAX_VALUE : length;
            while (remaining > 0) {
                int n = reader.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                text.append(buffer, 0, n);
                remaining -= n;
            }
        } catch (IOException e) {
            throw new SQLException("Could not read the parameter's reader: " + e.getMessage(), "HY000", e);
        }
        return text.toString();
    }
}
