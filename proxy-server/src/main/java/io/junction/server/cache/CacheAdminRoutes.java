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
 * The cache's admin operations: {@code GET /cache/explain?session=&sql=} (under an open session's
 * state, user and grants, as {@code GET /sessions} lists them) or {@code GET /cache/explain?source=&sql=}
 * (as for a fresh session of a stock client: UTC, no SET, no user), and
 * {@code POST /cache/flush?source=[&table=]}.
 */
public final class CacheAdminRoutes {
    static final String FRESH_SESSION = "a fresh session's defaults (UTC, no SET, no catalog or schema, no user):"
            + " results of driver sessions are keyed on their own state, so give session=<id> from GET /sessions"
            + " to see whether one of them is served from the cache";

    /** Explains a query under an open session (the gateway's sessions live in the session package). */
    @FunctionalInterface
    public interface SessionExplainer {
        /** @return the facts, or empty when no session has that id */
        Optional<List<String[]>> explain(String sessionId, String sql) throws Exception;
    }

    /** The session named is running a request: explaining under it would wait for that request. */
    public static final class SessionBusyException extends Exception {
        public SessionBusyException(String sessionId) {
            super("session " + sessionId + " is running a request; ask again when GET /sessions shows it idle");
        }
    }

    private final GatewayCache cache;
    private final SourceRegistry sources;
    private final SessionExplainer sessions;

    private CacheAdminRoutes(GatewayCache cache, SourceRegistry sources, SessionExplainer sessions) {
        this.cache = cache;
        this.sources = sources;
        this.sessions = sessions;
    }

    public static void register(AdminHttpServer admin, GatewayCache cache, SourceRegistry sources,
                                SessionExplainer sessions) {
        CacheAdminRoutes routes = new CacheAdminRoutes(cache, sources, sessions);
        admin.register("GET", "/cache/explain", routes::explain);
        admin.register("POST", "/cache/flush", routes::flush);
    }

    private AdminResponse explain(AdminRequest request) throws Exception {
        Optional<String> sql = request.parameter("sql");
        Optional<String> session = request.parameter("session");
        if (sql.isPresent() && session.isPresent()) {
            Optional<List<String[]>> facts;
            try {
                facts = sessions.explain(session.get(), sql.get());
            } catch (SessionBusyException e) {
                return AdminResponse.text(409, e.getMessage());
            }
            if (facts.isEmpty()) {
                return AdminResponse.text(404, "no open session " + session.get() + "; GET /sessions lists them");
            }
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("explained-for", "session " + session.get() + " (its state, user and grants)");
            facts.get().forEach(fact -> answer.put(fact[0], fact[1]));
            return AdminResponse.json(200, answer);
        }
        Optional<Source> source = request.parameter("source").flatMap(sources::find);
        if (source.isEmpty() || sql.isEmpty()) {
            return AdminResponse.text(400, "give sql=<the query> and session=<an id from GET /sessions>"
                    + " (or source=<a configured source> for a fresh session's defaults)");
        }
        SourceCache sourceCache = cache.forSource(source.get().name()).orElseThrow();
        SessionFacts facts = SessionFacts.fresh(null);
        CachePlan plan = cache.plan(sourceCache, sql.get(), () -> facts);
        if (plan.needsResolution()) {
            try (Connection connection = source.get().acquireClean()) {
                plan = cache.resolve(sourceCache, plan, connection, facts.fingerprint());
            }
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("explained-for", FRESH_SESSION);
        for (String[] fact : cache.explain(sourceCache, plan, facts)) {
            answer.put(fact[0], fact[1]);
        }
        return AdminResponse.json(200, answer);
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
        try (Connection connection = source.get().acquireClean()) {
            resolved = sourceCache.resolveReads(connection, SessionFacts.fresh(null).fingerprint(), analysis.reads());
        }
        if (resolved.problem().isPresent()) {
            return AdminResponse.text(404, resolved.detail());
        }
        sourceCache.invalidate(Invalidation.tables(resolved.tables()));
        return AdminResponse.json(200, Map.of("flushed", List.copyOf(resolved.tables())));
    }
}
