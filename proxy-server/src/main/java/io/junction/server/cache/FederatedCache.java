package io.junction.server.cache;

import io.junction.cache.BypassReason;
import io.junction.cache.CacheKey;
import io.junction.cache.SqlAnalyser;
import io.junction.cache.SqlAnalysis;
import io.junction.cache.SqlFlavor;
import io.junction.cache.TableName;
import io.junction.cache.VersionStamp;
import io.junction.federation.ResolvedTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cache's decision for a federated query across sources, under the same rules as a
 * passthrough query: cacheable only when every source it reads has the cache enabled, its TTL the
 * least of theirs, its tables those of the validated plan resolved in each source's catalog
 * (views to base tables), so that a write through Junction to any of them makes it stale.
 *
 * <p>Grants: a federated plan resolves names only among the sources the user was granted, and
 * planning comes before every lookup; the key holds the resolved tables, so a user whose grants
 * make a name mean another table (or nothing) never reaches the entry.
 *
 * <p>The query is in federation's SQL, not any source's: it is analysed as ANSI SQL, with only the
 * functions the cache knows to be deterministic (a source's {@code deterministic-functions} do not
 * extend to it: where such a function runs is the planner's choice).
 */
public final class FederatedCache {
    /** Resolutions of fully qualified names on clean connections do not depend on a session. */
    private static final String CLEAN_CONNECTION = "(a clean pooled connection)";

    private final GatewayCache cache;
    private final SqlAnalyser analyser = new SqlAnalyser(SqlFlavor.ANSI, Set.of());

    /** Opens a clean connection of a source, to ask its catalog what a table is. */
    @FunctionalInterface
    public interface CatalogConnections {
        Connection open(String source) throws SQLException;
    }

    /**
     * A cross-source query's decision.
     *
     * @param plan           bypass, or key, TTL and (for EXPLAIN CACHE) the tables as source:table
     * @param tablesBySource the base tables read, by source, canonical as each source's writes bump them
     */
    public record Decision(CachePlan plan, Map<String, Set<String>> tablesBySource) {
        /** The versions of every table read, to take when a load starts. */
        public VersionStamp stamp(GatewayCache cache) {
            List<VersionStamp> stamps = new ArrayList<>();
            tablesBySource.forEach((source, tables) ->
                    stamps.add(cache.forSource(source).orElseThrow().stamp(tables)));
            return VersionStamp.allOf(stamps);
        }
    }

    public FederatedCache(GatewayCache cache) {
        this.cache = cache;
    }

    /**
     * Decides for {@code sql} (the user's federated SQL) with the validated plan's tables.
     * {@code facts} describe the federated session (its zone and time precision; no upstream state).
     */
    public Decision plan(String sql, List<ResolvedTable> tables, SessionFacts facts, CatalogConnections connections) {
        SqlAnalysis analysis = analyser.analyse(sql);
        Map<String, List<ResolvedTable>> bySource = new TreeMap<>();
        tables.forEach(t -> bySource.computeIfAbsent(t.source().name(), s -> new ArrayList<>()).add(t));
        List<SourceCache> sources = new ArrayList<>();
        for (String name : bySource.keySet()) {
            SourceCache source = cache.forSource(name).orElseThrow();
            if (!source.enabled()) {
                return bypass(analysis, BypassReason.DISABLED, "source " + name + ": " + (source.settings().enabled()
                        ? "its SQL dialect has no catalog support" : "sources." + name + ".cache.enabled is false"));
            }
            sources.add(source);
        }
        if (!analysis.cacheable()) {
            return bypass(analysis, analysis.bypass().orElse(BypassReason.NOT_A_QUERY), analysis.detail());
        }
        Map<String, Set<String>> resolved = new TreeMap<>();
        Set<String> shown = new LinkedHashSet<>();
        for (SourceCache source : sources) {
            Set<TableName> names = bySource.get(source.source()).stream().map(FederatedCache::nameOf)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            ReadResolution resolution;
            try {
                resolution = resolve(source, names, connections);
            } catch (SQLException e) {
                return bypass(analysis, BypassReason.UNRESOLVED_TABLE, "source " + source.source()
                        + ": the catalog could not be read: " + e.getMessage());
            }
            if (resolution.problem().isPresent()) {
                return bypass(analysis, resolution.problem().get(), "source " + source.source() + ": "
                        + resolution.detail());
            }
            resolved.put(source.source(), resolution.tables());
            resolution.tables().stream().sorted().forEach(t -> shown.add(source.source() + ":" + t));
        }
        CacheKey key = new CacheKey(keySource(resolved.keySet()), keyCredential(sources), analysis.normalizedSql(),
                facts.parameters(), facts.fingerprint() + "\nmaxRows=" + facts.maxRows() + "\ntables="
                + tables.stream().map(t -> String.join(".", t.qualifiedName())).sorted().collect(Collectors.joining(",")),
                sources.stream().anyMatch(s -> s.settings().perUser()) ? facts.user() : null);
        Duration ttl = sources.stream().map(s -> s.ttl(analysis)).min(Duration::compareTo).orElseThrow();
        CachePlan plan = new CachePlan(analysis, Optional.empty(), "", key, ReadResolution.of(shown), ttl);
        return new Decision(plan, resolved);
    }

    /** One row per fact: what EXPLAIN CACHE shows for a query across sources. */
    public List<String[]> explain(Decision decision, List<ResolvedTable> tables, SessionFacts session) {
        CachePlan plan = decision.plan();
        List<String[]> facts = new ArrayList<>();
        facts.add(fact("cached", plan.cacheable() ? "yes" : "no"));
        plan.bypass().ifPresent(reason -> {
            facts.add(fact("reason", reason.name()));
            facts.add(fact("why", reason.description() + (plan.detail().isEmpty() ? "" : ": " + plan.detail())));
        });
        facts.add(fact("statement", plan.analysis().kind().name()));
        facts.add(fact("federation", "across sources"));
        Set<String> sourceNames = new java.util.TreeSet<>();
        tables.forEach(t -> sourceNames.add(t.source().name()));
        facts.add(fact("key.source", keySource(sourceNames)));
        facts.add(fact("key.credential", plan.key() != null ? plan.key().credential()
                : keyCredential(sourceNames.stream().map(n -> cache.forSource(n).orElseThrow()).toList())));
        facts.add(fact("key.sql", plan.analysis().normalizedSql()));
        facts.add(fact("key.parameters", session.parameters().toString()));
        facts.add(fact("key.session", session.fingerprint().replace('\n', ' ')));
        facts.add(fact("key.max-rows", Long.toString(session.maxRows())));
        facts.add(fact("key.user", plan.key() != null && plan.key().user() != null ? plan.key().user()
                : "(shared by all users granted these sources)"));
        facts.add(fact("tables.read", plan.resolution() != null
                ? plan.resolution().tables().stream().sorted().collect(Collectors.joining(", "))
                : tables.stream().map(t -> String.join(".", t.qualifiedName())).collect(Collectors.joining(", "))));
        if (plan.cacheable()) {
            facts.add(fact("ttl", plan.ttl().toString()));
            facts.add(fact("in-cache-now", cache.results().containsCurrent(plan.key()) ? "yes" : "no"));
        }
        return facts;
    }

    private static ReadResolution resolve(SourceCache source, Set<TableName> names, CatalogConnections connections)
            throws SQLException {
        Optional<ReadResolution> known = source.knownReads(CLEAN_CONNECTION, names);
        if (known.isPresent()) {
            return known.get();
        }
        try (Connection connection = connections.open(source.source())) {
            return source.resolveReads(connection, CLEAN_CONNECTION, names);
        }
    }

    /** The plan's exact names, quoted: each source resolves them as they are (views to base tables). */
    private static TableName nameOf(ResolvedTable table) {
        return new TableName(List.of(new TableName.Identifier(table.schema(), true),
                new TableName.Identifier(table.table(), true)));
    }

    private static String keySource(Set<String> sources) {
        return CacheKey.acrossSources(sources);
    }

    private static String keyCredential(List<SourceCache> sources) {
        return sources.stream().map(s -> s.source() + "=" + s.credential()).sorted().collect(Collectors.joining(","));
    }

    private static Decision bypass(SqlAnalysis analysis, BypassReason reason, String detail) {
        return new Decision(CachePlan.bypass(analysis, reason, detail), Map.of());
    }

    private static String[] fact(String name, String value) {
        return new String[] {name, value};
    }
}
