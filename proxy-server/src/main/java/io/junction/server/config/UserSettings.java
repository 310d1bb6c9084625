package io.junction.server.config;

import java.util.List;

/**
 * One client user ({@code users:}).
 *
 * @param name         login name, the JDBC {@code user}
 * @param passwordHash stored form printed by {@code junction-server hash-password}
 * @param sources      names of the sources this user may reach
 */
public record UserSettings(String name, String passwordHash, List<String> sources) {
    public UserSettings {
        sources = List.copyOf(sources);
    }

    @Override
    public String toString() {
        return "UserSettings[name=" + name + ", sources=" + sources + "]";
    }
}
