package io.junction.jdbc;

import java.net.URI;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

/**
 * The validated settings of one connection: where the server is, how to talk to it, and what to tell it
 * when the connection opens. Built once from the URL and the caller's properties; every bad value fails here,
 * before anything is sent.
 */
final class ConnectionSettings {
    /** OpenConnectionRequest info key naming the source; absent means the federated catalog. */
    static final String SOURCE_INFO_KEY = "junction.source";
    /** OpenConnectionRequest info key carrying the applicationName property. */
    static final String APPLICATION_NAME_INFO_KEY = "junction.applicationName";
    /**
     * OpenConnectionRequest info key with the client JVM's time zone: Avatica carries timestamps as
     * wall-clock numbers, so the server needs it to render TIMESTAMP WITH TIME ZONE instants (and
     * bind timestamp parameters) as this client means them.
     */
    static final String TIME_ZONE_INFO_KEY = "junction.timeZone";
    static final String TEMPORAL_INFO_KEY = "junction.temporal";
    /**
     * OpenConnectionRequest info key announcing {@link ParameterTags} (typed nulls, TIME in microseconds); sent
     * with the protobuf serialization only, the one that carries them.
     */
    static final String PARAMETERS_INFO_KEY = "junction.parameters";

    // Avatica's own property names (BuiltInConnectionProperty) that the driver fills in.
    private static final String AVATICA_URL = "url";
    private static final String AVATICA_SERVICE_FACTORY = "factory";
    private static final String AVATICA_FETCH_SIZE = "fetch_size";

    private final URI endpoint;
    private final Properties given;
    private final String user;
    private final String password;
    private final String source;
    private final String applicationName;
    private final boolean json;
    private final int connectTimeoutMillis;
    private final int socketTimeoutMillis;
    private final int fetchSize;
    private final boolean gzip;

    private ConnectionSettings(URI endpoint, Properties merged) throws SQLException {
        this.endpoint = endpoint;
        this.given = new Properties();
        for (JunctionProperty property : JunctionProperty.values()) {
            if (property.isPresent(merged)) {
                given.setProperty(property.getName(), property.get(merged));
            }
        }
        this.user = JunctionProperty.USER.get(merged);
        if (user != null && user.indexOf(':') >= 0) {
            throw DriverSqlState.INVALID_PARAMETER_VALUE.exception(
                    "Invalid user name: HTTP Basic authentication cannot carry a ':' in it.", null);
        }
        this.password = JunctionProperty.PASSWORD.get(merged);
        this.source = emptyToNull(JunctionProperty.SOURCE.get(merged));
        this.applicationName = emptyToNull(JunctionProperty.APPLICATION_NAME.get(merged));
        this.json = JunctionProperty.SERIALIZATION.getChoice(merged).equals("json");
        this.connectTimeoutMillis = JunctionProperty.CONNECT_TIMEOUT.getInt(merged);
        this.socketTimeoutMillis = JunctionProperty.SOCKET_TIMEOUT.getInt(merged);
        this.fetchSize = JunctionProperty.FETCH_SIZE.getInt(merged);
        this.gzip = JunctionProperty.GZIP.getBoolean(merged);
    }

    /**
     * @throws SQLException 08001 for a malformed URL, 22023 for a bad property value
     */
    static ConnectionSettings of(String url, Properties info) throws SQLException {
        JunctionUrl parsed = JunctionUrl.parse(url);
        URI endpoint = URI.create("http://" + parsed.host() + ":" + parsed.port() + "/");
        return new ConnectionSettings(endpoint, parsed.overlay(info));
    }

    /** Reads back the settings that {@link #toAvaticaInfo()} wrote into an Avatica connection. */
    static ConnectionSettings fromAvaticaInfo(Properties avaticaInfo) {
        try {
            return new ConnectionSettings(URI.create(avaticaInfo.getProperty(AVATICA_URL)), avaticaInfo);
        } catch (SQLException e) {
            throw new IllegalStateException("settings were validated when the connection was made", e);
        }
    }

    /**
     * The properties Avatica's connection is created with: the Junction properties that were given, plus
     * the Avatica keys that route its remote layer through {@link JunctionServiceFactory}.
     */
    Properties toAvaticaInfo() {
        Properties info = new Properties();
        for (String key : given.stringPropertyNames()) {
            info.setProperty(key, given.getProperty(key));
        }
        info.setProperty(AVATICA_URL, endpoint.toString());
        info.setProperty(AVATICA_SERVICE_FACTORY, JunctionServiceFactory.class.getName());
        info.setProperty(AVATICA_FETCH_SIZE, Integer.toString(fetchSize));
        return info;
    }

    /**
     * The info map of the OpenConnectionRequest. Credentials are never in it: they travel only in the
     * HTTP Authorization header.
     */
    Map<String, String> openConnectionInfo() {
        Map<String, String> info = new HashMap<>();
        if (source != null) {
            info.put(SOURCE_INFO_KEY, source);
        }
        if (applicationName != null) {
            info.put(APPLICATION_NAME_INFO_KEY, applicationName);
        }
        info.put(TIME_ZONE_INFO_KEY, TimeZone.getDefault().getID());
        // Times at full precision: results as ISO-8601 text, TIME/TIMESTAMP parameters in microseconds.
        info.put(TEMPORAL_INFO_KEY, "micros");
        if (taggedParameters()) {
            info.put(PARAMETERS_INFO_KEY, "tagged");
        }
        return info;
    }

    URI endpoint() {
        return endpoint;
    }

    /** {@code host:port} as users wrote it, for messages. */
    String address() {
        return endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** The source named in the URL or properties; null for the federated catalog. */
    String source() {
        return source;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    boolean json() {
        return json;
    }

    /** Whether parameters travel with {@link ParameterTags}: JSON requests cannot carry them. */
    boolean taggedParameters() {
        return !json;
    }

    int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    int socketTimeoutMillis() {
        return socketTimeoutMillis;
    }

    boolean gzip() {
        return gzip;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
