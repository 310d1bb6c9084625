package io.junction.federation;

import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Turns a hash join into a {@link KeyShippingJoin} when statistics say one input is small and the
 * other is a much larger sub-query of one source: that source then receives the small side's keys
 * instead of streaming its rows. Only integer keys are shipped: their equality means the same in
 * every source, where text equality depends on the source's collation. A sub-query that binds the
 * query's {@code ?}s is never shipped into: the batches bind only keys.
 */
final class KeyShippingPass extends RelShuttleImpl {
    /** Largest estimated driving side whose keys are shipped. */
    static final double MAX_DRIVING_ROWS = 100_000;
    /** How much larger the other side must be estimated for shipping to pay. */
    static final double MIN_RATIO = 4;

    private final RelMetadataQuery mq;

    private KeyShippingPass(RelMetadataQuery mq) {
        this.mq = mq;
    }

    static RelNode apply(RelNode plan) {
        return plan.accept(new KeyShippingPass(plan.getCluster().getMetadataQuery()));
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (!(visited instanceof EnumerableHashJoin join) || join.getJoinType() != JoinRelType.INNER) {
            return visited;
        }
        JoinInfo info = join.analyzeCondition();
        if (!info.isEqui() || info.leftKeys.isEmpty() || !integers(join.getLeft().getRowType(), info.leftKeys.toIntArray())
                || !integers(join.getRight().getRowType(), info.rightKeys.toIntArray())) {
            return visited;
        }
        double left = mq.getRowCount(join.getLeft());
        double right = mq.getRowCount(join.getRight());
        if (join.getRight() instanceof JdbcToEnumerableConverter && ships(left, right)
                && !SourceParameters.hasParameters(join.getRight())) {
            return new KeyShippingJoin(join.getCluster(), join.getTraitSet(), join.getLeft(), join.getRight(), true,
                    info.leftKeys.toIntArray(), info.rightKeys.toIntArray());
        }
        if (join.getLeft() instanceof JdbcToEnumerableConverter && ships(right, left)
                && !SourceParameters.hasParameters(join.getLeft())) {
            return new KeyShippingJoin(join.getCluster(), join.getTraitSet(), join.getLeft(), join.getRight(), false,
                    info.rightKeys.toIntArray(), info.leftKeys.toIntArray());
        }
        return visited;
    }

    private static boolean ships(double driving, double shipped) {
        return driving <= MAX_DRIVING_ROWS && driving * MIN_RATIO <= shipped;
    }

    private static boolean integers(RelDataType rowType, int[] keys) {
        for (int key : keys) {
            if (!SqlTypeName.INT_TYPES.contains(rowType.getFieldList().get(key).getType().getSqlTypeName())) {
                return false;
            }
        }
        return true;
    }
}
