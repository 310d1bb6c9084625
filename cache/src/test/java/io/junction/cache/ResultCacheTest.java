package io.junction.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultCacheTest {
    private final TableVersions versions = new TableVersions();
    private final AtomicLong now = new AtomicLong();

    private static CacheKey key(String sql) {
        return new CacheKey("pg", "postgres", sql, List.of(), "tz=UTC", null);
    }

    private static Object[] row(int bytes) {
        return new Object[] {new byte[bytes]};
    }

    private ResultCache.Lead lead(ResultCache cache, CacheKey key, String... tables) {
        ResultCache.Access access = cache.access(key, () -> versions.stamp("pg", List.of(tables)));
        assertThat(access).isInstanceOf(ResultCache.Lead.class);
        return (ResultCache.Lead) access;
    }

    @Test
    void access_absent_leads_thenHits() {
        ResultCache cache = new ResultCache(1 << 20, 1 << 16);
        ResultCache.Lead lead = lead(cache, key("q"), "public.t");
        lead.load().add(new Object[] {1, "a"});
        lead.load().complete("columns", Duration.ofSeconds(60));

        ResultCache.Access again = cache.access(key("q"), () -> versions.stamp("pg", List.of("public.t")));

        assertThat(again).isInstanceOf(ResultCache.Hit.class);
        assertThat(((ResultCache.Hit) again).result().rows()).hasSize(1);
        assertThat(cache.statistics().hits()).isEqualTo(1);
        assertThat(cache.statistics().misses()).isEqualTo(1);
    }

    @Test
    void access_whileLoading_follows_andGetsTheLeadersResult() {
        ResultCache cache = new ResultCache(1 << 20, 1 << 16);
        ResultCache.Lead lead = lead(cache, key("q"), "public.t");

        ResultCache.Access follower = cache.access(key("q"), () -> versions.stamp("pg", List.of("public.t")));
        lead.load().complete("columns", Duration.ofSeconds(60));

        assertThat(follower).isInstanceOf(ResultCache.Follow.class);
        assertThat(((ResultCache.Follow) follower).result().join().columns()).isEqualTo("columns");
    }

    @Test
    void write_afterHit_makesTheEntryStale() {
        ResultCache cache = new ResultCache(1 << 20, 1 << 16);
        lead(cache, key("q"), "public.t").load().complete("c", Duration.ofSeconds(60));

        versions.bump("pg", List.of("public.t"));

        assertThat(cache.access(key("q"), () -> versions.stamp("pg", List.of("public.t"))))
                .isInstanceOf(ResultCache.Lead.class);
    }

    @Test
    void loadThatRacedAWrite_isNotStored_andNobodyJoinsIt() {
        ResultCache cache = new ResultCache(1 << 20, 1 << 16);
        ResultCache.Lead slow = lead(cache, key("q"), "public.t");

        versions.bump("pg", List.of("public.t")); // a write begins while the load runs
        ResultCache.Access late = cache.access(key("q"), () -> versions.stamp("pg", List.of("public.t")));
        slow.load().complete("old", Duration.ofSeconds(60));

        assertThat(late).as("a reader after the write must not join the old load").isInstanceOf(ResultCache.Lead.class);
        ((ResultCache.Lead) late).load().complete("new", Duration.ofSeconds(60));
        ResultCache.Access after = cache.access(key("q"), () -> versions.stamp("pg", List.of("public.t")));
        assertThat(((ResultCache.Hit) after).result().columns()).isEqualTo("new");
        assertThat(cache.statistics().staleLoadsDiscarded()).isEqualTo(1);
    }

    @Test
    void sourceEpoch_invalidatesEveryTable() {
        ResultCache cache = new ResultCache(1 << 20, 1 << 16);
        lead(cache, key("q"), "public.t").load().complete("c", Duration.ofSeconds(60));

        versions.bumpSource("pg");

        assertThat(cache.access(key("q"), () -> versions.stamp("pg", List.of("public.t"))))
                .isInstanceOf(ResultCache.Lead.class);
    }

    @Test
    void resultAboveMaxEntryBytes_isRefused_andFollowersFail() {
        ResultCache cache = new ResultCache(1 << 20, 10_000);
        ResultCache.Lead lead = lead(cache, key("big"));
        CompletableFuture<StoredResult> follower =
                ((ResultCache.Follow) cache.access(key("big"), () -> versions.stamp("pg", List.of()))).result();

        boolean fitted = true;
        for (int i = 0; i < 100 && fitted; i++) {
            fitted = lead.load().add(row(500));
        }

        assertThat(fitted).isFalse();
        assertThat(follower).isCompletedExceptionally();
        assertThat(cache.bytes()).isZero();
        assertThat(cache.statistics().bypasses(BypassReason.TOO_LARGE)).isEqualTo(1);
        assertThat(cache.access(key("big"), () -> versions.stamp("pg", List.of())))
                .isInstanceOf(ResultCache.Lead.class);
    }

    @Test
    void byteBound_holds_countingLoadsInFlight() {
        long max = 200_000;
        ResultCache cache = new ResultCache(max, 60_000);
        for (int i = 0; i < 20; i++) {
            ResultCache.Load load = lead(cache, key("q" + i)).load();
            for (int r = 0; r < 5; r++) {
                load.add(row(10_000));
            }
            load.complete("c", Duration.ofSeconds(60));
            assertThat(cache.bytes()).isLessThanOrEqualTo(max);
        }
        // Two loads in flight hold reservations; stored entries make room for them.
        ResultCache.Load a = lead(cache, key("a")).load();
        ResultCache.Load b = lead(cache, key("b")).load();
        for (int r = 0; r < 5; r++) {
            assertThat(a.add(row(10_000))).isTrue();
            assertThat(b.add(row(10_000))).isTrue();
            assertThat(cache.bytes()).isLessThanOrEqualTo(max);
        }
        assertThat(cache.statistics().evictions()).isPositive();
        a.complete("c", Duration.ofSeconds(60));
        b.fail(new IllegalStateException("upstream error"));
        assertThat(cache.bytes()).isLessThanOrEqualTo(max);
    }

    @Test
    void loadingBudget_exhausted_refusesTheLoadInsteadOfOvershooting() {
        ResultCache cache = new ResultCache(100_000, 80_000);
        ResultCache.Load a = lead(cache, key("a")).load();
        ResultCache.Load b = lead(cache, key("b")).load();
        List<Boolean> results = new ArrayList<>();
        for (int r = 0; r < 7; r++) {
            results.add(a.add(row(10_000)));
        }
        boolean bFits = true;
        for (int r = 0; r < 7 && bFits; r++) {
            bFits = b.add(row(10_000));
        }

        assertThat(results).containsOnly(true);
        assertThat(bFits).isFalse();
        assertThat(cache.bytes()).isLessThanOrEqualTo(100_000);
    }

    @Test
    void ttl_expiresPerEntry() {
        ResultCache cache = new ResultCache(1 << 20, 1 << 16, now::get);
        lead(cache, key("short")).load().complete("c", Duration.ofSeconds(1));
        lead(cache, key("long")).load().complete("c", Duration.ofSeconds(60));

        now.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(cache.access(key("short"), () -> versions.stamp("pg", List.of())))
                .isInstanceOf(ResultCache.Lead.class);
        assertThat(cache.access(key("long"), () -> versions.stamp("pg", List.of())))
                .isInstanceOf(ResultCache.Hit.class);
    }

    @Test
    void keys_differByTypedParameterAndFingerprint() {
        CacheKey one = new CacheKey("pg", "u", "q", List.of(new CacheKey.TypedParameter("INTEGER", 1)), "f", null);
        CacheKey oneDecimal = new CacheKey("pg", "u", "q",
                List.of(new CacheKey.TypedParameter("NUMBER", new java.math.BigDecimal("1.0"))), "f", null);
        CacheKey otherZone = new CacheKey("pg", "u", "q", List.of(new CacheKey.TypedParameter("INTEGER", 1)), "g", null);

        assertThat(one).isNotEqualTo(oneDecimal).isNotEqualTo(otherZone);
        assertThat(one).isEqualTo(new CacheKey("pg", "u", "q", List.of(new CacheKey.TypedParameter("INTEGER", 1)),
                "f", null));
    }

    @Test
    void maxEntryBytes_aboveMaxBytes_isRejected() {
        assertThatThrownBy(() -> new ResultCache(100, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache.max-entry-bytes");
    }

    @Test
    void stampOfSeveralSources_isStaleAfterAWriteToAnyOfThem_orAFlushOfEither() {
        VersionStamp both = VersionStamp.allOf(List.of(versions.stamp("pg", List.of("public.t")),
                versions.stamp("maria", List.of("test.u"))));
        assertThat(both.isCurrent()).isTrue();
        versions.bump("maria", List.of("test.other"));
        assertThat(both.isCurrent()).as("another table of a source").isTrue();

        versions.bump("maria", List.of("test.u"));
        assertThat(both.isCurrent()).isFalse();

        VersionStamp again = VersionStamp.allOf(List.of(versions.stamp("pg", List.of("public.t")),
                versions.stamp("maria", List.of("test.u"))));
        versions.bumpSource("pg");
        assertThat(again.isCurrent()).isFalse();
        assertThat(again.tables()).containsExactly("public.t", "test.u");
    }

    @Test
    void invalidateSource_freesTheEntriesOfQueriesAcrossIt_andNoOthers() {
        ResultCache cache = new ResultCache(1 << 20, 1 << 16);
        CacheKey across = new CacheKey(CacheKey.acrossSources(List.of("pg", "maria")), "", "q", List.of(), "", null);
        CacheKey elsewhere = new CacheKey(CacheKey.acrossSources(List.of("pg", "h2")), "", "q", List.of(), "", null);
        for (CacheKey key : List.of(across, elsewhere)) {
            ResultCache.Access access = cache.access(key, () -> versions.stamp("pg", List.of("public.t")));
            ((ResultCache.Lead) access).load().complete("columns", Duration.ofSeconds(60));
        }
        assertThat(cache.entries()).isEqualTo(2);

        cache.invalidateSource("maria");

        assertThat(cache.containsCurrent(across)).isFalse();
        assertThat(cache.containsCurrent(elsewhere)).isTrue();
        assertThat(cache.entries()).isEqualTo(1);
        assertThat(across.readsFrom("mari")).as("a prefix of a source's name is another source").isFalse();
    }
}
