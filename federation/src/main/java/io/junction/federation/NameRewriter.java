package io.junction.federation;

import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Replaces the table names of a query in its own text, leaving every other character as the user
 * wrote it: the single-source fast path sends the source its own SQL with only
 * {@code source.schema.table} turned into the source's {@code schema.table}.
 */
final class NameRewriter {
    private NameRewriter() {
    }

    static String rewrite(String sql, List<ResolvedTable> tables, Function<ResolvedTable, String> name) {
        record Span(int start, int end, String replacement) {
        }
        List<Span> spans = new ArrayList<>(tables.size());
        for (ResolvedTable table : tables) {
            SqlParserPos pos = table.written().getParserPosition();
            int start = SqlParserUtil.lineColToIndex(sql, pos.getLineNum(), pos.getColumnNum());
            int end = SqlParserUtil.lineColToIndex(sql, pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
            spans.add(new Span(start, end, name.apply(table)));
        }
        spans.sort(Comparator.comparingInt(Span::start).reversed());
        StringBuilder out = new StringBuilder(sql);
        for (Span span : spans) {
            out.replace(span.start(), span.end(), span.replacement());
        }
        return out.toString();
    }
}
