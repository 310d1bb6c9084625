package io.junction.server.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.junction.cache.SqlAnalysis;
import io.junction.server.error.ErrorChain;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PreparedStatement.getParameterMetaData()} as the upstream's driver answers it, asked on a leased connection
 * only when a client calls it (prepares stay a local count of markers), with the client's current values bound as
 * they would be for execution: pgjdbc describes with the types of the bound parameters (an unset one is of unknown
 * type, which {@code CONCAT(?, 'x')} refuses). Answers are cached per source, catalog, schema, tracked session
 * parameters, SQL and the types of the bound values, so a framework asking once per execution costs one describe; a session
 * that is pinned or in a transaction asks every time (temporary tables, uncommitted DDL). DDL through Junction
 * forgets the source's entries; entries live {@link #TTL}, which bounds how long a change made elsewhere (or
 * committed while another session described) goes unseen.
 *
 * <p>Each parameter is a map of the eight ParameterMetaData answers ({@code mode, type, typeName, className,
 * precision, scale, nullable, signed}); an answer the driver refused is {@code {"class", "sqlState",
 * "errorMessage", "errorCode"}} (its nearest {@code java.sql} class), which the Junction driver throws again
 * (MariaDB Connector/J refuses the types, for one). One more entry, past the last parameter, holds the driver's
 * answers for an index out of range.
 */
final class ParameterDescriptions {
    static final Duration TTL = Duration.ofMinutes(1);
    private static final long MAX_ENTRIES = 10_000;

    private record Key(String source, String catalog, String schema, Map<String, String> tracked, String sql,
                       List<String> boundTypes) {
    }

    private final Cache<Key, List<Map<String, Object>>> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(TTL).build();

    /**
     * @param declared the parameters of the statement's signature, which a federated session answers with
     * @throws SQLException the upstream's, when it cannot describe the statement
     */
    List<Map<String, Object>> describe(ClientSession session, String sql, List<AvaticaParameter> declared,
                                       List<TypedValue> bound) throws SQLException {
        if (session.isFederated()) {
            return generic(declared);
        }
        boolean cacheable = session.pinReason() == null && !session.inTransaction();
        Key key = null;
        if (cacheable) {
            ConnectionPropertiesImpl state = session.state().toProperties(0);
            key = new Key(session.source().name(), state.getCatalog(), state.getSchema(),
                    Map.copyOf(session.trackedParameters()), sql, QueryCaching.keyTypes(bound));
            List<Map<String, Object>> known = cache.getIfPresent(key);
            if (known != null) {
                return known;
            }
        }
        List<Map<String, Object>> described = describeUpstream(session, sql, bound);
        if (key != null) {
            cache.put(key, described);
        }
        return described;
    }

    /** After a statement succeeded: DDL may have changed what the source's parameters are. */
    void afterSuccess(ClientSession session, SqlAnalysis analysis) {
        if (analysis.ddl() && !session.isFederated()) {
            String source = session.source().name();
            cache.asMap().keySet().removeIf(key -> key.source().equals(source));
        }
    }

    private static List<Map<String, Object>> describeUpstream(ClientSession session, String sql,
                                                             List<TypedValue> bound) throws SQLException {
        Lease lease = session.lease(false);
        try {
            List<Map<String, Object>> parameters;
            try (PreparedStatement statement = lease.connection().prepareStatement(sql)) {
                ParameterBinder.of(session, session.source().dialect()).bindSet(statement, bound);
                ParameterMetaData metaData = statement.getParameterMetaData();
                int count = metaData.getParameterCount();
                parameters = new ArrayList<>(count);
                for (int i = 1; i <= count + 1; i++) {
                    parameters.add(describe(metaData, i));
                }
            }
            lease.release(true);
            return List.copyOf(parameters);
        } catch (SQLException | RuntimeException e) {
            lease.release(false);
            throw e;
        }
    }

    private interface Answer {
        Object of(ParameterMetaData metaData, int index) throws SQLException;
    }

    private static Map<String, Object> describe(ParameterMetaData metaData, int index) {
        Map<String, Object> parameter = new LinkedHashMap<>();
        answer(parameter, "mode", metaData, index, ParameterMetaData::getParameterMode);
        answer(parameter, "type", metaData, index, ParameterMetaData::getParameterType);
        answer(parameter, "typeName", metaData, index, ParameterMetaData::getParameterTypeName);
        answer(parameter, "className", metaData, index, ParameterMetaData::getParameterClassName);
        answer(parameter, "precision", metaData, index, ParameterMetaData::getPrecision);
        answer(parameter, "scale", metaData, index, ParameterMetaData::getScale);
        answer(parameter, "nullable", metaData, index, ParameterMetaData::isNullable);
        answer(parameter, "signed", metaData, index, ParameterMetaData::isSigned);
        return parameter;
    }

    private static void answer(Map<String, Object> parameter, String name, ParameterMetaData metaData, int index,
                               Answer answer) {
        try {
            parameter.put(name, answer.of(metaData, index));
        } catch (SQLException e) {
            Map<String, Object> refused = new LinkedHashMap<>();
            refused.put("class", ErrorChain.of(e).entries().get(0).get("class"));
            refused.put("sqlState", e.getSQLState());
            refused.put("errorMessage", e.getMessage());
            refused.put("errorCode", e.getErrorCode());
            parameter.put(name, refused);
        }
    }

    /** What the federated catalog knows before planning: the markers, of no particular type. */
    private static List<Map<String, Object>> generic(List<AvaticaParameter> declared) {
        List<Map<String, Object>> parameters = new ArrayList<>(declared.size() + 1);
        for (AvaticaParameter parameter : declared) {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("mode", ParameterMetaData.parameterModeIn);
            described.put("type", parameter.parameterType);
            described.put("typeName", parameter.typeName);
            described.put("className", parameter.className);
            described.put("precision", parameter.precision);
            described.put("scale", parameter.scale);
            described.put("nullable", ParameterMetaData.parameterNullableUnknown);
            described.put("signed", parameter.signed);
            parameters.add(described);
        }
        Map<String, Object> outOfRange = new LinkedHashMap<>();
        for (String answer : List.of("mode", "type", "typeName", "className", "precision", "scale", "nullable",
                "signed")) {
            Map<String, Object> refused = new LinkedHashMap<>();
            refused.put("sqlState", "22023");
            refused.put("errorMessage", "The parameter index is out of range: the statement has "
                    + declared.size() + " parameter(s).");
            refused.put("errorCode", 0);
            outOfRange.put(answer, refused);
        }
        parameters.add(outOfRange);
        return parameters;
    }
}
