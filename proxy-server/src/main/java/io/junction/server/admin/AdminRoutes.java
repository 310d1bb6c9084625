package io.junction.server.admin;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The route table: exact paths, then methods. Routes may be added while the server runs. */
final class AdminRoutes {
    private final Map<String, Map<String, AdminRoute>> byPath = new ConcurrentHashMap<>();

    void register(String method, String path, AdminRoute route) {
        Objects.requireNonNull(route, "route is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("admin path must start with '/': " + path);
        }
        AdminRoute previous = byPath.computeIfAbsent(path, p -> new ConcurrentHashMap<>())
                .putIfAbsent(method.toUpperCase(Locale.ROOT), route);
        if (previous != null) {
            throw new IllegalStateException("admin route " + method + " " + path + " is already registered");
        }
    }

    /** @return empty when the path is unknown */
    Optional<Map<String, AdminRoute>> methodsOf(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    static String allowedMethods(Map<String, AdminRoute> methods) {
        return String.join(", ", Set.copyOf(methods.keySet()).stream().sorted().toList());
    }
}
