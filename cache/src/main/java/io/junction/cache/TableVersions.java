package io.junction.cache;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-table version counters, per source, plus a source-wide epoch. A write through Junction bumps
 * every table it touches before it runs and again after it commits; a load takes a
 * {@link VersionStamp} when it starts and its result is kept only while the stamp is current
 * (Hibernate's preInvalidate/invalidate; see FIELD-NOTES section 3 on Caffeine #193).
 *
 * <p>Table names here are canonical names the server resolved ({@code public.orders}).
 */
public final class TableVersions {
    private final Map<String, SourceVersions> sources = new ConcurrentHashMap<>();

    /** Bumps the given tables of a source. */
    public void bump(String source, Collection<String> tables) {
        SourceVersions versions = of(source);
        for (String table : tables) {
            versions.tables.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Bumps the source's epoch: every result of the source becomes stale. */
    public void bumpSource(String source) {
        of(source).epoch.incrementAndGet();
    }

    /** The current versions of the given tables; call before the upstream query starts. */
    public VersionStamp stamp(String source, Collection<String> tables) {
        SourceVersions versions = of(source);
        String[] names = tables.toArray(new String[0]);
        Arrays.sort(names);
        AtomicLong[] counters = new AtomicLong[names.length];
        long[] values = new long[names.length];
        // Read the epoch first: a source-wide bump during the stamp makes it stale, never current.
        long epoch = versions.epoch.get();
        for (int i = 0; i < names.length; i++) {
            counters[i] = versions.tables.computeIfAbsent(names[i], t -> new AtomicLong());
            values[i] = counters[i].get();
        }
        return new VersionStamp(versions.epoch, epoch, names, counters, values);
    }

    private SourceVersions of(String source) {
        return sources.computeIfAbsent(source, s -> new SourceVersions());
    }

    private static final class SourceVersions {
        final AtomicLong epoch = new AtomicLong();
        final Map<String, AtomicLong> tables = new ConcurrentHashMap<>();
    }
}
