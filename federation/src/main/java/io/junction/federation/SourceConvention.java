package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * The calling convention of one source: relational operators in it become one SQL statement sent
 * to that source. Registers Calcite's JDBC rules with the filter, project, join, sort and
 * aggregate rules replaced by {@link SafePushdownRules}, which push only what the source runs
 * with federation's meaning.
 */
final class SourceConvention extends JdbcConvention {
    private final SourceKind kind;
    private final PushdownCapabilities capabilities;

    SourceConvention(SourceKind kind, Expression schemaExpression, String sourceName) {
        super(kind.dialect(), schemaExpression, sourceName);
        this.kind = kind;
        this.capabilities = new PushdownCapabilities(kind);
    }

    SourceKind kind() {
        return kind;
    }

    PushdownCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void register(RelOptPlanner planner) {
        for (RelOptRule rule : JdbcRules.rules(this)) {
            planner.addRule(SafePushdownRules.replace(rule, capabilities));
        }
        planner.addRule(CoreRules.PROJECT_REMOVE);
    }
}
