package io.junction.server.session;

import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

import io.junction.cache.SqlAnalysis;
import io.junction.server.cache.CachePlan;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a session's statements on leased connections and turns their outcome into Avatica
 * results: an update count, or a cursor whose first frame goes back with the response.
 */
final class StatementExecutor {
    /** First-frame rows when the client does not say (Avatica's 100 costs a round trip per 100 rows). */
    static final int DEFAULT_FIRST_FRAME_ROWS = 1_000;
    /** Rows the upstream driver buffers per round trip while a cursor streams. */
    static final int UPSTREAM_FETCH_SIZE = 1_000;

    private final QueryCaching caching;
    private final ExplainCache explainCache;
    private final ParameterDescriptions parameterDescriptions;

    StatementExecutor(QueryCaching caching, ParameterDescriptions parameterDescriptions) {
        this.caching = caching;
        this.parameterDescriptions = parameterDescriptions;
        this.explainCache = new ExplainCache(caching);
    }

    Meta.Signature prepare(ClientSession session, String sql) {
        boolean mysqlSyntax = switch (session.source().dialect()) {
            case MARIADB, MYSQL -> true;
            default -> false;
        };
        int count = SqlText.countParameters(sql, mysqlSyntax);
        List<AvaticaParameter> parameters = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            // The upstream's driver decides the type from the value bound at execution, as it
            // would on a direct connection; describing here would fail where it does not.
            parameters.add(new AvaticaParameter(false, 0, 0, Types.OTHER, "OTHER", Object.class.getName(), "?" + i));
        }
        return Meta.Signature.create(List.of(), sql, parameters, Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
    }

    Meta.ExecuteResult executeSql(ClientSession session, GatewayStatement statement, String sql, long maxRowCount,
                                  int firstFrameRows) throws SQLException {
        statement.closeCursor();
        statement.keysGenerated(null);
        GeneratedKeyRequest keys = statement.takeKeyRequest();
        if (ExplainCache.matches(sql)) {
            return explainCache.explain(session, statement, sql, List.of(), maxRowCount, firstFrameRows);
        }
        StateEffect effect = StateStatements.classify(sql, session.source().dialect());
        CachePlan plan = caching.plan(session, sql, List.of(), maxRowCount);
        if (keys == null && (plan.needsResolution() || plan.cacheable())) {
            Meta.ExecuteResult cached = caching.execute(session, statement, plan, sql, firstFrameRows, effect, lease -> {
                Statement upstream = lease.connection().createStatement();
                limit(upstream, maxRowCount);
                run(session, statement, upstream, () -> upstream.execute(sql));
                return upstream;
            });
            if (cached != null) {
                return cached;
            }
        } else {
            caching.bypass(plan);
        }
        SqlAnalysis analysis = plan.analysis();
        caching.beforeRun(session, analysis, effect);
        Lease lease = session.lease(mayStream(sql, analysis, maxRowCount), effect);
        Statement upstream = null;
        try {
            Runnable invalidateAgain = caching.beforeWrite(session, List.of(analysis), lease);
            upstream = lease.connection().createStatement();
            limit(upstream, maxRowCount);
            Statement running = upstream;
            boolean hasResultSet = run(session, statement, upstream,
                    () -> keys == null ? running.execute(sql) : keys.execute(running, sql));
            session.afterStatement(lease, effect);
            caching.afterWrite(session, lease, invalidateAgain);
            caching.afterSuccess(session, lease, analysis);
            parameterDescriptions.afterSuccess(session, analysis);
            keepGeneratedKeys(session, statement, keys, upstream, hasResultSet);
            return result(session, statement, sql, lease, upstream, hasResultSet, firstFrameRows);
        } catch (SQLException | RuntimeException e) {
            abandon(lease, upstream);
            throw e;
        }
    }

    /** EXPLAIN CACHE facts for {@code query} under the session's state (the admin API's). */
    List<String[]> explainCache(ClientSession session, String query) throws SQLException {
        return explainCache.facts(session, query, List.of(), 0);
    }

