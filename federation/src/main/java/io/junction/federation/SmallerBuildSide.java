package io.junction.federation;

import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * Makes every inner hash join build its smaller input. {@code EnumerableHashJoin} builds its right
 * input, and Calcite's cost favours a small left, so left alone the big side is held in memory
 * (FIELD-NOTES §4). Runs on the chosen physical plan, with the statistics the planner used.
 */
final class SmallerBuildSide extends RelShuttleImpl {
    private final RelMetadataQuery mq;

    private SmallerBuildSide(RelMetadataQuery mq) {
        this.mq = mq;
    }

    static RelNode apply(RelNode plan) {
        return plan.accept(new SmallerBuildSide(plan.getCluster().getMetadataQuery()));
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (visited instanceof EnumerableHashJoin join && join.getJoinType() == JoinRelType.INNER) {
            Double left = mq.getRowCount(join.getLeft());
            Double right = mq.getRowCount(join.getRight());
            if (left != null && right != null && right > left) {
                return swap(join);
            }
        }
        return visited;
    }

    private static RelNode swap(EnumerableHashJoin join) {
        RexNode condition = JoinCommuteRule.swapJoinCond(join.getCondition(), join,
                join.getCluster().getRexBuilder());
        EnumerableHashJoin swapped = (EnumerableHashJoin) join.copy(join.getTraitSet(), condition, join.getRight(),
                join.getLeft(), JoinRelType.INNER, join.isSemiJoinDone());
        List<RexNode> restoreOrder = RelOptUtil.createSwappedJoinExprs(swapped, join, true);
        return EnumerableProject.create(swapped, restoreOrder, join.getRowType());
    }
}
