package io.junction.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells what a statement reads and writes, for PostgreSQL and MariaDB/MySQL SQL, failing closed: a
 * hand-written analyser over {@link SqlLexer} tokens that understands a conservative subset and
 * says "not understood" for the rest. Not understood means "not cacheable" for a read and
 * "invalidate the whole source" for a write. (JSqlParser was measured to drop tables silently;
 * see FIELD-NOTES section 3.) Results are memoized per text.
 */
public final class SqlAnalyser {
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "VALUES", "TABLE");
    private static final Set<String> TRANSACTION_WORDS = Set.of(
            "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ABORT");
    private static final Set<String> SESSION_WORDS = Set.of("SET", "RESET", "USE", "DISCARD", "LISTEN", "UNLISTEN");
    private static final Set<String> OTHER_READ_WORDS = Set.of(
            "SHOW", "DESCRIBE", "DESC", "HELP", "NOTIFY", "LOCK", "VACUUM", "ANALYZE", "ANALYSE", "CHECKPOINT",
            "FETCH", "MOVE", "CLOSE", "DECLARE");
    private static final Set<String> DDL_WORDS = Set.of(
            "CREATE", "ALTER", "DROP", "RENAME", "GRANT", "REVOKE", "COMMENT", "REFRESH", "REINDEX", "CLUSTER",
            "SECURITY", "IMPORT", "OPTIMIZE", "REPAIR", "FLUSH");
    private static final Set<String> WRITE_WORDS = Set.of("INSERT", "REPLACE", "UPDATE", "DELETE", "MERGE", "UPSERT");

    private final SqlFlavor flavor;
    private final FunctionCatalog functions;
    private final Cache<String, SqlAnalysis> memo = Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * @param deterministicFunctions functions the source's config declares deterministic and free of
     *     side effects (user-defined ones, or pg_sleep for tests)
     */
    public SqlAnalyser(SqlFlavor flavor, Set<String> deterministicFunctions) {
        this.flavor = Objects.requireNonNull(flavor, "flavor is null");
        this.functions = new FunctionCatalog(deterministicFunctions);
    }

    public SqlAnalysis analyse(String sql) {
        return memo.get(sql, this::analyseUncached);
    }

    private SqlAnalysis analyseUncached(String sql) {
        SqlLexer.Lexed lexed = SqlLexer.lex(sql, flavor);
        String normalized = lexed.tokens().stream().map(this::normalizedText).collect(Collectors.joining(" "));
        Optional<Duration> ttl = TtlHint.of(lexed.hints());
        if (!lexed.complete()) {
            return new Builder(normalized, ttl).sourceWrite("an unterminated quote or comment, or an executable "
                    + "/*! */ or /*M! */ comment", false);
        }
        List<List<SqlToken>> statements = lexed.statements();
        if (statements.isEmpty()) {
            return new Builder(normalized, ttl).kind(StatementKind.OTHER_READ, BypassReason.NOT_A_QUERY, "no statement");
        }
        if (statements.size() == 1) {
            return statement(statements.get(0), new Builder(normalized, ttl));
        }
        return combine(statements, normalized, ttl);
    }

    /**
     * PostgreSQL folds unquoted words to lower case, so folding them keeps the meaning. MariaDB
     * table names can be case sensitive (lower_case_table_names=0), so its words stay as written.
     */
    private String normalizedText(SqlToken token) {
        return flavor == SqlFlavor.POSTGRESQL && token.type() == SqlToken.Type.WORD
                ? token.text().toLowerCase(Locale.ROOT) : token.text();
    }

    private SqlAnalysis combine(List<List<SqlToken>> statements, String normalized, Optional<Duration> ttl) {
        Set<TableName> writes = new LinkedHashSet<>();
        StatementKind kind = StatementKind.OTHER_READ;
        SqlAnalysis.SessionEffect effect = SqlAnalysis.SessionEffect.NONE;
        boolean ddl = false;
        String detail = "the text holds " + statements.size() + " statements";
        for (List<SqlToken> part : statements) {
            SqlAnalysis one = statement(part, new Builder(normalized, ttl));
            writes.addAll(one.writes());
            ddl |= one.ddl();
            if (one.kind() == StatementKind.SOURCE_WRITE) {
                kind = StatementKind.SOURCE_WRITE;
                detail = one.detail();
            } else if (one.kind() == StatementKind.WRITE && kind != StatementKind.SOURCE_WRITE) {
                kind = StatementKind.WRITE;
            }
            if (one.sessionEffect().ordinal() > effect.ordinal()) {
                effect = one.sessionEffect();
            }
        }
        return new SqlAnalysis(kind, normalized, Set.of(), writes, Optional.of(BypassReason.MULTIPLE_STATEMENTS),
                detail, ttl, effect, ddl);
    }

    private SqlAnalysis statement(List<SqlToken> tokens, Builder out) {
        int start = 0;
        while (start < tokens.size() && tokens.get(start).isSymbol("(")) {
            start++;
        }
        SqlToken first = tokens.get(start);
        String word = first.type() == SqlToken.Type.WORD ? first.upper() : "";
        if (QUERY_STARTS.contains(word)) {
            return query(tokens, 0, Set.of(), out);
        }
        if (word.equals("WITH")) {
            return with(tokens, out);
        }
        if (WRITE_WORDS.contains(word)) {
            return write(tokens, 0, Set.of(), out);
        }
        if (word.equals("TRUNCATE")) {
            return truncate(tokens, out);
        }
        if (word.equals("COPY")) {
            return copy(tokens, out);
        }
        if (word.equals("EXPLAIN")) {
            return explain(tokens, out);
        }
        if (SESSION_WORDS.contains(word)) {
            return session(tokens, out);
        }
        if (TRANSACTION_WORDS.contains(word)) {
            return out.kind(StatementKind.TRANSACTION_CONTROL, BypassReason.NOT_A_QUERY, word);
        }
        if (OTHER_READ_WORDS.contains(word)) {
            return out.kind(StatementKind.OTHER_READ, BypassReason.NOT_A_QUERY, word);
        }
        if (DDL_WORDS.contains(word)) {
            return out.sourceWrite(word + " may change any table or the catalog", true);
        }
        return out.sourceWrite("'" + first.text() + "' statements may change anything on the source", false);
    }

    private SqlAnalysis query(List<SqlToken> tokens, int from, Set<String> cteNames, Builder out) {
        QueryScanner scanner = new QueryScanner(flavor, functions, cteNames);
        scanner.scan(tokens, from, tokens.size(), Set.of());
        out.reads.addAll(scanner.reads);
        return out.fromScan(scanner, StatementKind.QUERY);
    }

    /** WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (body) [, ...] main-statement */
    private SqlAnalysis with(List<SqlToken> tokens, Builder out) {
        Set<String> cteNames = new HashSet<>();
        int i = 1;
        if (i < tokens.size() && tokens.get(i).isWord("RECURSIVE")) {
            i++;
        }
        List<int[]> bodies = new ArrayList<>();
        while (true) {
            if (i >= tokens.size() || !tokens.get(i).isName()) {
                return out.unknown("a WITH clause it cannot read");
            }
            SqlToken name = tokens.get(i);
            cteNames.add(name.type() == SqlToken.Type.QUOTED_NAME ? name.unquoted()
                    : name.text().toLowerCase(Locale.ROOT));
            i++;
            if (i < tokens.size() && tokens.get(i).isSymbol("(")) {
                i = closing(tokens, i) + 1;
            }
            if (i >= tokens.size() || !tokens.get(i).isWord("AS")) {
                return out.unknown("a WITH clause it cannot read");
            }
            i++;
            while (i < tokens.size() && (tokens.get(i).isWord("NOT") || tokens.get(i).isWord("MATERIALIZED"))) {
                i++;
            }
            if (i >= tokens.size() || !tokens.get(i).isSymbol("(")) {
                return out.unknown("a WITH clause it cannot read");
            }
            int close = closing(tokens, i);
            if (close >= tokens.size()) {
                return out.unknown("unbalanced parentheses");
            }
            bodies.add(new int[] {i + 1, close});
            i = close + 1;
            if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
                i++;
                continue;
            }
            break;
        }
        if (i >= tokens.size()) {
            return out.unknown("a WITH clause without a statement");
        }
        boolean writes = false;
        for (int[] body : bodies) {
            List<SqlToken> bodyTokens = tokens.subList(body[0], body[1]);
            if (!bodyTokens.isEmpty() && bodyTokens.get(0).type() == SqlToken.Type.WORD
                    && WRITE_WORDS.contains(bodyTokens.get(0).upper())) {
                writes = true;
                SqlAnalysis write = write(bodyTokens, 0, cteNames, new Builder(out.normalized, out.ttl));
                if (write.kind() == StatementKind.SOURCE_WRITE) {
                    return out.sourceWrite(write.detail(), false);
                }
                out.writes.addAll(write.writes());
            } else {
                QueryScanner scanner = new QueryScanner(flavor, functions, cteNames);
                scanner.scan(bodyTokens, 0, bodyTokens.size(), Set.of());
                out.absorb(scanner);
            }
        }
        String mainWord = tokens.get(i).type() == SqlToken.Type.WORD ? tokens.get(i).upper() : "";
        List<SqlToken> main = tokens.subList(i, tokens.size());
        if (WRITE_WORDS.contains(mainWord)) {
            return write(main, 0, cteNames, out);
        }
        if (!QUERY_STARTS.contains(mainWord) && !tokens.get(i).isSymbol("(")) {
            return out.unknown("a WITH clause followed by " + tokens.get(i).text());
        }
        SqlAnalysis query = query(main, 0, cteNames, out);
        if (writes) {
            return out.asWrite("a data-modifying WITH");
        }
        return query;
    }

    private SqlAnalysis write(List<SqlToken> tokens, int from, Set<String> cteNames, Builder out) {
        String verb = tokens.get(from).upper();
        int i = from + 1;
        while (i < tokens.size() && tokens.get(i).type() == SqlToken.Type.WORD
                && Set.of("IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "QUICK", "INTO", "ONLY")
                .contains(tokens.get(i).upper())) {
            i++;
        }
        QueryScanner scanner = new QueryScanner(flavor, functions, cteNames);
        boolean mysqlMultiTable = flavor == SqlFlavor.MYSQL && (verb.equals("UPDATE") || verb.equals("DELETE"));
        if (mysqlMultiTable) {
            // UPDATE t1 JOIN t2 ... SET, DELETE t1, t2 FROM ...: count every table as written.
            scanner.scan(tokens, from, tokens.size(), Set.of("UPDATE", "DELETE"));
            out.writes.addAll(scanner.reads);
        } else {
            if (verb.equals("DELETE")) {
                if (i < tokens.size() && tokens.get(i).isWord("FROM")) {
                    i++;
                }
                while (i < tokens.size() && tokens.get(i).isWord("ONLY")) {
                    i++;
                }
            }
            TableName target = tableName(tokens, i);
            if (target == null) {
                return out.sourceWrite(verb + " whose target table it cannot read", false);
            }
            out.writes.add(target);
            scanner.scan(tokens, i + target.parts().size() * 2 - 1, tokens.size(), Set.of());
        }
        if (scanner.notUnderstood != null) {
            return out.sourceWrite(verb + " with " + scanner.notUnderstood, false);
        }
        if (!scanner.unknownCalls.isEmpty()) {
            return out.sourceWrite(verb + " calls " + scanner.unknownCalls.get(0) + ", which may have side effects",
                    false);
        }
        if (!scanner.sessionChangingCalls.isEmpty()) {
            out.effect = SqlAnalysis.SessionEffect.UNTRACKED;
        }
        return out.asWrite(verb);
    }

    /** TRUNCATE [TABLE] [ONLY] t1 [*] [, t2 ...] [RESTART|CONTINUE IDENTITY] [CASCADE|RESTRICT] */
    private SqlAnalysis truncate(List<SqlToken> tokens, Builder out) {
        int i = 1;
        if (i < tokens.size() && tokens.get(i).isWord("TABLE")) {
            i++;
        }
        while (true) {
            while (i < tokens.size() && tokens.get(i).isWord("ONLY")) {
                i++;
            }
            TableName name = tableName(tokens, i);
            if (name == null) {
                return out.sourceWrite("TRUNCATE of something it cannot read", false);
            }
            out.writes.add(name);
            i += name.parts().size() * 2 - 1;
            if (i < tokens.size() && tokens.get(i).isSymbol("*")) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
                i++;
                continue;
            }
            break;
        }
        for (int j = i; j < tokens.size(); j++) {
            SqlToken t = tokens.get(j);
            if (t.isWord("CASCADE")) {
                return out.sourceWrite("TRUNCATE ... CASCADE empties every table that refers to these", false);
            }
            if (!(t.isWord("RESTART") || t.isWord("CONTINUE") || t.isWord("IDENTITY") || t.isWord("RESTRICT"))) {
                return out.sourceWrite("TRUNCATE with '" + t.text() + "'", false);
            }
        }
        return out.asWrite("TRUNCATE");
    }

    /** COPY t [(cols)] FROM ... writes t; COPY ... TO only reads. */
    private SqlAnalysis copy(List<SqlToken> tokens, Builder out) {
        boolean from = tokens.stream().anyMatch(t -> t.isWord("FROM"));
        boolean to = tokens.stream().anyMatch(t -> t.isWord("TO"));
        if (to && !from) {
            return out.kind(StatementKind.OTHER_READ, BypassReason.NOT_A_QUERY, "COPY TO");
        }
        TableName target = tableName(tokens, 1);
        if (target == null || to) {
            return out.sourceWrite("a COPY it cannot read", false);
        }
        out.writes.add(target);
        return out.asWrite("COPY FROM");
    }

    /** EXPLAIN only plans, except EXPLAIN ANALYZE, which runs the statement. */
    private SqlAnalysis explain(List<SqlToken> tokens, Builder out) {
        boolean analyze = tokens.stream().anyMatch(t -> t.isWord("ANALYZE") || t.isWord("ANALYSE"));
        if (!analyze) {
            return out.kind(StatementKind.OTHER_READ, BypassReason.NOT_A_QUERY, "EXPLAIN");
        }
        int i = 1;
        while (i < tokens.size() && !(tokens.get(i).type() == SqlToken.Type.WORD
                && (QUERY_STARTS.contains(tokens.get(i).upper()) || WRITE_WORDS.contains(tokens.get(i).upper())
                || tokens.get(i).isWord("WITH")))) {
            i++;
        }
        if (i >= tokens.size()) {
            return out.sourceWrite("an EXPLAIN ANALYZE it cannot read", false);
        }
        SqlAnalysis inner = statement(tokens.subList(i, tokens.size()), new Builder(out.normalized, out.ttl));
        if (inner.kind() == StatementKind.QUERY) {
            return out.kind(StatementKind.OTHER_READ, BypassReason.NOT_A_QUERY, "EXPLAIN ANALYZE");
        }
        return inner;
    }

    private SqlAnalysis session(List<SqlToken> tokens, Builder out) {
        QueryScanner scanner = new QueryScanner(flavor, functions, Set.of());
        scanner.scan(tokens, 1, tokens.size(), Set.of());
        boolean tracked = scanner.notUnderstood == null && scanner.unknownCalls.isEmpty()
                && scanner.sessionChangingCalls.isEmpty() && scanner.volatileCalls.isEmpty() && scanner.reads.isEmpty();
        out.effect = tracked ? SqlAnalysis.SessionEffect.TRACKED : SqlAnalysis.SessionEffect.UNTRACKED;
        if (!scanner.unknownCalls.isEmpty()) {
            return out.sourceWrite(tokens.get(0).upper() + " calls " + scanner.unknownCalls.get(0)
                    + ", which may have side effects", false);
        }
        return out.kind(StatementKind.SESSION_STATE, BypassReason.NOT_A_QUERY, tokens.get(0).upper());
    }

    /** A possibly qualified name at {@code i}, or null. */
    private TableName tableName(List<SqlToken> tokens, int i) {
        List<TableName.Identifier> parts = new ArrayList<>();
        while (i < tokens.size() && tokens.get(i).isName()) {
            SqlToken t = tokens.get(i);
            parts.add(t.type() == SqlToken.Type.QUOTED_NAME
                    ? new TableName.Identifier(t.unquoted(), true)
                    : new TableName.Identifier(t.text(), false));
            if (i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(".")) {
                i += 2;
            } else {
                break;
            }
        }
        return parts.isEmpty() || parts.size() > 3 ? null : new TableName(parts);
    }

    private static int closing(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            if (tokens.get(k).isSymbol("(")) {
                depth++;
            } else if (tokens.get(k).isSymbol(")") && --depth == 0) {
                return k;
            }
        }
        return tokens.size();
    }

    /** Collects the findings for one statement. */
    private static final class Builder {
        final String normalized;
        final Optional<Duration> ttl;
        final Set<TableName> reads = new LinkedHashSet<>();
        final Set<TableName> writes = new LinkedHashSet<>();
        final List<String> volatileCalls = new ArrayList<>();
        SqlAnalysis.SessionEffect effect = SqlAnalysis.SessionEffect.NONE;
        String sourceWriteDetail;
        String notUnderstood;
        boolean locking;

        Builder(String normalized, Optional<Duration> ttl) {
            this.normalized = normalized;
            this.ttl = ttl;
        }

        void absorb(QueryScanner scanner) {
            reads.addAll(scanner.reads);
            volatileCalls.addAll(scanner.volatileCalls);
            locking |= scanner.locking;
            if (scanner.notUnderstood != null) {
                notUnderstood = scanner.notUnderstood;
            }
            if (!scanner.sessionChangingCalls.isEmpty()) {
                effect = SqlAnalysis.SessionEffect.UNTRACKED;
                volatileCalls.addAll(scanner.sessionChangingCalls);
            }
            if (!scanner.unknownCalls.isEmpty()) {
                sourceWriteDetail = "calls " + scanner.unknownCalls.get(0) + ", which may have side effects";
                effect = SqlAnalysis.SessionEffect.UNTRACKED;
            }
            if (scanner.selectInto) {
                sourceWriteDetail = "SELECT ... INTO creates or assigns something";
            }
        }

        SqlAnalysis fromScan(QueryScanner scanner, StatementKind kind) {
            absorb(scanner);
            if (sourceWriteDetail != null) {
                return new SqlAnalysis(StatementKind.SOURCE_WRITE, normalized, reads, writes,
                        Optional.of(BypassReason.NON_DETERMINISTIC), sourceWriteDetail, ttl, effect, false);
            }
            if (notUnderstood != null) {
                return new SqlAnalysis(kind, normalized, reads, writes, Optional.of(BypassReason.NOT_UNDERSTOOD),
                        notUnderstood, ttl, effect, false);
            }
            if (locking) {
                return new SqlAnalysis(kind, normalized, reads, writes, Optional.of(BypassReason.LOCKING_READ),
                        "FOR UPDATE/SHARE", ttl, effect, false);
            }
            if (!volatileCalls.isEmpty()) {
                return new SqlAnalysis(kind, normalized, reads, writes, Optional.of(BypassReason.NON_DETERMINISTIC),
                        String.join(", ", volatileCalls), ttl, effect, false);
            }
            return new SqlAnalysis(kind, normalized, reads, writes, Optional.empty(), "", ttl, effect, false);
        }

        SqlAnalysis asWrite(String detail) {
            if (sourceWriteDetail != null) {
                return sourceWrite(sourceWriteDetail, false);
            }
            if (notUnderstood != null) {
                return sourceWrite(notUnderstood, false);
            }
            return new SqlAnalysis(StatementKind.WRITE, normalized, reads, writes,
                    Optional.of(BypassReason.NOT_A_QUERY), detail, ttl, effect, false);
        }

        SqlAnalysis kind(StatementKind kind, BypassReason reason, String detail) {
            return new SqlAnalysis(kind, normalized, Set.of(), Set.of(), Optional.of(reason), detail, ttl, effect,
                    false);
        }

        SqlAnalysis sourceWrite(String detail, boolean ddl) {
            return new SqlAnalysis(StatementKind.SOURCE_WRITE, normalized, Set.of(), writes,
                    Optional.of(BypassReason.NOT_A_QUERY), detail, ttl,
                    effect == SqlAnalysis.SessionEffect.NONE && !ddl ? SqlAnalysis.SessionEffect.NONE : effect, ddl);
        }

        SqlAnalysis unknown(String detail) {
            return new SqlAnalysis(StatementKind.SOURCE_WRITE, normalized, Set.of(), Set.of(),
                    Optional.of(BypassReason.NOT_UNDERSTOOD), detail, ttl, effect, false);
        }
    }
}