    Meta.ExecuteResult executePrepared(ClientSession session, GatewayStatement statement, List<TypedValue> values,
                                       int firstFrameRows) throws SQLException {
        String sql = preparedSql(statement);
        statement.closeCursor();
        statement.keysGenerated(null);
        GeneratedKeyRequest keys = statement.keyRequest();
        List<TypedValue> parameters = values == null ? List.of() : values;
        if (ExplainCache.matches(sql)) {
            return explainCache.explain(session, statement, sql, parameters, statement.maxRows(), firstFrameRows);
        }
        CachePlan plan = caching.plan(session, sql, parameters, statement.maxRows());
        StateEffect effect = statement.effect(session.source().dialect());
        if (keys == null && (plan.needsResolution() || plan.cacheable())) {
            Meta.ExecuteResult cached = caching.execute(session, statement, plan, sql, firstFrameRows, effect, lease -> {
                PreparedStatement upstream = lease.connection().prepareStatement(sql);
                limit(upstream, statement.maxRows());
                binder(session).bind(upstream, parameters);
                run(session, statement, upstream, upstream::execute);
                return upstream;
            });
            if (cached != null) {
                return cached;
            }
        } else {
            caching.bypass(plan);
        }
        SqlAnalysis analysis = plan.analysis();
        caching.beforeRun(session, analysis, effect);
        for (int attempt = 1; ; attempt++) {
            Lease lease = session.lease(mayStream(sql, analysis, statement.maxRows()), effect);
            PreparedStatement upstream = null;
            try {
                Runnable invalidateAgain = caching.beforeWrite(session, List.of(analysis), lease);
                upstream = prepare(lease, sql, keys);
                limit(upstream, statement.maxRows());
                binder(session).bind(upstream, parameters);
                PreparedStatement running = upstream;
                boolean hasResultSet = run(session, statement, upstream, running::execute);
                session.afterStatement(lease, effect);
                caching.afterWrite(session, lease, invalidateAgain);
                caching.afterSuccess(session, lease, analysis);
            parameterDescriptions.afterSuccess(session, analysis);
                keepGeneratedKeys(session, statement, keys, upstream, hasResultSet);
                return result(session, statement, sql, lease, upstream, hasResultSet, firstFrameRows);
            } catch (SQLException e) {
                boolean retry = attempt == 1 && isStalePlan(e) && !lease.isSessionTransaction();
                abandon(lease, upstream);
                if (!retry) {
                    throw e;
                }
                // DDL changed a table under the upstream's cached plan; outside a transaction the
                // statement can simply run again, re-planned (never inside one: it is aborted).
            } catch (RuntimeException e) {
                abandon(lease, upstream);
                throw e;
            }
        }
    }

    long[] executeBatch(ClientSession session, GatewayStatement statement, List<List<TypedValue>> rows)
            throws SQLException {
        String sql = preparedSql(statement);
        statement.keysGenerated(null);
        GeneratedKeyRequest keys = statement.keyRequest();
        StateEffect effect = statement.effect(session.source().dialect());
        SqlAnalysis analysis = caching.source(session).analyse(sql);
        caching.beforeRun(session, analysis, effect);
        Lease lease = session.lease(false, effect);
        boolean success = false;
        try (PreparedStatement upstream = prepare(lease, sql, keys)) {
            Runnable invalidateAgain = caching.beforeWrite(session, List.of(analysis), lease);
            ParameterBinder binder = binder(session);
            for (List<TypedValue> row : rows) {
                binder.bind(upstream, row);
                upstream.addBatch();
            }
            try {
                long[] counts = run(session, statement, upstream, upstream::executeLargeBatch);
                session.afterStatement(lease, effect);
                keepGeneratedKeys(session, statement, keys, upstream, false);
                success = true;
                return counts;
            } finally {
                // Part of a failed batch may have been applied: invalidate either way.
                caching.afterWrite(session, lease, invalidateAgain);
            }
        } finally {
            lease.release(success);
        }
    }

