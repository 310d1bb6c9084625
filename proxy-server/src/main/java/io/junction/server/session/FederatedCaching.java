package io.junction.server.session;

import io.junction.cache.BypassReason;
import io.junction.federation.FederatedPlan;
import io.junction.server.cache.CachePlan;
import io.junction.server.cache.FederatedCache;
import io.junction.server.cache.GatewayCache;
import io.junction.server.cache.SessionFacts;
import io.junction.server.cache.SourceCache;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.upstream.Source;
import io.junction.server.upstream.SourceRegistry;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The result cache for federated sessions ({@link FederatedExecutor}'s collaborator). A query sent
 * to one source whole is cached as a passthrough query of a fresh session of that source (the
 * federated session carries no upstream state, and its connections are clean); a query across
 * sources is decided by {@link FederatedCache}. Either way the validated plan comes first, so the
 * user's grants hold before any lookup.
 */
final class FederatedCaching {
    private final QueryCaching caching;
    private final FederatedCache federated;
    private final SourceRegistry sources;

    FederatedCaching(QueryCaching caching, SourceRegistry sources) {
        this.caching = caching;
        this.federated = new FederatedCache(caching.gatewayCache());
        this.sources = sources;
    }

    /**
     * Answers a planned query from the cache, or loads it through {@code opener}. Null when it must
     * run uncached (the bypass is counted).
     */
    Meta.ExecuteResult execute(ClientSession session, GatewayStatement statement, String sql, FederatedPlan plan,
                               List<TypedValue> values, long maxRows, int firstFrameRows,
                               QueryCaching.Opener opener) throws SQLException {
        SessionFacts facts = facts(session, values, maxRows);
        GatewayCache cache = caching.gatewayCache();
        if (plan instanceof FederatedPlan.SingleSource single) {
            SourceCache source = cache.forSource(single.source().name()).orElseThrow();
            CachePlan decided = singleSource(source, single, facts);
            if (!decided.cacheable()) {
                caching.bypass(decided);
                return null;
            }
            return caching.answer(session, statement, single.sql(), decided.key(),
                    () -> source.stamp(decided.resolution().tables()), decided.ttl(), firstFrameRows, opener);
        }
        if (plan instanceof FederatedPlan.CrossSource cross) {
            FederatedCache.Decision decision = federated.plan(sql, cross.tables(), facts, this::cleanConnection);
            CachePlan decided = decision.plan();
            if (!decided.cacheable()) {
                caching.bypass(decided);
                return null;
            }
            return caching.answer(session, statement, sql, decided.key(), () -> decision.stamp(cache), decided.ttl(),
                    firstFrameRows, opener);
        }
        return null;
    }

    /** {@code EXPLAIN CACHE <query>} in a federated session: the facts for the query's plan. */
    List<String[]> explain(ClientSession session, FederatedPlan plan, String query, List<TypedValue> values,
                           long maxRows) throws SQLException {
        SessionFacts facts = facts(session, values, maxRows);
        if (plan instanceof FederatedPlan.SingleSource single) {
            SourceCache source = caching.gatewayCache().forSource(single.source().name()).orElseThrow();
            List<String[]> rows = new ArrayList<>(caching.gatewayCache().explain(source,
                    singleSource(source, single, facts), facts));
            rows.add(new String[] {"federation", "single source " + source.source() + ", sent whole: "
                    + single.sql()});
            return rows;
        }
        if (plan instanceof FederatedPlan.CrossSource cross) {
            return federated.explain(federated.plan(query, cross.tables(), facts, this::cleanConnection),
                    cross.tables(), facts);
        }
        return List.of(new String[] {"cached", "no"}, new String[] {"reason", BypassReason.NOT_A_QUERY.name()},
                new String[] {"why", BypassReason.NOT_A_QUERY.description() + ": EXPLAIN"});
    }

    /** The federated session's facts: its zone and time precision; no upstream state, no transaction. */
    static SessionFacts facts(ClientSession session, List<TypedValue> values, long maxRows) {
        // The same fingerprint as a fresh passthrough session: both read on clean connections.
        String fingerprint = SessionFacts.fingerprint(session.clientZone(), null, null, Map.of())
                + "\npreciseTemporals=" + session.preciseTemporals();
        return new SessionFacts(fingerprint, session.owner().name(), false, false, false, maxRows,
                QueryCaching.keyParameters(values));
    }

    private CachePlan singleSource(SourceCache source, FederatedPlan.SingleSource single, SessionFacts facts)
            throws SQLException {
        GatewayCache cache = caching.gatewayCache();
        CachePlan decided = cache.plan(source, single.sql(), () -> facts);
        if (decided.needsResolution()) {
            try (Connection connection = cleanConnection(source.source())) {
                decided = cache.resolve(source, decided, connection, facts.fingerprint());
            }
        }
        return decided;
    }

    private Connection cleanConnection(String name) {
        Source source = sources.find(name).orElseThrow(() -> GatewayException.of(JunctionSqlState.INTERNAL_ERROR,
                "Source '" + name + "' left the registry"));
        return source.acquireClean();
    }
}
