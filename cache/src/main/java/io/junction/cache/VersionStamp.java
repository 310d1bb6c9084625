package io.junction.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versions of a load's tables when it started; current until any of them is bumped. A
 * federated result reads several sources: its stamp is {@link #allOf} theirs.
 */
public final class VersionStamp {
    private final AtomicLong[] epochCounters;
    private final long[] epochs;
    private final String[] tables;
    private final AtomicLong[] counters;
    private final long[] versions;

    VersionStamp(AtomicLong epochCounter, long epoch, String[] tables, AtomicLong[] counters, long[] versions) {
        this(new AtomicLong[] {epochCounter}, new long[] {epoch}, tables, counters, versions);
    }

    private VersionStamp(AtomicLong[] epochCounters, long[] epochs, String[] tables, AtomicLong[] counters,
                         long[] versions) {
        this.epochCounters = epochCounters;
        this.epochs = epochs;
        this.tables = tables;
        this.counters = counters;
        this.versions = versions;
    }

    /** One stamp current while every one of {@code stamps} is (each taken when the load starts). */
    public static VersionStamp allOf(List<VersionStamp> stamps) {
        List<AtomicLong> epochCounters = new ArrayList<>();
        List<Long> epochs = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<AtomicLong> counters = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        for (VersionStamp stamp : stamps) {
            for (int i = 0; i < stamp.epochCounters.length; i++) {
                epochCounters.add(stamp.epochCounters[i]);
                epochs.add(stamp.epochs[i]);
            }
            for (int i = 0; i < stamp.counters.length; i++) {
                tables.add(stamp.tables[i]);
                counters.add(stamp.counters[i]);
                versions.add(stamp.versions[i]);
            }
        }
        return new VersionStamp(epochCounters.toArray(new AtomicLong[0]),
                epochs.stream().mapToLong(Long::longValue).toArray(), tables.toArray(new String[0]),
                counters.toArray(new AtomicLong[0]), versions.stream().mapToLong(Long::longValue).toArray());
    }

    public boolean isCurrent() {
        for (int i = 0; i < epochCounters.length; i++) {
            if (epochCounters[i].get() != epochs[i]) {
                return false;
            }
        }
        for (int i = 0; i < counters.length; i++) {
            if (counters[i].get() != versions[i]) {
                return false;
            }
        }
        return true;
    }

    /** The canonical tables this stamp covers. */
    public List<String> tables() {
        return List.of(tables);
    }
}
