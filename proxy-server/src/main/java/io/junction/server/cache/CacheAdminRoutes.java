package io.junction.server.cache;

import io.junction.cache.SqlAnalysis;
import io.junction.server.admin.AdminHttpServer;
import io.junction.server.admin.AdminRequest;
import io.junction.server.admin.AdminResponse;
import io.junction.server.upstream.Source;
import io.junction.server.upstream.SourceRegistry;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cache's admin operations: {@code GET /cache/explain?source=&sql=} (as for a fresh session of
 * a stock client: UTC, no SET), and {@code POST /cache/flush?source=[&table=]}.
 */
public final class CacheAdminRoutes {
    private final GatewayCache cache;
    private final SourceRegistry sources;

    private CacheAdminRoutes(GatewayCache cache, SourceRegistry sources) {
        this.cache = cache;
        this.sources = sources;
    }

    public static void register(AdminHttpServer admin, GatewayCache cache, SourceRegistry sources) {
        CacheAdminRoutes routes = new CacheAdminRoutes(cache, sources);
        admin.register("GET", "/cache/explain", routes::explain);
        admin.register("POST", "/cache/flush", routes::flush);
    }

    private AdminResponse explain(AdminRequest request) throws Exception {
        Optional<String> sql = request.parameter("sql");
        Optional<Source> source = request.parameter("source").flatMap(sources::find);
        if (source.isEmpty() || sql.isEmpty()) {
            return AdminResponse.text(400, "give source=<a configured source> and sql=<the query>");
        }
        SourceCache sourceCache = cache.forSource(source.get().name()).orElseThrow();
        SessionFacts facts = SessionFacts.fresh(null);
        CachePlan plan = cache.plan(sourceCache, sql.get(), () -> facts);
        if (plan.needsResolution()) {
            try (Connection connection = source.get().acquire()) {
                plan = cache.resolve(sourceCache, plan, connection, facts.fingerprint());
            }
        }
        Map<String, String> facts2 = new LinkedHashMap<>();
        for (String[] fact : cache.explain(sourceCache, plan, facts)) {
            facts2.put(fact[0], fact[1]);
        }
        return AdminResponse.json(200, facts2);
    }

    private AdminResponse flush(AdminRequest request) throws Exception {
        Optional<Source> source = request.parameter("source").flatMap(sources::find);
        if (source.isEmpty()) {
            return AdminResponse.text(400, "give source=<a configured source> [and table=<name>]");
        }
        SourceCache sourceCache = cache.forSource(source.get().name()).orElseThrow();
        Optional<String> table = request.parameter("table");
        if (table.isEmpty()) {
            cache.flush(sourceCache);
            return AdminResponse.json(200, Map.of("flushed", source.get().name()));
        }
        SqlAnalysis analysis = sourceCache.analyse("SELECT * FROM " + table.get());
        if (analysis.reads().size() != 1 || analysis.bypass().isPresent()) {
            return AdminResponse.text(400, "table=" + table.get() + " is not a table name");
        }
        ReadResolution resolved;
        try (Connection connection = source.get().acquire()) {
            resolved = sourceCache.resolveReads(connection, SessionFacts.fresh(null).fingerprint(), analysis.reads());
        }
        if (resolved.problem().isPresent()) {
            return AdminResponse.text(404, resolved.detail());
        }
        sourceCache.invalidate(Invalidation.tables(resolved.tables()));
        return AdminResponse.json(200, Map.of("flushed", List.copyOf(resolved.tables())));
    }
}
