package io.junction.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Results by {@link CacheKey}, bounded in bytes (loads in flight included), each with its own TTL,
 * with concurrent identical misses coalesced into one load (single flight) and every answer
 * checked against the table versions it was loaded under.
 *
 * <p>Use: {@link #access} returns a {@link Hit}, a {@link Lead} (run the query, feed the rows to
 * its {@link Load}) or a {@link Follow} (wait for the leader's result).
 */
public final class ResultCache {
    /** Reservations grow in steps of this many bytes, so the budget is not touched for every row. */
    private static final long RESERVATION_STEP = 64 * 1024;

    private final long maxEntryBytes;
    private final ByteBudget budget;
    private final AsyncCache<CacheKey, StoredResult> cache;
    private final CacheStatistics statistics = new CacheStatistics();
    private final Ticker ticker;

    public ResultCache(long maxBytes, long maxEntryBytes) {
        this(maxBytes, maxEntryBytes, Ticker.systemTicker());
    }

    public ResultCache(long maxBytes, long maxEntryBytes, Ticker ticker) {
        if (maxBytes <= 0 || maxEntryBytes <= 0 || maxEntryBytes > maxBytes || maxEntryBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cache.max-entry-bytes (" + maxEntryBytes + ") must be positive, at most"
                    + " cache.max-bytes (" + maxBytes + ") and below 2 GB");
        }
        this.maxEntryBytes = maxEntryBytes;
        this.ticker = ticker;
        this.budget = new ByteBudget(maxBytes);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, StoredResult value) -> (int) Math.min(Integer.MAX_VALUE, value.bytes()))
                .expireAfter(new PerEntryTtl())
                .ticker(ticker)
                // Maintenance on the caller's thread: the byte bound holds when a call returns.
                .executor(Runnable::run)
                .removalListener((CacheKey key, StoredResult value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        statistics.evictions.increment();
                    }
                })
                .buildAsync();
        budget.attach(cache.synchronous().policy().eviction().orElseThrow());
    }

    /** What a lookup found. */
    public sealed interface Access permits Hit, Lead, Follow {
    }

    /** A stored result whose tables have not changed since it was loaded. */
    public record Hit(StoredResult result) implements Access {
    }

    /** Nobody is loading this key: the caller runs the query and feeds {@link #load()}. */
    public record Lead(Load load) implements Access {
    }

    /**
     * Someone else is loading this key and no write has touched its tables since it started: wait
     * for the result. If the future fails (an error, or the result was too large) run the query
     * yourself.
     */
    public record Follow(CompletableFuture<StoredResult> result) implements Access {
    }

    /**
     * Looks a key up, or claims its load.
     *
     * @param stamp takes the versions of the query's tables; called only when the caller will lead
     *     a load, before it starts the query
     */
    public Access access(CacheKey key, Supplier<VersionStamp> stamp) {
        while (true) {
            CompletableFuture<StoredResult> existing = cache.getIfPresent(key);
            if (existing != null) {
                if (existing.isDone() && !existing.isCompletedExceptionally()) {
                    StoredResult result = existing.join();
                    if (result.stamp().isCurrent()) {
                        statistics.hits.increment();
                        return new Hit(result);
                    }
                } else if (!existing.isDone() && existing instanceof LoadFuture loading && loading.stamp.isCurrent()) {
                    statistics.coalesced.increment();
                    return new Follow(existing.copy());
                }
                // Stale, failed, or a load that raced a write: nobody may use it.
                cache.asMap().remove(key, existing);
                continue;
            }
            LoadFuture mine = new LoadFuture(stamp.get());
            if (cache.asMap().putIfAbsent(key, mine) == null) {
                statistics.misses.increment();
                return new Lead(new Load(key, mine));
            }
        }
    }

    /** A stored result only, without claiming a load (for EXPLAIN CACHE). */
    public boolean containsCurrent(CacheKey key) {
        CompletableFuture<StoredResult> existing = cache.getIfPresent(key);
        return existing != null && existing.isDone() && !existing.isCompletedExceptionally()
                && existing.join().stamp().isCurrent();
    }

    /**
     * Drops every entry that reads a source, queries across sources included (their stamps are
     * usually stale already; this frees the memory).
     */
    public void invalidateSource(String source) {
        cache.asMap().keySet().removeIf(key -> key.readsFrom(source));
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    public CacheStatistics statistics() {
        return statistics;
    }

    /** Bytes of stored results plus bytes reserved by loads in flight. */
    public long bytes() {
        cache.synchronous().cleanUp();
        return cache.synchronous().policy().eviction().orElseThrow().weightedSize().orElse(0)
                + budget.loadingBytes();
    }

    public long entries() {
        return cache.synchronous().estimatedSize();
    }

    public long maxBytes() {
        return budget.maxBytes();
    }

    public long maxEntryBytes() {
        return maxEntryBytes;
    }

    /** A load's future carries its stamp, so a follower can tell whether it raced a write. */
    private static final class LoadFuture extends CompletableFuture<StoredResult> {
        final VersionStamp stamp;

        LoadFuture(VersionStamp stamp) {
            this.stamp = stamp;
        }
    }

    /**
     * What followers get when the leader stored nothing (too large, or an upstream error they will
     * meet themselves when they run the query). A cancellation, so Caffeine does not log it.
     */
    public static final class NotStoredException extends java.util.concurrent.CancellationException {
        NotStoredException(String message) {
            super(message);
        }
    }

    /** One result being read from upstream by the caller that leads the load. */
    public final class Load {
        private final CacheKey key;
        private final LoadFuture future;
        private final long started = ticker.read();
        private final List<Object[]> rows = new ArrayList<>();
        private long bytes;
        private long reserved;
        private boolean finished;

        private Load(CacheKey key, LoadFuture future) {
            this.key = key;
            this.future = future;
            this.bytes = key.estimatedBytes();
        }

        /**
         * Adds a row. False when the result no longer fits (max-entry-bytes or the loading budget):
         * the load is then abandoned and the caller streams the rest through uncached.
         */
        public boolean add(Object[] row) {
            if (finished) {
                throw new IllegalStateException("the load is finished");
            }
            bytes += RowWeigher.weigh(row);
            if (bytes > maxEntryBytes || (bytes > reserved && !reserveUpTo(bytes))) {
                abandon(BypassReason.TOO_LARGE);
                return false;
            }
            rows.add(row);
            return true;
        }

        /** The rows added so far (a caller that must stream after an abandoned load serves them first). */
        public List<Object[]> rows() {
            return rows;
        }

        public VersionStamp stamp() {
            return future.stamp;
        }

        /**
         * Ends the load with every row read: the result goes to the followers, and is kept unless a
         * write bumped one of its tables meanwhile.
         */
        public StoredResult complete(Object columns, Duration ttl) {
            finish();
            StoredResult result = new StoredResult(columns, rows, bytes, ttl, future.stamp);
            statistics.loads.increment();
            statistics.loadNanos.add(ticker.read() - started);
            // Released first: once complete, Caffeine weighs the entry itself.
            budget.release(reserved);
            future.complete(result);
            if (!future.stamp.isCurrent()) {
                statistics.staleLoadsDiscarded.increment();
                cache.asMap().remove(key, future);
            }
            return result;
        }

        /** Ends the load without a result (an upstream error): followers run the query themselves. */
        public void fail(Throwable cause) {
            end(new NotStoredException("the leading load failed: " + cause));
        }

        private void abandon(BypassReason reason) {
            statistics.recordBypass(reason);
            end(new NotStoredException(reason.description()));
        }

        private void end(NotStoredException outcome) {
            if (!finished) {
                finish();
                budget.release(reserved);
                cache.asMap().remove(key, future);
                future.completeExceptionally(outcome);
            }
        }

        private boolean reserveUpTo(long needed) {
            long more = Math.max(RESERVATION_STEP, needed - reserved);
            more = Math.min(more, maxEntryBytes - reserved);
            if (more <= 0 || !budget.reserve(more)) {
                return false;
            }
            reserved += more;
            return reserved >= needed;
        }

        private void finish() {
            if (finished) {
                throw new IllegalStateException("the load is finished");
            }
            finished = true;
        }

        public boolean isFinished() {
            return finished;
        }
    }

    private static final class PerEntryTtl implements Expiry<CacheKey, StoredResult> {
        @Override
        public long expireAfterCreate(CacheKey key, StoredResult value, long currentTime) {
            return value.ttl().toNanos();
        }

        @Override
        public long expireAfterUpdate(CacheKey key, StoredResult value, long currentTime, long currentDuration) {
            return value.ttl().toNanos();
        }

        @Override
        public long expireAfterRead(CacheKey key, StoredResult value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
