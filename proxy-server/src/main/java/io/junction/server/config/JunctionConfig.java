package io.junction.server.config;

import io.junction.federation.FederationSettings;

import java.util.List;
import java.util.Map;

/**
 * The whole validated configuration of one gateway process.
 *
 * @param server  the client endpoint
 * @param admin   the operator endpoint
 * @param users   who may connect, and to which sources
 * @param sources upstream databases by name, in file order
 * @param sessions client session limits
 * @param upstream limits over all sources together
 * @param cache   the result cache's memory
 * @param federation the federated catalog's name and statistics TTLs, per-query memory and plan cache
 */
public record JunctionConfig(ServerSettings server, AdminSettings admin, List<UserSettings> users,
                             Map<String, SourceSettings> sources, SessionSettings sessions,
                             UpstreamSettings upstream, CacheSettings cache,
                             FederationSettings federation) {
    public JunctionConfig {
        users = List.copyOf(users);
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }

    /** A config with default session, upstream, cache and federation limits. */
    public JunctionConfig(ServerSettings server, AdminSettings admin, List<UserSettings> users,
                          Map<String, SourceSettings> sources) {
        this(server, admin, users, sources, SessionSettings.defaults(), UpstreamSettings.defaults(),
                CacheSettings.defaults(), FederationSettings.defaults());
    }
}
