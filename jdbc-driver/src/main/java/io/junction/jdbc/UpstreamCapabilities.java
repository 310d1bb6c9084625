package io.junction.jdbc;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.SQLException;

/**
 * The upstream database's answers to the capability calls of its DatabaseMetaData ({@code supportsSavepoints},
 * {@code getIdentifierQuoteString}, limits...), as the server's {@code connection-info} extension reports them.
 * A call the server has no answer for falls back to Avatica's own answer.
 */
final class UpstreamCapabilities {
    private final JsonNode capabilities;

    UpstreamCapabilities(JsonNode capabilities) {
        this.capabilities = capabilities;
    }

    boolean bool(String call, SqlErrors.SqlCall<Boolean> fallback) throws SQLException {
        JsonNode value = capabilities.get(call);
        return value != null && value.isBoolean() ? value.booleanValue() : fallback.call();
    }

    int integer(String call, SqlErrors.SqlCall<Integer> fallback) throws SQLException {
        JsonNode value = capabilities.get(call);
        return value != null && value.canConvertToInt() ? value.intValue() : fallback.call();
    }

    long longInteger(String call, SqlErrors.SqlCall<Long> fallback) throws SQLException {
        JsonNode value = capabilities.get(call);
        return value != null && value.canConvertToLong() ? value.longValue() : fallback.call();
    }

    String text(String call, SqlErrors.SqlCall<String> fallback) throws SQLException {
        JsonNode value = capabilities.get(call);
        return value != null && value.isTextual() ? value.textValue() : fallback.call();
    }
}