    long[] executeSqlBatch(ClientSession session, GatewayStatement statement, List<String> sqlCommands)
            throws SQLException {
        StateEffect effect = StateEffect.NONE;
        List<SqlAnalysis> analyses = new ArrayList<>(sqlCommands.size());
        for (String sql : sqlCommands) {
            StateEffect one = StateStatements.classify(sql, session.source().dialect());
            effect = effect.and(one);
            SqlAnalysis analysis = caching.source(session).analyse(sql);
            caching.beforeRun(session, analysis, one);
            analyses.add(analysis);
        }
        Lease lease = session.lease(false, effect);
        boolean success = false;
        try (Statement upstream = lease.connection().createStatement()) {
            Runnable invalidateAgain = caching.beforeWrite(session, analyses, lease);
            for (String sql : sqlCommands) {
                upstream.addBatch(sql);
            }
            try {
                long[] counts = run(session, statement, upstream, upstream::executeLargeBatch);
                session.afterStatement(lease, effect);
                success = true;
                analyses.forEach(analysis -> {
                    caching.afterSuccess(session, lease, analysis);
                    parameterDescriptions.afterSuccess(session, analysis);
                });
                return counts;
            } finally {
                caching.afterWrite(session, lease, invalidateAgain);
            }
        } finally {
            lease.release(success);
        }
    }

    /**
     * Runs the upstream call where a cancel from another request can reach it, with the client's
     * query timeout; either ending it surfaces as 57014.
     */
    private static <T> T run(ClientSession session, GatewayStatement statement, Statement upstream,
                             UpstreamCall<T> call) throws SQLException {
        if (statement.queryTimeoutSeconds() > 0) {
            upstream.setQueryTimeout(statement.queryTimeoutSeconds());
        }
        RunningStatements.Execution execution = session.running().started(statement.id(), upstream);
        try {
            return call.run();
        } catch (SQLException e) {
            if (execution.cancelled()) {
                throw GatewayException.of(JunctionSqlState.QUERY_CANCELED, "Statement " + statement.id()
                        + " was cancelled on request (upstream said: " + e.getMessage() + ").");
            }
            if (statement.queryTimeoutSeconds() > 0 && (e instanceof SQLTimeoutException
                    || JunctionSqlState.QUERY_CANCELED.code().equals(e.getSQLState()))) {
                throw GatewayException.of(JunctionSqlState.QUERY_CANCELED, "Statement " + statement.id()
                        + " exceeded its query timeout of " + statement.queryTimeoutSeconds()
                        + " s (upstream said: " + e.getMessage() + ").");
            }
            throw e;
        } finally {
            session.running().finished(statement.id(), execution);
        }
    }

    /** PostgreSQL's answer when a cached plan's result type changed under it (after DDL). */
    private static boolean isStalePlan(SQLException e) {
        return "0A000".equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("cached plan must not change result type");
    }

    @FunctionalInterface
    private interface UpstreamCall<T> {
        T run() throws SQLException;
    }

    Meta.Frame fetch(GatewayStatement statement, long offset, int maxRows) throws SQLException {
        MemoryCursor memory = statement.memoryCursor();
        if (memory != null) {
            return memory.next(offset, maxRows > 0 ? maxRows : DEFAULT_FIRST_FRAME_ROWS);
        }
        Cursor cursor = statement.cursor();
        if (cursor == null) {
            return Meta.Frame.create(offset, true, List.of());
        }
        return cursor.next(offset, maxRows > 0 ? maxRows : DEFAULT_FIRST_FRAME_ROWS);
    }

    private Meta.ExecuteResult result(ClientSession session, GatewayStatement statement, String sql, Lease lease,
                                      Statement upstream, boolean hasResultSet, int firstFrameRows)
            throws SQLException {
        return result(session, statement, sql, lease, upstream, hasResultSet, firstFrameRows,
                hasResultSet ? upstream.getResultSet() : null);
    }

