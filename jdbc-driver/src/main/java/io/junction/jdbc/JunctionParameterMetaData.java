package io.junction.jdbc;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A prepared statement's parameters as the upstream's driver describes them, fetched once per statement through
 * Junction's {@code parameter-metadata} extension. An answer the upstream's driver refused is refused here with
 * the same SQLState (MariaDB Connector/J does not know parameter types, for one).
 */
final class JunctionParameterMetaData implements ParameterMetaData {
    private final JsonNode parameters;
    private final int count;

    /**
     * @param parameters the extension's {@code parameters} array: one entry per parameter, then the upstream
     *     driver's answers for an index out of range
     */
    JunctionParameterMetaData(JsonNode parameters) {
        this.parameters = parameters;
        this.count = Math.max(0, parameters.size() - 1);
    }

    @Override
    public int getParameterCount() {
        return count;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        return answer(param, "nullable").asInt();
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return answer(param, "signed").asBoolean();
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return answer(param, "precision").asInt();
    }

    @Override
    public int getScale(int param) throws SQLException {
        return answer(param, "scale").asInt();
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return answer(param, "type").asInt();
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return text(answer(param, "typeName"));
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return text(answer(param, "className"));
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        return answer(param, "mode").asInt();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Junction's parameter metadata is not a " + type.getName() + ".", "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    private JsonNode answer(int param, String field) throws SQLException {
        if (parameters.size() == 0) {
            throw DriverSqlState.INVALID_PARAMETER_VALUE.exception("The parameter index is out of range: " + param
                    + ", number of parameters: 0.", null);
        }
        // Out of range: the upstream driver's own refusal, which the server recorded past the last parameter.
        JsonNode answer = parameters.get(param < 1 || param > count ? count : param - 1).path(field);
        if (answer.isObject()) {
            String sqlState = answer.path("sqlState").isTextual() ? answer.path("sqlState").asText() : null;
            String message = answer.path("errorMessage").asText("The upstream's driver refused " + field + ".");
            int code = answer.path("errorCode").asInt();
            if (answer.path("class").isTextual()) {
                throw UpstreamErrors.exception(answer.path("class").asText(), message, sqlState, code);
            }
            // A server that does not name the class.
            throw sqlState != null && sqlState.startsWith("0A")
                    ? new SQLFeatureNotSupportedException(message, sqlState, code)
                    : new SQLException(message, sqlState, code);
        }
        return answer;
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
