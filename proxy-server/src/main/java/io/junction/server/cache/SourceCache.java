package io.junction.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.junction.cache.SqlAnalyser;
import io.junction.cache.SqlAnalysis;
import io.junction.cache.SqlFlavor;
import io.junction.cache.TableName;
import io.junction.cache.TableVersions;
import io.junction.cache.VersionStamp;
import io.junction.server.config.SourceCacheSettings;
import io.junction.server.upstream.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The cache's view of one source: its settings, its SQL analyser, what its catalog says table names
 * mean (remembered per session fingerprint), and the invalidation of its tables.
 */
public final class SourceCache {
    /**
     * How long a name resolution is trusted: DDL by writers Junction cannot see (a table renamed,
     * a view replaced) is bounded by it. A name that found no table is never remembered.
     */
    private static final Duration RESOLUTION_TTL = Duration.ofSeconds(60);

    private final String source;
    private final String credential;
    private final SourceCacheSettings settings;
    private final SqlAnalyser analyser;
    private final SourceCatalog catalog;
    private final TableVersions versions;
    private final Cache<Resolution, ReadResolution> reads = resolutionCache();
    private final Cache<Resolution, Invalidation> writes = resolutionCache();

    private record Resolution(String fingerprint, Set<TableName> names) {
    }

    SourceCache(String source, String credential, Dialect dialect, SourceCacheSettings settings,
                TableVersions versions) {
        this.source = Objects.requireNonNull(source, "source is null");
        // The driver may take the user from the URL: then the URL (never shown) identifies the credential.
        this.credential = credential == null ? "" : credential;
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.versions = Objects.requireNonNull(versions, "versions is null");
        SqlFlavor flavor = switch (dialect) {
            case POSTGRESQL -> SqlFlavor.POSTGRESQL;
            case MARIADB, MYSQL -> SqlFlavor.MYSQL;
            default -> SqlFlavor.ANSI;
        };
        this.analyser = new SqlAnalyser(flavor, Set.copyOf(settings.deterministicFunctions()));
        this.catalog = switch (flavor) {
            case POSTGRESQL -> new PostgresCatalog(analyser);
            case MYSQL -> new MariaDbCatalog(analyser);
            default -> null;
        };
    }

    public String source() {
        return source;
    }

    /** The upstream account results are read with: part of every key. */
    public String credential() {
        return credential;
    }

    public SourceCacheSettings settings() {
        return settings;
    }

    /** Whether results are cached at all: configured on, and a catalog Junction can read. */
    public boolean enabled() {
        return settings.enabled() && catalog != null;
    }

    public SqlAnalysis analyse(String sql) {
        return analyser.analyse(sql);
    }

    /** The TTL of a result: the query's hint, capped at max-ttl, or the source's TTL. */
    public Duration ttl(SqlAnalysis analysis) {
        Duration wanted = analysis.ttlHint().orElse(settings.ttl());
        return wanted.compareTo(settings.maxTtl()) > 0 ? settings.maxTtl() : wanted;
    }

    /** A remembered resolution of a query's names under a session fingerprint, if any. */
    public Optional<ReadResolution> knownReads(String fingerprint, Set<TableName> names) {
        return Optional.ofNullable(reads.getIfPresent(new Resolution(fingerprint, names)));
    }

    /** Resolves a query's names on a connection carrying the session's state. */
    public ReadResolution resolveReads(Connection connection, String fingerprint, Set<TableName> names)
            throws SQLException {
        Resolution key = new Resolution(fingerprint, names);
        ReadResolution known = reads.getIfPresent(key);
        if (known == null) {
            known = catalog.resolveReads(connection, names);
            if (known.lasting()) {
                reads.put(key, known);
            }
        }
        return known;
    }

    /**
     * What a statement makes stale. Asking the catalog can fail (an aborted transaction): then the
     * whole source, which is always safe.
     */
    public Invalidation invalidationFor(SqlAnalysis analysis, Connection connection, String fingerprint) {
        if (analysis.kind() != io.junction.cache.StatementKind.WRITE || catalog == null) {
            return Invalidation.source(analysis.detail());
        }
        Resolution key = new Resolution(fingerprint, analysis.writes());
        Invalidation known = writes.getIfPresent(key);
        if (known == null) {
            try {
                known = catalog.resolveWrites(connection, analysis.writes());
            } catch (SQLException e) {
                return Invalidation.source("the catalog could not be read: " + e.getMessage());
            }
            if (known.lasting()) {
                writes.put(key, known);
            }
        }
        return known;
    }

    /** Makes results stale: call before a write runs and again after it commits. */
    public void invalidate(Invalidation invalidation) {
        if (invalidation.wholeSource()) {
            versions.bumpSource(source);
        } else {
            versions.bump(source, invalidation.tables());
        }
    }

    public VersionStamp stamp(Set<String> tables) {
        return versions.stamp(source, tables);
    }

    /** After DDL through Junction: names may mean other tables now. */
    public void forgetCatalog() {
        reads.invalidateAll();
        writes.invalidateAll();
    }

    private static <V> Cache<Resolution, V> resolutionCache() {
        return Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(RESOLUTION_TTL).build();
    }
}
