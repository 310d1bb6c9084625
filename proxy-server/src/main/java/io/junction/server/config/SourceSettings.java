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
 * @param cache      how the source uses the result cache
 */
public record SourceSettings(String name, String url, String user, Secret password, PoolSettings pool,
                             Map<String, String> properties, SourceCacheSettings cache) {
    public SourceSettings {
        properties = Map.copyOf(properties);
    }

    /** A source with the default cache settings (off). */
    public SourceSettings(String name, String url, String user, Secret password, PoolSettings pool,
                          Map<String, String> properties) {
        this(name, url, user, password, pool, properties, SourceCacheSettings.defaults());
    }
}
