package io.junction.server.upstream;

import io.junction.server.admin.AdminHttpServer;
import io.junction.server.admin.AdminRequest;
import io.junction.server.admin.AdminResponse;
import io.junction.server.config.PoolSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pools' admin operations: {@code GET /pools} shows every source's pool (open or not, what it
 * lends, who waits, the settings in force); {@code POST /pools/tune?source=NAME&max-size=20&acquire-timeout=5s}
 * changes sizing and timeouts of a running pool until the next restart or config reload.
 */
public final class PoolAdminRoutes {
    private static final List<String> TUNABLE = List.of("max-size", "acquire-timeout", "idle-close", "max-lifetime");

    private final SourceRegistry sources;

    private PoolAdminRoutes(SourceRegistry sources) {
        this.sources = sources;
    }

    public static void register(AdminHttpServer admin, SourceRegistry sources) {
        PoolAdminRoutes routes = new PoolAdminRoutes(sources);
        admin.register("GET", "/pools", routes::list);
        admin.register("POST", "/pools/tune", routes::tune);
    }

    private AdminResponse list(AdminRequest request) {
        List<Map<String, Object>> pools = new ArrayList<>();
        for (Source source : sources.all()) {
            pools.add(describe(source.figures()));
        }
        return AdminResponse.json(200, pools);
    }

    private AdminResponse tune(AdminRequest request) {
        Optional<Source> source = request.parameter("source").flatMap(sources::find);
        if (source.isEmpty()) {
            return AdminResponse.text(request.parameter("source").isEmpty() ? 400 : 404,
                    "give source=<a configured source> and one or more of " + String.join(", ", TUNABLE));
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (String name : request.queryParameters().keySet()) {
            if (!name.equals("source")) {
                changes.put(name, request.parameter(name).orElse(""));
            }
        }
        if (changes.isEmpty()) {
            return AdminResponse.text(400, "nothing to change: give one or more of " + String.join(", ", TUNABLE));
        }
        PoolSettings tuned;
        try {
            tuned = source.get().poolSettings().tunedBy(changes);
        } catch (IllegalArgumentException e) {
            return AdminResponse.text(400, "source " + source.get().name() + ": " + e.getMessage());
        }
        source.get().retune(tuned);
        return AdminResponse.json(200, describe(source.get().figures()));
    }

    static Map<String, Object> describe(PoolFigures figures) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("source", figures.source());
        row.put("dialect", figures.dialect());
        row.put("open", figures.open());
        row.put("active", figures.active());
        row.put("idle", figures.idle());
        row.put("waiting", figures.waiting());
        row.put("total", figures.total());
        row.putAll(figures.settings().describe());
        return row;
    }
}
