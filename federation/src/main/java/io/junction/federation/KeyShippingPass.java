package io.junction.federation;

import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Set;

/**
 * Turns a hash join into a {@link KeyShippingJoin} when statistics say one input is small and the
 * other is a much larger sub-query of one source whose key columns the source can seek (an index
 * starts with one of them): that source then receives the small side's keys instead of streaming
 * its rows. Keys shipped into a column without an index would make every batch scan the table.
 * Only integer keys are shipped: their equality means the same in every source, where text
 * equality depends on the source's collation. A sub-query that binds the query's {@code ?}s is
 * never shipped into: the batches bind only keys.
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
        double rows = mq.getRowCount(join);
        if (join.getRight() instanceof JdbcToEnumerableConverter && ships(left, right)
                && !SourceParameters.hasParameters(join.getRight())
                && seekable(join.getRight(), info.rightKeys.toIntArray())) {
            return new KeyShippingJoin(join.getCluster(), join.getTraitSet(), join.getLeft(), join.getRight(), true,
                    info.leftKeys.toIntArray(), info.rightKeys.toIntArray(), rows);
        }
        if (join.getLeft() instanceof JdbcToEnumerableConverter && ships(right, left)
                && !SourceParameters.hasParameters(join.getLeft())
                && seekable(join.getLeft(), info.leftKeys.toIntArray())) {
            return new KeyShippingJoin(join.getCluster(), join.getTraitSet(), join.getLeft(), join.getRight(), false,
                    info.rightKeys.toIntArray(), info.leftKeys.toIntArray(), rows);
        }
        return visited;
    }

    /** Whether some key column comes straight from a table column its source can look rows up by. */
    private boolean seekable(RelNode shipped, int[] keys) {
        for (int key : keys) {
            Set<RelColumnOrigin> origins = mq.getColumnOrigins(((JdbcToEnumerableConverter) shipped).getInput(), key);
            if (origins == null || origins.size() != 1) {
                continue;
            }
            RelColumnOrigin origin = origins.iterator().next();
            MeasuredTable table = origin.isDerived() ? null : origin.getOriginTable().unwrap(MeasuredTable.class);
            if (table != null) {
                String column = origin.getOriginTable().getRowType().getFieldNames()
                        .get(origin.getOriginColumnOrdinal());
                if (table.profile().canSeek(Set.of(column))) {
                    return true;
                }
            }
        }
        return false;
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
