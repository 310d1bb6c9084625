package io.junction.server.session;

import io.junction.server.cache.CachePlan;
import io.junction.server.cache.GatewayCache;
import io.junction.server.cache.SessionFacts;
import io.junction.server.cache.SourceCache;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPLAIN CACHE <sql>}: answers "why isn't this cached?" for the caller's own session, as a
 * result set with one row per fact (cached or not, the reason, each key part, the tables, the TTL).
 * Nothing reaches the upstream except catalog lookups.
 */
final class ExplainCache {
    private static final Pattern PREFIX = Pattern.compile("^\\s*EXPLAIN\\s+CACHE\\s+", Pattern.CASE_INSENSITIVE);
    private static final List<ColumnMetaData> COLUMNS = List.of(
            MetaImpl.columnMetaData("fact", 0, String.class, false),
            MetaImpl.columnMetaData("value", 1, String.class, true));

    private final QueryCaching caching;

    ExplainCache(QueryCaching caching) {
        this.caching = caching;
    }

    static boolean matches(String sql) {
        return PREFIX.matcher(sql).find();
    }

    /**
     * Answers {@code EXPLAIN CACHE <query>} sent as a statement, or prepared and executed with the
     * query's parameter values (which are part of the key).
     */
    Meta.ExecuteResult explain(ClientSession session, GatewayStatement statement, String sql,
                               List<TypedValue> parameters, long maxRows, int firstFrameRows) throws SQLException {
        return rows(session, statement, sql, facts(session, query(sql), parameters, maxRows), firstFrameRows);
    }

    /** The query after {@code EXPLAIN CACHE}. */
    static String query(String sql) {
        Matcher prefix = PREFIX.matcher(sql);
        if (!prefix.find()) {
            throw new IllegalArgumentException("not an EXPLAIN CACHE statement");
        }
        return sql.substring(prefix.end());
    }

    /**
     * The facts for a passthrough session's query, under its own state: a catalog lookup on the
     * session's lease is all that reaches the upstream. Call on the session's monitor.
     */
    List<String[]> facts(ClientSession session, String query, List<TypedValue> parameters, long maxRows)
            throws SQLException {
        GatewayCache cache = caching.gatewayCache();
        SourceCache source = caching.source(session);
        SessionFacts facts = caching.facts(session, parameters, maxRows);
        CachePlan plan = cache.plan(source, query, () -> facts);
        if (plan.needsResolution()) {
            Lease lease = session.lease(false);
            try {
                plan = cache.resolve(source, plan, lease.connection(), facts.fingerprint());
            } finally {
                lease.release(true);
            }
        }
        return cache.explain(source, plan, facts);
    }

    /** The facts as a result set of the statement. */
    static Meta.ExecuteResult rows(ClientSession session, GatewayStatement statement, String sql,
                                   List<String[]> facts, int firstFrameRows) {
        List<Object[]> rows = new ArrayList<>(facts);
        MemoryCursor cursor = new MemoryCursor(COLUMNS, rows);
        statement.open(cursor);
        return QueryCaching.result(session, statement, sql, COLUMNS,
                cursor.next(0, firstFrameRows > 0 ? firstFrameRows : StatementExecutor.DEFAULT_FIRST_FRAME_ROWS));
    }
}
