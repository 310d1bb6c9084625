package io.junction.federation;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlExplainLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical plan as text lines, each operator with its estimated rows, then, per source
 * sub-query, the SQL that source receives.
 */
final class PlanExplainer {
    /** Calcite's "rowcount = 2.5E3, cumulative cost = {...}, id = 42" suffix. */
    private static final Pattern ESTIMATES = Pattern.compile(": rowcount = ([^,]+), cumulative cost = \\{.*}, id = \\d+$");

    private PlanExplainer() {
    }

    static List<String> explain(RelNode plan, JavaTypeFactory typeFactory) {
        List<String> lines = new ArrayList<>();
        for (String line : RelOptUtil.toString(plan, SqlExplainLevel.ALL_ATTRIBUTES).split("\n")) {
            Matcher estimates = ESTIMATES.matcher(line);
            lines.add(estimates.find() ? line.substring(0, estimates.start()) + ": rows ≈ "
                    + Math.round(Double.parseDouble(estimates.group(1))) : line);
        }
        plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(RelNode other) {
                if (other instanceof JdbcToEnumerableConverter converter) {
                    RelNode input = converter.getInput();
                    JdbcConvention convention = (JdbcConvention) input.getConvention();
                    lines.add("-- " + convention.getName() + ": " + sql(input, convention.dialect, typeFactory));
                    return other;
                }
                return super.visit(other);
            }
        });
        return lines;
    }

    static String sql(RelNode jdbcInput, SqlDialect dialect, JavaTypeFactory typeFactory) {
        JdbcImplementor implementor = new JdbcImplementor(dialect, typeFactory);
        return implementor.visitRoot(jdbcInput).asStatement().toSqlString(dialect).getSql().replace('\n', ' ');
    }
}