    /**
     * The outcome of an executed statement: its update count, or a cursor over {@code resultSet}
     * with the first frame. {@code upstream} may be null when the result set owns its resources.
     */
    Meta.ExecuteResult result(ClientSession session, GatewayStatement statement, String sql, Lease lease,
                              Statement upstream, boolean hasResultSet, int firstFrameRows, ResultSet resultSet)
            throws SQLException {
        String connectionId = session.id();
        if (!hasResultSet) {
            long count = Math.max(0, upstream.getLargeUpdateCount());
            upstream.close();
            lease.release(true);
            return new Meta.ExecuteResult(List.of(Meta.MetaResultSet.count(connectionId, statement.id(), count)));
        }
        ResultColumns columns = ResultColumns.of(resultSet.getMetaData(), session.clientZone(), session.preciseTemporals());
        Cursor cursor = new Cursor(lease, upstream, resultSet, columns);
        statement.open(cursor);
        Meta.Frame first = cursor.next(0, firstFrameRows > 0 ? firstFrameRows : DEFAULT_FIRST_FRAME_ROWS);
        Meta.Signature signature = Meta.Signature.create(columns.metaData(), sql, List.of(), Meta.CursorFactory.LIST,
                Meta.StatementType.SELECT);
        return new Meta.ExecuteResult(List.of(
                Meta.MetaResultSet.create(connectionId, statement.id(), true, signature, first)));
    }

    private static PreparedStatement prepare(Lease lease, String sql, GeneratedKeyRequest keys) throws SQLException {
        return keys == null ? lease.connection().prepareStatement(sql) : keys.prepare(lease.connection(), sql);
    }

    /** Reads the keys an execution generated, when the client asked for them, before its result is consumed. */
    private static void keepGeneratedKeys(ClientSession session, GatewayStatement statement, GeneratedKeyRequest keys,
                                          Statement upstream, boolean hasResultSet) throws SQLException {
        if (keys != null && !hasResultSet) {
            statement.keysGenerated(StoredResult.read(upstream.getGeneratedKeys(), session.clientZone(),
                    session.preciseTemporals()));
        }
    }

    /**
     * Whether a statement's rows may take more than one upstream fetch, so a driver that streams only inside a
     * transaction (pgjdbc) must get one. A query whose row limit fits one fetch is read whole by that fetch
     * anyway, and runs without the BEGIN and COMMIT around it (a BI tool's 200-row preview, say).
     */
    private static boolean mayStream(String sql, SqlAnalysis analysis, long maxRows) {
        return SqlText.looksLikeQuery(sql) && !analysis.invalidates()
                && (maxRows <= 0 || maxRows > UPSTREAM_FETCH_SIZE);
    }

    static void limit(Statement upstream, long maxRows) throws SQLException {
        if (maxRows > 0) {
            upstream.setMaxRows((int) Math.min(maxRows, Integer.MAX_VALUE));
        }
        upstream.setFetchSize(UPSTREAM_FETCH_SIZE);
    }

    private static String preparedSql(GatewayStatement statement) {
        Meta.Signature signature = statement.signature();
        if (signature == null) {
            throw GatewayException.of(JunctionSqlState.INVALID_HANDLE, "Statement " + statement.id()
                    + " was not prepared; prepare it before executing it with parameters.");
        }
        return signature.sql;
    }

    private static ParameterBinder binder(ClientSession session) {
        return ParameterBinder.of(session, session.source().dialect());
    }

    static void abandon(Lease lease, Statement upstream) {
        try {
            if (upstream != null) {
                upstream.close();
            }
        } catch (SQLException ignored) {
            // The statement's error is the one to report.
        }
        try {
            lease.release(false);
        } catch (SQLException ignored) {
            // Likewise: the connection is returned (and evicted if broken) regardless.
        }
    }
}
