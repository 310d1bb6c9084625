package io.junction.server.session;

import io.junction.cache.BypassReason;
import io.junction.cache.CacheKey;
import io.junction.cache.ResultCache;
import io.junction.cache.SqlAnalysis;
import io.junction.cache.StoredResult;
import io.junction.cache.VersionStamp;
import io.junction.server.cache.CachePlan;
import io.junction.server.cache.GatewayCache;
import io.junction.server.cache.Invalidation;
import io.junction.server.cache.SessionFacts;
import io.junction.server.cache.SourceCache;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The result cache on the statement path: answers cacheable queries from memory (or loads them
 * once for every concurrent asker), and makes every write through Junction invalidate what it
 * touches, before it runs and again after it commits.
 */
final class QueryCaching {
    private static final Logger LOG = LoggerFactory.getLogger(QueryCaching.class);
    private static final java.util.Set<Integer> SNAPSHOT_ISOLATIONS = java.util.Set.of(
            Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE);

    /**
     * Runs the query on the lease a load took, as any statement runs (cancel and query timeout
     * apply), and returns the executed statement.
     */
    @FunctionalInterface
    interface Upstream {
        Statement run(Lease lease) throws SQLException;
    }

    private final GatewayCache cache;

    QueryCaching(GatewayCache cache) {
        this.cache = cache;
    }

    /** The cache's decision for a statement of this session. */
    CachePlan plan(ClientSession session, String sql, List<TypedValue> parameters, long maxRows) {
        return cache.plan(source(session), sql, () -> facts(session, parameters, maxRows));
    }

    /**
     * Serves a cacheable query from the cache, leading or joining its load on a miss. Null when it
     * must run uncached after all (the bypass is counted).
     */
    Meta.ExecuteResult execute(ClientSession session, GatewayStatement statement, CachePlan plan, String sql,
                               int firstFrameRows, StateEffect effect, Upstream upstream) throws SQLException {
        SourceCache source = source(session);
        if (plan.needsResolution()) {
            plan = resolve(session, source, plan);
        }
        if (!plan.cacheable()) {
            bypass(plan);
            return null;
        }
        CachePlan resolved = plan;
        return answer(session, statement, sql, plan.key(), () -> source.stamp(resolved.resolution().tables()),
                plan.ttl(), firstFrameRows, () -> {
                    // The same lease and bookkeeping as any statement; only a leader reaches upstream.
                    Lease lease = session.lease(true, effect);
                    Statement executed = null;
                    try {
                        executed = upstream.run(lease);
                        session.afterStatement(lease, effect);
                        return new Opened(lease, executed, executed.getResultSet());
                    } catch (SQLException | RuntimeException e) {
                        StatementExecutor.abandon(lease, executed);
                        throw e;
                    }
                });
    }

    /** A query started upstream for a load: its lease, its statement (may be null) and its rows. */
    record Opened(Lease lease, Statement statement, ResultSet resultSet) {
    }

    /** Starts the query of a load; releases what it took if it fails. */
    @FunctionalInterface
    interface Opener {
        Opened open() throws SQLException;
    }

