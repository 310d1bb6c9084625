package io.junction.server.config;

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
 */
public record JunctionConfig(ServerSettings server, AdminSettings admin, List<UserSettings> users,
                             Map<String, SourceSettings> sources, SessionSettings sessions,
                             UpstreamSettings upstream, CacheSettings cache) {
    public JunctionConfig {
        users = List.copyOf(users);
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }

    /** A config with default session, upstream and cache limits. */
    public JunctionConfig(ServerSettings server, AdminSettings admin, List<UserSettings> users,
                          Map<String, SourceSettings> sources) {
        this(server, admin, users, sources, SessionSettings.defaults(), UpstreamSettings.defaults(),
                CacheSettings.defaults());
    }
}
