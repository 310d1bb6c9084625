package io.junction.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The versions of a load's tables when it started; current until any of them is bumped. */
public final class VersionStamp {
    private final AtomicLong epochCounter;
    private final long epoch;
    private final String[] tables;
    private final AtomicLong[] counters;
    private final long[] versions;

    VersionStamp(AtomicLong epochCounter, long epoch, String[] tables, AtomicLong[] counters, long[] versions) {
        this.epochCounter = epochCounter;
        this.epoch = epoch;
        this.tables = tables;
        this.counters = counters;
        this.versions = versions;
    }

    public boolean isCurrent() {
        if (epochCounter.get() != epoch) {
            return false;
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
