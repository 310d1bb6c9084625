package io.junction.server.cache;

import io.junction.cache.BypassReason;
import io.junction.cache.CacheKey;
import io.junction.cache.ResultCache;
import io.junction.cache.SqlAnalysis;
import io.junction.cache.TableVersions;
import io.junction.server.config.CacheSettings;
import io.junction.server.config.SourceCacheSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.upstream.Source;
import io.junction.server.upstream.SourceRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gateway's result cache (DESIGN.md decision 9): one byte-bounded store for every source, the
 * sources' table versions, and the decision whether a query may be answered from it.
 */
public final class GatewayCache {
    private final ResultCache results;
    private final TableVersions versions = new TableVersions();
    private final Map<String, SourceCache> sources = new HashMap<>();

    public GatewayCache(CacheSettings settings, SourceRegistry registry, Map<String, SourceSettings> sourceSettings) {
        this.results = new ResultCache(settings.maxBytes(), settings.maxEntryBytes());
        for (Source source : registry.all()) {
            SourceSettings configured = sourceSettings.get(source.name());
            sources.put(source.name(), new SourceCache(source.name(), configured == null ? null : configured.user(),
                    source.dialect(), configured == null ? SourceCacheSettings.defaults() : configured.cache(),
                    versions));
        }
    }

    public Optional<SourceCache> forSource(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    public ResultCache results() {
        return results;
    }

    /** Decides what the cache may do with a query, before any connection is needed. */
    public CachePlan plan(SourceCache source, String sql, java.util.function.Supplier<SessionFacts> facts) {
        SqlAnalysis analysis = source.analyse(sql);
        if (!source.enabled()) {
            return CachePlan.bypass(analysis, BypassReason.DISABLED, source.settings().enabled()
                    ? "the source's SQL dialect has no catalog support" : "sources." + source.source() + ".cache.enabled is false");
        }
        if (!analysis.cacheable()) {
            return CachePlan.bypass(analysis, analysis.bypass().orElse(BypassReason.NOT_A_QUERY), analysis.detail());
        }
        SessionFacts session = facts.get();
        if (session.stateUntracked()) {
            return CachePlan.bypass(analysis, BypassReason.SESSION_STATE_UNKNOWN, "");
        }
        if (session.transactionHasWritten()) {
            return CachePlan.bypass(analysis, BypassReason.TRANSACTION_HAS_WRITTEN, "");
        }
        if (session.snapshotIsolation()) {
            return CachePlan.bypass(analysis, BypassReason.SNAPSHOT_ISOLATION, "");
        }
        String fingerprint = session.fingerprint() + "\nmaxRows=" + session.maxRows();
        CacheKey key = new CacheKey(source.source(), source.credential(), analysis.normalizedSql(),
                session.parameters(), fingerprint, source.settings().perUser() ? session.user() : null);
        CachePlan plan = new CachePlan(analysis, Optional.empty(), "", key, null, source.ttl(analysis));
        return source.knownReads(session.fingerprint(), analysis.reads()).map(plan::resolved).orElse(plan);
    }

    /**
     * Completes a plan that {@link CachePlan#needsResolution() needs} the catalog. A catalog that
     * cannot be read makes the query bypass the cache; the query itself then reports any problem.
     */
    public CachePlan resolve(SourceCache source, CachePlan plan, Connection connection, String fingerprint) {
        try {
            return plan.resolved(source.resolveReads(connection, fingerprint, plan.analysis().reads()));
        } catch (SQLException e) {
            return plan.resolved(ReadResolution.refused(BypassReason.UNRESOLVED_TABLE,
                    "the catalog could not be read: " + e.getMessage()));
        }
    }

    /** Drops a source's results (admin flush). */
    public void flush(SourceCache source) {
        source.invalidate(Invalidation.source("flushed by an operator"));
        results.invalidateSource(source.source());
    }

    /** One row per fact: what EXPLAIN CACHE shows. */
    public List<String[]> explain(SourceCache source, CachePlan plan, SessionFacts session) {
        List<String[]> facts = new ArrayList<>();
        SqlAnalysis analysis = plan.analysis();
        facts.add(fact("cached", plan.cacheable() ? "yes" : "no"));
        plan.bypass().ifPresent(reason -> {
            facts.add(fact("reason", reason.name()));
            facts.add(fact("why", reason.description() + (plan.detail().isEmpty() ? "" : ": " + plan.detail())));
        });
        facts.add(fact("statement", analysis.kind().name()));
        facts.add(fact("key.source", source.source()));
        facts.add(fact("key.credential", source.credential()));
        facts.add(fact("key.sql", analysis.normalizedSql()));
        facts.add(fact("key.parameters", session.parameters().toString()));
        facts.add(fact("key.session", session.fingerprint().replace('\n', ' ')));
        facts.add(fact("key.max-rows", Long.toString(session.maxRows())));
        facts.add(fact("key.user", source.settings().perUser() ? session.user() : "(shared by all users)"));
        facts.add(fact("tables.read", plan.resolution() != null ? sorted(plan.resolution().tables())
                : analysis.reads().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))));
        if (analysis.invalidates()) {
            facts.add(fact("invalidates", analysis.kind() == io.junction.cache.StatementKind.WRITE
                    ? analysis.writes().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + " (and what cascades from them)" : "the whole source: " + analysis.detail()));
        }
        if (plan.cacheable()) {
            facts.add(fact("ttl", plan.ttl().toString()));
            facts.add(fact("in-cache-now", results.containsCurrent(plan.key()) ? "yes" : "no"));
        }
        return facts;
    }

    private static String sorted(java.util.Set<String> tables) {
        return tables.stream().sorted().collect(Collectors.joining(", "));
    }

    private static String[] fact(String name, String value) {
        return new String[] {name, value};
    }
}
