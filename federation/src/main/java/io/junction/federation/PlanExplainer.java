package io.junction.federation;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.sql.SqlDialect;

import java.util.ArrayList;
import java.util.List;

/** The physical plan as text lines, then, per source sub-query, the SQL that source receives. */
final class PlanExplainer {
    private PlanExplainer() {
    }

    static List<String> explain(RelNode plan, JavaTypeFactory typeFactory) {
        List<String> lines = new ArrayList<>(List.of(RelOptUtil.toString(plan).split("\n")));
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
