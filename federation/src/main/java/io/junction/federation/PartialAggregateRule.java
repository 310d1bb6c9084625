package io.junction.federation;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.AggregateJoinTransposeRule;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Util;

import java.util.HashSet;
import java.util.Set;

/**
 * Aggregates below a cross-source join, in the source that holds the rows (FIELD-NOTES §4: stream
 * 150k per-order sums, not 600k line items). Calcite's {@link AggregateJoinTransposeRule} does the
 * rewrite — a side unique on its grouping and join columns gets no aggregate, so no needless COUNT
 * rides along — and this rule decides where it is exact and pays:
 * <ul>
 *   <li>the join crosses sources (a same-source join goes to its source whole, aggregate included);</li>
 *   <li>every aggregate re-aggregates exactly: COUNT, MIN, MAX, and SUM of integers or decimals
 *       (floating-point sums would change with the order of addition); no DISTINCT, no FILTER;</li>
 *   <li>each side that gets an aggregate is one source's, so it is pushed there, and its estimated
 *       groups are at most half its rows.</li>
 * </ul>
 */
final class PartialAggregateRule extends AggregateJoinTransposeRule {
    /** The most groups per input row for a partial aggregate to be worth a second aggregation. */
    static final double MAX_GROUPS_PER_ROW = 0.5;

    PartialAggregateRule() {
        super((AggregateJoinTransposeRule.Config) AggregateJoinTransposeRule.Config.EXTENDED
                .withDescription("PartialAggregateRule"));
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        Join join = call.rel(1);
        if (join.getJoinType() != JoinRelType.INNER || aggregate.getGroupType() != Aggregate.Group.SIMPLE
                || !exact(aggregate)) {
            return false;
        }
        Set<String> left = sources(join.getLeft());
        Set<String> right = sources(join.getRight());
        if (left.size() == 1 && left.equals(right)) {
            return false;
        }
        RelMetadataQuery mq = call.getMetadataQuery();
        ImmutableBitSet below = aggregate.getGroupSet().union(RelOptUtil.InputFinder.bits(join.getCondition()));
        int leftFields = join.getLeft().getRowType().getFieldCount();
        int aggregated = 0;
        for (int side = 0; side < 2; side++) {
            RelNode input = join.getInput(side);
            ImmutableBitSet key = side == 0 ? below.intersect(ImmutableBitSet.range(leftFields))
                    : below.intersect(ImmutableBitSet.range(leftFields, join.getRowType().getFieldCount()))
                    .shift(-leftFields);
            if (Boolean.TRUE.equals(mq.areColumnsUnique(input, key))) {
                continue;
            }
            Double rows = mq.getRowCount(input);
            Double groups = mq.getDistinctRowCount(input, key, null);
            if ((side == 0 ? left : right).size() != 1 || rows == null || groups == null
                    || groups > rows * MAX_GROUPS_PER_ROW) {
                return false;
            }
            aggregated++;
        }
        return aggregated > 0;
    }

    private static boolean exact(Aggregate aggregate) {
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (call.isDistinct() || call.filterArg >= 0 || call.isApproximate()) {
                return false;
            }
            switch (call.getAggregation().getKind()) {
                case COUNT, MIN, MAX -> {
                }
                case SUM, SUM0 -> {
                    SqlTypeName type = aggregate.getInput().getRowType().getFieldList().get(call.getArgList().get(0))
                            .getType().getSqlTypeName();
                    if (!SqlTypeFamily.EXACT_NUMERIC.getTypeNames().contains(type)) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** The sources (first name of each table's qualified name) a subtree reads, seen through planner wrappers. */
    static Set<String> sources(RelNode rel) {
        Set<String> sources = new HashSet<>();
        collect(rel, sources);
        return sources;
    }

    private static void collect(RelNode rel, Set<String> sources) {
        if (rel instanceof HepRelVertex vertex) {
            collect(vertex.getCurrentRel(), sources);
            return;
        }
        if (rel instanceof RelSubset subset) {
            collect(Util.first(subset.getBest(), subset.getOriginal()), sources);
            return;
        }
        RelOptTable table = rel.getTable();
        if (table != null) {
            sources.add(table.getQualifiedName().get(0));
        }
        for (RelNode input : rel.getInputs()) {
            collect(input, sources);
        }
    }
}
