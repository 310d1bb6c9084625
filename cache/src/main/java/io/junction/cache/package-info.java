/**
 * The result cache (DESIGN.md decision 9). Knows nothing of Netty or the Avatica transport.
 *
 * <ul>
 *   <li>{@link io.junction.cache.SqlLexer} and {@link io.junction.cache.SqlToken}: Junction's one SQL lexer,
 *       for PostgreSQL, MariaDB/MySQL and ANSI text ({@link io.junction.cache.SqlFlavor}). Public because the
 *       server reads SQL through it too (its session-state tracking and its parameter count), so the cache
 *       and the server never disagree on where a string or a comment ends. It lives here rather than in a
 *       module of its own: the server already depends on this module, nothing else needs it, and two small
 *       classes do not earn a Maven module.</li>
 *   <li>{@link io.junction.cache.SqlAnalyser}: what a statement reads and writes, for PostgreSQL and
 *       MariaDB/MySQL, and whether it is deterministic. Hand-written over the lexer rather than
 *       JSqlParser (which drops tables in {@code TRUNCATE t1, t2} and ORDER BY subqueries, FIELD-NOTES
 *       section 3): it understands a conservative subset and says "not understood" for the rest, which
 *       the server treats as "not cacheable" for a read and "invalidate the whole source" for a write.</li>
 *   <li>{@link io.junction.cache.CacheKey}: compared in full, never by a hash alone.</li>
 *   <li>{@link io.junction.cache.ResultCache}: Caffeine's AsyncCache for single flight, weighed in bytes
 *       with its own budget for loads in flight (Caffeine weighs an incomplete future as 0), TTL per
 *       entry through {@code expireAfter(Expiry)}.</li>
 *   <li>{@link io.junction.cache.TableVersions}: bumped by writes before they run and after they commit;
 *       a load keeps its {@link io.junction.cache.VersionStamp}, and every hit and every follower checks
 *       it, so a load that raced a write is neither stored nor joined.</li>
 * </ul>
 */
package io.junction.cache;
