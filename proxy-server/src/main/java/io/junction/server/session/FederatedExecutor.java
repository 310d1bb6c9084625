package io.junction.server.session;

import io.junction.federation.FederatedParameter;
import io.junction.federation.FederatedPlan;
import io.junction.federation.FederatedRows;
import io.junction.federation.Federation;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.upstream.Source;
import io.junction.server.upstream.SourceRegistry;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the statements of a federated session ({@code jdbc:junction://host:port/}, DESIGN.md
 * decision 8). A query whose tables live in one source is sent to it whole, in its own dialect,
 * on a connection leased from its pool, and streams like a passthrough result; a query across
 * sources is run by {@link Federation} and streams through the same {@link Cursor}.
 *
 * <p>Result cache: {@link #run} is the one place a federated SELECT executes, with the validated
 * plan in hand; {@link FederatedCaching} answers it from the cache or loads it there.
 */
final class FederatedExecutor {
    private final Federation federation;
    private final SourceRegistry sources;
    private final StatementExecutor results;
    private final FederatedCaching caching;

    FederatedExecutor(Federation federation, SourceRegistry sources, StatementExecutor results,
                      FederatedCaching caching) {
        this.federation = federation;
        this.sources = sources;
        this.results = results;
        this.caching = caching;
    }

    Meta.Signature prepare(ClientSession session, String sql) throws SQLException {
        boolean explainCache = ExplainCache.matches(sql);
        FederatedPlan plan = plan(session, explainCache ? ExplainCache.query(sql) : sql);
        List<AvaticaParameter> parameters = new ArrayList<>();
        if (!explainCache && plan instanceof FederatedPlan.CrossSource cross) {
            // Typed by Calcite from where each ? stands.
            for (FederatedParameter parameter : cross.query().parameters()) {
                parameters.add(new AvaticaParameter(true, parameter.precision(), parameter.scale(),
                        parameter.jdbcType(), parameter.typeName(), Object.class.getName(),
                        "?" + (parameters.size() + 1)));
            }
        } else {
            int count = SqlText.countParameters(sql, false);
            for (int i = 1; i <= count; i++) {
                parameters.add(new AvaticaParameter(false, 0, 0, Types.OTHER, "OTHER", Object.class.getName(),
                        "?" + i));
            }
        }
        return Meta.Signature.create(List.of(), sql, parameters, Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
    }

    Meta.ExecuteResult executeSql(ClientSession session, GatewayStatement statement, String sql, long maxRowCount,
                                  int firstFrameRows) throws SQLException {
        statement.closeCursor();
        if (ExplainCache.matches(sql)) {
            String query = ExplainCache.query(sql);
            return ExplainCache.rows(session, statement, sql,
                    caching.explain(session, plan(session, query), query, List.of(), maxRowCount), firstFrameRows);
        }
        return run(session, statement, sql, plan(session, sql), List.of(), maxRowCount, firstFrameRows);
    }

    /** EXPLAIN CACHE facts for {@code query} as this session would run it (the admin API's). */
    List<String[]> explainCache(ClientSession session, String query) throws SQLException {
        return caching.explain(session, plan(session, query), query, List.of(), 0);
    }

    Meta.ExecuteResult executePrepared(ClientSession session, GatewayStatement statement, List<TypedValue> values,
                                       int firstFrameRows) throws SQLException {
        Meta.Signature signature = statement.signature();
        if (signature == null) {
            throw GatewayException.of(JunctionSqlState.INVALID_HANDLE, "Statement " + statement.id()
                    + " was not prepared; prepare it before executing it with parameters.");
        }
        statement.closeCursor();
        List<TypedValue> parameters = values == null ? List.of() : values;
        if (ExplainCache.matches(signature.sql)) {
            String query = ExplainCache.query(signature.sql);
            return ExplainCache.rows(session, statement, signature.sql, caching.explain(session, plan(session, query),
                    query, parameters, statement.maxRows()), firstFrameRows);
        }
        return run(session, statement, signature.sql, plan(session, signature.sql), parameters, statement.maxRows(),
                firstFrameRows);
    }

    private FederatedPlan plan(ClientSession session, String sql) throws SQLException {
        return federation.plan(session.owner().grantedSources(), sql);
    }

    private Meta.ExecuteResult run(ClientSession session, GatewayStatement statement, String sql, FederatedPlan plan,
                                   List<TypedValue> values, long maxRows, int firstFrameRows) throws SQLException {
        if (plan instanceof FederatedPlan.SingleSource single) {
            Meta.ExecuteResult cached = caching.execute(session, statement, sql, plan, values, maxRows,
                    firstFrameRows, () -> openInSource(session, single, values, maxRows));
            return cached != null ? cached : runInSource(session, statement, single, values, maxRows, firstFrameRows);
        }
        if (plan instanceof FederatedPlan.CrossSource cross) {
            List<Object> parameters = FederatedValues.of(session, values);
            Meta.ExecuteResult cached = caching.execute(session, statement, sql, plan, values, maxRows,
                    firstFrameRows, () -> new QueryCaching.Opened(Lease.none(), null,
                            FederatedResultSet.over(federation.execute(cross.query(), parameters))));
            if (cached != null) {
                return cached;
            }
            FederatedRows rows = federation.execute(cross.query(), parameters);
            return results.result(session, statement, sql, Lease.none(), null, true,
                    firstFrameRows, FederatedResultSet.over(rows));
        }
        return explain(session, statement, ((FederatedPlan.Explain) plan).lines());
    }

    private Meta.ExecuteResult runInSource(ClientSession session, GatewayStatement statement,
                                           FederatedPlan.SingleSource plan, List<TypedValue> values, long maxRows,
                                           int firstFrameRows) throws SQLException {
        QueryCaching.Opened opened = openInSource(session, plan, values, maxRows);
        try {
            return results.result(session, statement, plan.sql(), opened.lease(), opened.statement(),
                    opened.resultSet() != null, firstFrameRows, opened.resultSet());
        } catch (SQLException | RuntimeException e) {
            StatementExecutor.abandon(opened.lease(), opened.statement());
            throw e;
        }
    }

    /** Runs a single-source plan on a clean connection of its source; its result set is null for a count. */
    private QueryCaching.Opened openInSource(ClientSession session, FederatedPlan.SingleSource plan,
                                             List<TypedValue> values, long maxRows) throws SQLException {
        Source source = sources.find(plan.source().name()).orElseThrow(() -> GatewayException.of(
                JunctionSqlState.INTERNAL_ERROR, "Source '" + plan.source().name() + "' left the registry"));
        Connection connection = source.acquireClean();
        Lease lease;
        if (source.dialect().streamsOnlyInTransaction()) {
            connection.setAutoCommit(false);
            lease = Lease.forStreamingStatement(connection, false);
        } else {
            lease = Lease.forStatement(connection, false);
        }
        Statement upstream = null;
        try {
            boolean hasResultSet;
            if (values.isEmpty()) {
                upstream = connection.createStatement();
                StatementExecutor.limit(upstream, maxRows);
                hasResultSet = upstream.execute(plan.sql());
            } else {
                PreparedStatement prepared = connection.prepareStatement(plan.sql());
                upstream = prepared;
                StatementExecutor.limit(prepared, maxRows);
                ParameterBinder.of(session, source.dialect()).bind(prepared, values);
                hasResultSet = prepared.execute();
            }
            return new QueryCaching.Opened(lease, upstream, hasResultSet ? upstream.getResultSet() : null);
        } catch (SQLException | RuntimeException e) {
            StatementExecutor.abandon(lease, upstream);
            throw e;
        }
    }

    private static Meta.ExecuteResult explain(ClientSession session, GatewayStatement statement, List<String> lines) {
        ColumnMetaData column = MetaResults.column(0, "PLAN", Types.VARCHAR);
        List<Object> rows = new ArrayList<>(lines.size());
        lines.forEach(line -> rows.add(new Object[] {line}));
        Meta.Signature signature = Meta.Signature.create(List.of(column), null, List.of(), Meta.CursorFactory.LIST,
                Meta.StatementType.SELECT);
        return new Meta.ExecuteResult(List.of(Meta.MetaResultSet.create(session.id(), statement.id(), true, signature,
                Meta.Frame.create(0, true, rows))));
    }

}
