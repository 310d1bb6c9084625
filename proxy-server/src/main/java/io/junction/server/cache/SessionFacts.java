package io.junction.server.cache;

import io.junction.cache.CacheKey;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the cache must know about the session asking: the state that can change a result, and the
 * states in which it must not be served from the cache at all.
 *
 * @param fingerprint           session state that can change results (see {@link #fingerprint})
 * @param user                  the Junction user
 * @param stateUntracked        the session ran something whose effect on its state is unknown
 * @param transactionHasWritten the open transaction has written
 * @param snapshotIsolation     an explicit transaction under REPEATABLE READ or SERIALIZABLE
 * @param maxRows               the row limit the client set (0 or less = none): it changes the result
 * @param parameters            typed parameter values
 */
public record SessionFacts(String fingerprint, String user, boolean stateUntracked, boolean transactionHasWritten,
                           boolean snapshotIsolation, long maxRows, List<CacheKey.TypedParameter> parameters) {
    public SessionFacts {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        parameters = List.copyOf(parameters);
        // Clients say "no limit" as 0 or -1 (Avatica's executeQuery): one key for both.
        maxRows = Math.max(0, maxRows);
    }

    /**
     * The session-state part of a key, from the state the session tracks for multiplexing (the one
     * record of it): the client's time zone (timestamps with time zone are rendered in it), the
     * JDBC catalog and schema (database, search_path), and the tracked parameters a connection
     * leased for the session carries (search_path, TimeZone, sql_mode, character sets...), with
     * the values the upstream reported after each SET.
     */
    public static String fingerprint(ZoneId clientZone, String catalog, String schema,
                                     Map<String, String> trackedParameters) {
        StringBuilder fingerprint = new StringBuilder("zone=").append(clientZone.getId())
                .append("\ncatalog=").append(catalog).append("\nschema=").append(schema);
        // Sorted by name, so the same state is the same text whatever order it was set in.
        new TreeMap<>(trackedParameters).forEach((name, value) ->
                fingerprint.append('\n').append(name).append('=').append(value));
        return fingerprint.toString();
    }

    /** A fresh session of a stock client (UTC, no state): what the admin API explains for without a session. */
    public static SessionFacts fresh(String user) {
        return new SessionFacts(fingerprint(ZoneId.of("UTC"), null, null, Map.of()), user, false, false, false, 0,
                List.of());
    }
}
