package io.junction.cache;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything that decides a cached result (DESIGN.md decision 9). Compared in full, never by a
 * hash alone (ProxySQL's 64-bit digest keys collide silently).
 *
 * @param source             the source name, or {@link #acrossSources} for a query across sources
 * @param credential         the upstream credential the pool connects with
 * @param sql                the normalized SQL (comments and white space folded, literals kept)
 * @param parameters         typed parameter values ({@code 1} and {@code 1.0} differ)
 * @param sessionFingerprint every piece of session state that can change the result
 * @param user               the Junction user, for sources with per-user keys; otherwise null
 */
public record CacheKey(String source, String credential, String sql, List<TypedParameter> parameters,
                       String sessionFingerprint, String user) {
    /** A parameter value with its type name, so equal-looking values of different types differ. */
    public record TypedParameter(String type, Object value) {
    }

    private static final String ACROSS_SOURCES = "federated:";

    public CacheKey {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(sessionFingerprint, "sessionFingerprint is null");
        credential = credential == null ? "" : credential;
        parameters = List.copyOf(parameters);
    }

    /** The key source of a query across sources: names every source it reads, sorted. */
    public static String acrossSources(Collection<String> sources) {
        return ACROSS_SOURCES + String.join(",", new TreeSet<>(sources));
    }

    /** Whether this entry reads the source: its own, or one of a query across sources'. */
    public boolean readsFrom(String name) {
        if (source.equals(name)) {
            return true;
        }
        return source.startsWith(ACROSS_SOURCES)
                && List.of(source.substring(ACROSS_SOURCES.length()).split(",")).contains(name);
    }

    /** Rough heap size, so the key's own memory is counted with its entry. */
    long estimatedBytes() {
        return 64 + 2L * (sql.length() + sessionFingerprint.length() + source.length() + credential.length())
                + 48L * parameters.size();
    }
}