    /**
     * Answers a cacheable query under {@code key}: from a stored result, from the load in flight
     * of an identical query, or by leading the load itself (only then is {@code opener} called).
     * Null when it must run uncached after all (the leader stored nothing).
     */
    Meta.ExecuteResult answer(ClientSession session, GatewayStatement statement, String sql, CacheKey key,
                              Supplier<VersionStamp> stamp, Duration ttl, int firstFrameRows, Opener opener)
            throws SQLException {
        ResultCache.Access access = cache.results().access(key, stamp);
        if (access instanceof ResultCache.Hit hit) {
            return serve(session, statement, sql, hit.result(), firstFrameRows);
        }
        if (access instanceof ResultCache.Follow follow) {
            try {
                return serve(session, statement, sql, follow.result().get(), firstFrameRows);
            } catch (ExecutionException | CancellationException e) {
                return null; // the leader stored nothing; this caller runs the query itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return lead(session, statement, sql, ttl, firstFrameRows, opener, ((ResultCache.Lead) access).load());
    }

    /** Counts a plan's bypass. */
    void bypass(CachePlan plan) {
        plan.bypass().ifPresent(cache.results().statistics()::recordBypass);
    }

    /**
     * Invalidates what a write touches before it runs; the returned step invalidates again once
     * it has committed. Session-state effects are recorded by {@link #afterSuccess}.
     */
    Runnable beforeWrite(ClientSession session, List<SqlAnalysis> analyses, Lease lease) {
        SourceCache source = source(session);
        if (!source.enabled() || analyses.stream().noneMatch(SqlAnalysis::invalidates)) {
            // Nothing of a source with the cache off is ever stored, so nothing can go stale.
            return () -> { };
        }
        String fingerprint = facts(session, List.of(), 0).fingerprint();
        Invalidation invalidation = null;
        for (SqlAnalysis analysis : analyses) {
            if (!analysis.invalidates()) {
                continue;
            }
            Invalidation one = source.invalidationFor(analysis, lease.connection(), fingerprint);
            invalidation = invalidation == null ? one : merge(invalidation, one);
            if (analysis.ddl()) {
                source.forgetCatalog();
            }
        }
        if (invalidation == null) {
            return () -> { };
        }
        if (invalidation.wholeSource()) {
            LOG.debug("Source {}: a write invalidates every cached result ({})", source.source(),
                    invalidation.reason());
        }
        source.invalidate(invalidation);
        Invalidation owed = invalidation;
        return () -> source.invalidate(owed);
    }

    /** After a write ran: invalidate again now (autocommit) or when the session's transaction ends. */
    void afterWrite(ClientSession session, Lease lease, Runnable invalidateAgain) {
        if (lease.isSessionTransaction()) {
            session.cacheState().wroteInTransaction(invalidateAgain);
        } else {
            invalidateAgain.run();
        }
    }

    /**
     * Before a statement runs: what the session's tracked state cannot describe. Tracked
     * parameters, catalog, schema and pins are the session's own record ({@link #facts}); this
     * adds what only the cache's analyser sees: calls with unknown effects on the session (for
     * good), and state scoped to the open transaction (SET LOCAL, SET TRANSACTION, a temporary
     * table dropped on commit), until it ends.
     */
    void beforeRun(ClientSession session, SqlAnalysis analysis, StateEffect effect) {
        if (analysis.sessionEffect() == SqlAnalysis.SessionEffect.UNTRACKED) {
            session.cacheState().markUntracked();
            return;
        }
        boolean inTransaction = session.inTransaction() || !session.state().autoCommit();
        boolean untrackedSet = analysis.sessionEffect() == SqlAnalysis.SessionEffect.TRACKED
                && (effect.isNone() || effect.transactionIsolation() || !effect.local().isEmpty());
        if (inTransaction && (untrackedSet || analysis.ddl())) {
            session.cacheState().stateChangedForTransaction();
        }
    }

    void afterSuccess(ClientSession session, Lease lease, SqlAnalysis analysis) {
        boolean mayHoldLocks = analysis.bypass().filter(BypassReason.LOCKING_READ::equals).isPresent()
                || analysis.kind() == io.junction.cache.StatementKind.OTHER_READ;
        if (mayHoldLocks && lease.isSessionTransaction()) {
            // A transaction holding row or table locks must not wait for another session's load,
            // which those locks could block: it reads upstream until it ends, as if it had written.
            session.cacheState().wroteInTransaction(() -> { });
        }
    }

    /** What the cache needs to know of a session: its tracked state is the key's fingerprint. */
    SessionFacts facts(ClientSession session, List<TypedValue> parameters, long maxRows) {
        Map<String, String> tracked = session.trackedParameters();
        ConnectionPropertiesView state = ConnectionPropertiesView.of(session);
        boolean snapshot = !session.state().autoCommit() && (SNAPSHOT_ISOLATIONS.contains(state.isolation())
                || tracked.entrySet().stream().anyMatch(QueryCaching::isSnapshotIsolationSetting));
        PinReason pin = session.pinReason();
        boolean unknownState = session.cacheState().untracked() || (pin != null && pin.changesReads());
        // Full-precision clients get times as text, others as milliseconds: different rows.
        String fingerprint = SessionFacts.fingerprint(session.clientZone(), state.catalog(), state.schema(), tracked)
                + "\npreciseTemporals=" + session.preciseTemporals();
        return new SessionFacts(fingerprint, session.owner().name(), unknownState,
                session.cacheState().transactionHasWritten(), snapshot, maxRows, keyParameters(parameters));
    }

    /** A tracked isolation parameter (PostgreSQL's default_transaction_isolation, MariaDB's tx_isolation). */
    private static boolean isSnapshotIsolationSetting(Map.Entry<String, String> parameter) {
        String value = parameter.getValue().toLowerCase(java.util.Locale.ROOT).replace('-', ' ');
        return parameter.getKey().contains("isolation")
                && (value.equals("repeatable read") || value.equals("serializable"));
    }

    SourceCache source(ClientSession session) {
        return cache.forSource(session.source().name()).orElseThrow();
    }

    GatewayCache gatewayCache() {
        return cache;
    }

    private CachePlan resolve(ClientSession session, SourceCache source, CachePlan plan) throws SQLException {
        Lease lease = session.lease(false);
        boolean success = false;
        try {
            CachePlan resolved = cache.resolve(source, plan, lease.connection(),
                    facts(session, List.of(), 0).fingerprint());
            success = true;
            return resolved;
        } finally {
            lease.release(success);
        }
    }

    private Meta.ExecuteResult lead(ClientSession session, GatewayStatement statement, String sql, Duration ttl,
                                    int firstFrameRows, Opener opener, ResultCache.Load load) throws SQLException {
        Opened opened = null;
        try {
            opened = opener.open();
            ResultSet resultSet = opened.resultSet();
            if (resultSet == null) {
                throw new SQLException("the statement returned no result set", "HY000");
            }
            ResultColumns columns = ResultColumns.of(resultSet.getMetaData(), session.clientZone(),
                    session.preciseTemporals());
            while (resultSet.next()) {
                Object[] row = columns.readRow(resultSet);
                if (!load.add(row)) {
                    // Too large to keep: the client reads what was read, then the rest from upstream.
                    List<Object[]> readAhead = new ArrayList<>(load.rows());
                    readAhead.add(row);
                    Cursor cursor = new Cursor(opened.lease(), opened.statement(), resultSet, columns, readAhead);
                    statement.open(cursor);
                    Meta.Frame first = cursor.next(0, frameRows(firstFrameRows));
                    return result(session, statement, sql, columns.metaData(), first);
                }
            }
            resultSet.close();
            closeQuietly(opened.statement());
            opened.lease().release(true);
            StoredResult stored = load.complete(columns.metaData(), ttl);
            return serve(session, statement, sql, stored, firstFrameRows);
        } catch (SQLException | RuntimeException e) {
            if (!load.isFinished()) {
                load.fail(e);
            }
            if (opened != null) {
                closeQuietly(opened.resultSet());
                StatementExecutor.abandon(opened.lease(), opened.statement());
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    static Meta.ExecuteResult serve(ClientSession session, GatewayStatement statement, String sql,
                                            StoredResult stored, int firstFrameRows) {
        List<ColumnMetaData> columns = (List<ColumnMetaData>) stored.columns();
        MemoryCursor cursor = new MemoryCursor(columns, stored.rows());
        statement.open(cursor);
        return result(session, statement, sql, columns, cursor.next(0, frameRows(firstFrameRows)));
    }

    static Meta.ExecuteResult result(ClientSession session, GatewayStatement statement, String sql,
                                     List<ColumnMetaData> columns, Meta.Frame first) {
        Meta.Signature signature = Meta.Signature.create(columns, sql, List.of(), Meta.CursorFactory.LIST,
                Meta.StatementType.SELECT);
        return new Meta.ExecuteResult(List.of(
                Meta.MetaResultSet.create(session.id(), statement.id(), true, signature, first)));
    }

    private static int frameRows(int firstFrameRows) {
        return firstFrameRows > 0 ? firstFrameRows : StatementExecutor.DEFAULT_FIRST_FRAME_ROWS;
    }

    private static Invalidation merge(Invalidation a, Invalidation b) {
        if (a.wholeSource()) {
            return a;
        }
        if (b.wholeSource()) {
            return b;
        }
        java.util.Set<String> tables = new java.util.LinkedHashSet<>(a.tables());
        tables.addAll(b.tables());
        return Invalidation.tables(tables);
    }

    /** The types of values (type, and tag if any), null for an unset one: what a description depends on. */
    static List<String> keyTypes(List<TypedValue> values) {
        List<String> types = new ArrayList<>(values.size());
        for (TypedValue value : values) {
            org.apache.calcite.avatica.ColumnMetaData.Rep tag = ParameterTags.tagOf(value);
            types.add(value == null ? null : tag == null ? value.type.name() : value.type.name() + "/" + tag.name());
        }
        return java.util.Collections.unmodifiableList(types);
    }

    static List<CacheKey.TypedParameter> keyParameters(List<TypedValue> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<CacheKey.TypedParameter> parameters = new ArrayList<>(values.size());
        for (TypedValue value : values) {
            Object v = value.value;
            if (v instanceof byte[] bytes) {
                v = HexFormat.of().formatHex(bytes);
            }
            // A tag (a typed null's type, a TIME in microseconds) changes what the value means.
            org.apache.calcite.avatica.ColumnMetaData.Rep tag = ParameterTags.tagOf(value);
            parameters.add(new CacheKey.TypedParameter(tag == null ? value.type.name()
                    : value.type.name() + "/" + tag.name(), v));
        }
        return parameters;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            if (resource != null) {
                resource.close();
            }
        } catch (Exception ignored) {
            // The statement's error is the one to report.
        }
    }

    /** The session's effective JDBC state, upstream defaults filled in. */
    private record ConnectionPropertiesView(int isolation, String catalog, String schema) {
        static ConnectionPropertiesView of(ClientSession session) {
            var properties = session.state().toProperties(
                    MetadataService.defaultIsolation(session.source().identity()));
            return new ConnectionPropertiesView(properties.getTransactionIsolation(), properties.getCatalog(),
                    properties.getSchema());
        }
    }
}
