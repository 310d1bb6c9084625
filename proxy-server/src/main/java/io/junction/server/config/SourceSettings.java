package io.junction.server.config;

import java.util.Map;

/**
 * One upstream database ({@code sources.<name>:}).
 *
 * @param name       the source name clients use in {@code jdbc:junction://host:port/NAME}
 * @param url        the upstream JDBC URL
 * @param user       upstream user
 * @param password   upstream password, never logged
 * @param pool       pool sizing and timeouts
 * @param properties extra upstream driver properties
 */
public record SourceSettings(String name, String url, String user, Secret password, PoolSettings pool,
                             Map<String, String> properties) {
    public SourceSettings {
        properties = Map.copyOf(properties);
    }
}
