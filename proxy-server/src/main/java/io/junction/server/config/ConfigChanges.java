package io.junction.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reloaded config file changes against the running one, sorted into what a running gateway
 * applies at once (users and grants, pool sizing and timeouts, the session idle timeout) and what
 * takes a restart (listeners, sources' connection settings, added or removed sources, global limits,
 * federation settings).
 *
 * @param users            the new users section, when it changed
 * @param pools            new pool settings by source, for the sources whose pool section changed
 * @param sessions         the new sessions section, when it changed
 * @param restartRequired  the keys that changed but apply only after a restart, e.g. {@code server}
 *                         or {@code sources.pg.url}
 */
public record ConfigChanges(Optional<List<UserSettings>> users, Map<String, PoolSettings> pools,
                            Optional<SessionSettings> sessions, List<String> restartRequired) {
    public ConfigChanges {
        pools = Map.copyOf(pools);
        restartRequired = List.copyOf(restartRequired);
    }

    public static ConfigChanges between(JunctionConfig running, JunctionConfig reloaded) {
        List<String> restart = new ArrayList<>();
        restartIfChanged(restart, "server", running.server(), reloaded.server());
        restartIfChanged(restart, "admin", running.admin(), reloaded.admin());
        restartIfChanged(restart, "upstream", running.upstream(), reloaded.upstream());
        restartIfChanged(restart, "cache", running.cache(), reloaded.cache());
        restartIfChanged(restart, "federation", running.federation(), reloaded.federation());
        Map<String, PoolSettings> pools = new LinkedHashMap<>();
        for (Map.Entry<String, SourceSettings> entry : reloaded.sources().entrySet()) {
            SourceSettings before = running.sources().get(entry.getKey());
            SourceSettings after = entry.getValue();
            String key = "sources." + entry.getKey();
            if (before == null) {
                restart.add(key + " (a new source)");
                continue;
            }
            restartIfChanged(restart, key + ".url", before.url(), after.url());
            restartIfChanged(restart, key + ".user", before.user(), after.user());
            restartIfChanged(restart, key + ".password", before.password(), after.password());
            restartIfChanged(restart, key + ".properties", before.properties(), after.properties());
            restartIfChanged(restart, key + ".cache", before.cache(), after.cache());
            if (!before.pool().equals(after.pool())) {
                pools.put(entry.getKey(), after.pool());
            }
        }
        for (String name : running.sources().keySet()) {
            if (!reloaded.sources().containsKey(name)) {
                restart.add("sources." + name + " (removed)");
            }
        }
        Optional<List<UserSettings>> users = running.users().equals(reloaded.users()) ? Optional.empty()
                : Optional.of(reloaded.users());
        Optional<SessionSettings> sessions = running.sessions().equals(reloaded.sessions()) ? Optional.empty()
                : Optional.of(reloaded.sessions());
        return new ConfigChanges(users, pools, sessions, restart);
    }

    /** Whether the reloaded file changes nothing the gateway applies at once. */
    public boolean nothingToApply() {
        return users.isEmpty() && pools.isEmpty() && sessions.isEmpty();
    }

    /** What a reload applies, in the config file's words, e.g. {@code sources.pg.pool}. */
    public List<String> applied() {
        List<String> applied = new ArrayList<>();
        users.ifPresent(u -> applied.add("users"));
        pools.keySet().forEach(source -> applied.add("sources." + source + ".pool"));
        sessions.ifPresent(s -> applied.add("sessions"));
        return applied;
    }

    /**
     * The config in force after this reload: what applies at once taken from the file, the rest as
     * it runs (so a key that waits for a restart is reported again by the next reload).
     */
    public JunctionConfig appliedTo(JunctionConfig running) {
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        running.sources().forEach((name, source) -> sources.put(name, !pools.containsKey(name) ? source
                : new SourceSettings(source.name(), source.url(), source.user(), source.password(), pools.get(name),
                        source.properties(), source.cache())));
        return new JunctionConfig(running.server(), running.admin(), users.orElse(running.users()), sources,
                sessions.orElse(running.sessions()), running.upstream(), running.cache(),
                running.federation());
    }

    private static void restartIfChanged(List<String> restart, String key, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            restart.add(key);
        }
    }
}
