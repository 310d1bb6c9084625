package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Calcite's JDBC pushdown rules, each refusing what would change the answer in the source (see
 * {@link PushdownCapabilities}). A filter is split: the conjuncts the source can run are pushed,
 * the rest stay in federation above it. A source's sub-plan is read by a {@link SourceRead}.
 */
final class SafePushdownRules {
    private SafePushdownRules() {
    }

    static RelOptRule replace(RelOptRule rule, PushdownCapabilities capabilities) {
        if (rule instanceof JdbcRules.JdbcFilterRule filter) {
            return new FilterRule((ConverterRule.Config) filter.config, capabilities);
        }
        if (rule instanceof JdbcRules.JdbcProjectRule project) {
            return new ProjectRule((ConverterRule.Config) project.config, capabilities);
        }
        if (rule instanceof JdbcRules.JdbcJoinRule join) {
            return new JoinRule((ConverterRule.Config) join.config, capabilities);
        }
        if (rule instanceof JdbcRules.JdbcSortRule sort) {
            return new SortRule((ConverterRule.Config) sort.config, capabilities);
        }
        if (rule instanceof JdbcRules.JdbcAggregateRule aggregate) {
            return new AggregateRule((ConverterRule.Config) aggregate.config, capabilities);
        }
        if (rule instanceof JdbcToEnumerableConverterRule reader) {
            return new SourceRead.Rule((ConverterRule.Config) reader.config);
        }
        return rule;
    }

    static final class FilterRule extends JdbcRules.JdbcFilterRule {
        private final PushdownCapabilities capabilities;

        FilterRule(ConverterRule.Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        @Override
        public RelNode convert(RelNode rel) {
            Filter filter = (Filter) rel;
            List<RexNode> pushed = new ArrayList<>();
            List<RexNode> kept = new ArrayList<>();
            for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
                (capabilities.canRun(conjunct) ? pushed : kept).add(conjunct);
            }
            if (pushed.isEmpty()) {
                return null;
            }
            RelNode input = filter.getInput();
            RelNode inSource = new JdbcRules.JdbcFilter(rel.getCluster(), rel.getTraitSet().replace(out),
                    convert(input, input.getTraitSet().replace(out)),
                    RexUtil.composeConjunction(rel.getCluster().getRexBuilder(), pushed));
            return kept.isEmpty() ? inSource : LogicalFilter.create(inSource,
                    RexUtil.composeConjunction(rel.getCluster().getRexBuilder(), kept));
        }
    }

    static final class ProjectRule extends JdbcRules.JdbcProjectRule {
        private final PushdownCapabilities capabilities;

        ProjectRule(ConverterRule.Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        @Override
        public RelNode convert(RelNode rel) {
            boolean runnable = ((Project) rel).getProjects().stream().allMatch(capabilities::canRun);
            return runnable ? super.convert(rel) : null;
        }
    }

    static final class JoinRule extends JdbcRules.JdbcJoinRule {
        private final PushdownCapabilities capabilities;

        JoinRule(ConverterRule.Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        @Override
        public RelNode convert(RelNode rel) {
            return capabilities.canRun(((Join) rel).getCondition()) ? super.convert(rel) : null;
        }
    }

    /** No sort on text is pushed to a source that orders text differently (no merge join feeds on it either). */
    static final class SortRule extends JdbcRules.JdbcSortRule {
        private final PushdownCapabilities capabilities;

        SortRule(ConverterRule.Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        @Override
        public RelNode convert(RelNode rel) {
            Sort sort = (Sort) rel;
            RelCollation collation = sort.getCollation();
            List<RelDataType> types = RelOptUtil.getFieldTypeList(sort.getInput().getRowType());
            for (RelFieldCollation field : collation.getFieldCollations()) {
                if (!capabilities.ordersLikeFederation(types.get(field.getFieldIndex()))) {
                    return null;
                }
            }
            return super.convert(rel);
        }
    }

    /** No grouping on text, and no MIN/MAX of text, where the source compares text differently. */
    static final class AggregateRule extends JdbcRules.JdbcAggregateRule {
        private final PushdownCapabilities capabilities;

        AggregateRule(ConverterRule.Config config, PushdownCapabilities capabilities) {
            super(config);
            this.capabilities = capabilities;
        }

        @Override
        public RelNode convert(RelNode rel) {
            Aggregate aggregate = (Aggregate) rel;
            List<RelDataType> types = RelOptUtil.getFieldTypeList(aggregate.getInput().getRowType());
            for (int key : aggregate.getGroupSet()) {
                if (!capabilities.ordersLikeFederation(types.get(key))) {
                    return null;
                }
            }
            for (AggregateCall call : aggregate.getAggCallList()) {
                boolean comparesValues = call.isDistinct() || call.getAggregation().getKind() == SqlKind.MIN
                        || call.getAggregation().getKind() == SqlKind.MAX;
                if (comparesValues && call.getArgList().stream()
                        .anyMatch(arg -> !capabilities.ordersLikeFederation(types.get(arg)))) {
                    return null;
                }
            }
            return super.convert(rel);
        }
    }
}
