package io.junction.jdbc;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * The connection properties of the Junction driver.
 *
 * <p>A property can be given in the URL query ({@code jdbc:junction://host/pg?fetchSize=500}) or in the
 * {@link Properties} passed to {@code DriverManager.getConnection}. Both take effect; when both give the same
 * key, <b>the URL wins</b> (as in pgjdbc), so a URL pasted from a runbook means what it says whatever a tool
 * adds to the properties. The source may also be the URL path ({@code /pg}); a path and a {@code source} query
 * parameter that disagree are an error. Names are case-sensitive; unknown names are ignored and never sent.
 *
 * <p>{@code user} and {@code password} travel only in the HTTP {@code Authorization} header, never in a
 * request body.
 */
public enum JunctionProperty {
    USER("user", Type.STRING, null,
            "User name, sent with the password in HTTP Basic authentication."),
    PASSWORD("password", Type.STRING, null,
            "Password of the user. Never sent in a request body and never shown in messages."),
    SOURCE("source", Type.STRING, null,
            "Source to pass SQL through to (the URL path gives it too). Empty means the federated catalog."),
    SERIALIZATION("serialization", Type.CHOICE, "protobuf",
            "Wire format of the Avatica protocol: protobuf (compact, the default) or json.",
            "protobuf", "json"),
    CONNECT_TIMEOUT("connectTimeout", Type.MILLISECONDS, "10000",
            "Milliseconds to wait for the TCP connection to the server; 0 waits as long as the OS does."),
    SOCKET_TIMEOUT("socketTimeout", Type.MILLISECONDS, "0",
            "Milliseconds to wait for the answer to each request; 0 waits forever, as long queries may need."
                    + " A timed-out call fails with SQLState HYT00 while the server may still be running it."),
    FETCH_SIZE("fetchSize", Type.POSITIVE_INT, "1000",
            "Rows fetched per round trip when a statement sets no fetch size of its own."),
    APPLICATION_NAME("applicationName", Type.STRING, null,
            "Name of the application, shown in the server's session list and logs."),
    GZIP("gzip", Type.BOOLEAN, "true",
            "Accept gzip-compressed responses (large result frames shrink several times).",
            "true", "false");

    /** The value kinds the typed getters check; each knows how to describe a valid value. */
    enum Type {
        STRING, CHOICE, BOOLEAN, MILLISECONDS, POSITIVE_INT
    }

    private final String propertyName;
    private final Type type;
    private final String defaultValue;
    private final String description;
    private final String[] choices;

    JunctionProperty(String propertyName, Type type, String defaultValue, String description,
                     String... choices) {
        this.propertyName = propertyName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.choices = choices;
    }

    /** The key used in the URL query and in {@link Properties}. */
    public String getName() {
        return propertyName;
    }

    /** The default as a string, or null when the property has none. */
    public String getDefaultValue() {
        return defaultValue;
    }

    public String getDescription() {
        return description;
    }

    /** The allowed values, or an empty array when any value of the type is allowed. */
    public String[] getChoices() {
        return choices.clone();
    }

    /** The value given in {@code properties}, else the default (which may be null). */
    public String get(Properties properties) {
        return properties.getProperty(propertyName, defaultValue);
    }

    public boolean isPresent(Properties properties) {
        return properties.getProperty(propertyName) != null;
    }

    /**
     * @throws SQLException 22023 when the value is not a whole number in the property's range
     */
    public int getInt(Properties properties) throws SQLException {
        requireType(Type.MILLISECONDS, Type.POSITIVE_INT);
        String value = get(properties);
        int min = type == Type.POSITIVE_INT ? 1 : 0;
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below, which says what a valid value looks like
        }
        throw invalid(value, type == Type.POSITIVE_INT
                ? "a whole number of at least 1"
                : "a whole number of milliseconds, 0 or more");
    }

    /**
     * @throws SQLException 22023 when the value is neither {@code true} nor {@code false}
     */
    public boolean getBoolean(Properties properties) throws SQLException {
        requireType(Type.BOOLEAN);
        String value = get(properties).trim();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(value, "true or false");
    }

    /**
     * @return one of {@link #getChoices()}, in lower case
     * @throws SQLException 22023 when the value is not one of the choices
     */
    public String getChoice(Properties properties) throws SQLException {
        requireType(Type.CHOICE);
        String value = get(properties).trim().toLowerCase(Locale.ROOT);
        for (String choice : choices) {
            if (choice.equals(value)) {
                return choice;
            }
        }
        throw invalid(get(properties), "one of " + String.join(", ", choices));
    }

    /**
     * Describes this property for {@link java.sql.Driver#getPropertyInfo}. The password's value is never
     * echoed back.
     */
    public DriverPropertyInfo toDriverPropertyInfo(Properties properties) {
        String value = this == PASSWORD ? null : get(properties);
        DriverPropertyInfo info = new DriverPropertyInfo(propertyName, value);
        info.description = description;
        info.required = false;
        info.choices = choices.length == 0 ? null : choices.clone();
        return info;
    }

    private void requireType(Type... allowed) {
        for (Type t : allowed) {
            if (t == type) {
                return;
            }
        }
        throw new IllegalStateException("property " + propertyName + " is of type " + type);
    }

    private SQLException invalid(String value, String expected) {
        return DriverSqlState.INVALID_PARAMETER_VALUE.exception(
                "Invalid value '" + value + "' for connection property " + propertyName + ": expected "
                        + expected + ".", null);
    }
}
