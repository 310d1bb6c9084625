package io.junction.federation;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Util;

import java.util.List;

/**
 * The estimates federation plans with, ahead of Calcite's defaults: an inner equi-join returns
 * {@code left * right / max(distinct left keys, distinct right keys)} rows (Calcite multiplies the
 * inputs by a fixed 15 %, which made a join of customers with their orders look 2,000 times larger
 * than both and kept it out of the source that holds them), and a Volcano subset answers
 * selectivity and distinct counts from its members (Calcite's defaults guess there), so the
 * figures of {@link ScanEstimates} reach the cost model. Public only because Calcite's generated
 * dispatcher calls these methods.
 */
public final class FederationMetadata {
    /** Ours first, then Calcite's. */
    static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
            ReflectiveRelMetadataProvider.reflectiveSource(new JoinRows(), BuiltInMetadata.RowCount.Handler.class),
            ReflectiveRelMetadataProvider.reflectiveSource(new SubsetSelectivity(),
                    BuiltInMetadata.Selectivity.Handler.class),
            ReflectiveRelMetadataProvider.reflectiveSource(new DistinctRows(),
                    BuiltInMetadata.DistinctRowCount.Handler.class),
            DefaultRelMetadataProvider.INSTANCE));

    private FederationMetadata() {
    }

    /** Makes the cluster's metadata queries use {@link #PROVIDER} (programs that reset it must be given it). */
    static void install(RelOptCluster cluster) {
        cluster.setMetadataProvider(PROVIDER);
        cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(JaninoRelMetadataProvider.of(PROVIDER)));
        cluster.invalidateMetadataQuery();
    }

    public static final class JoinRows implements MetadataHandler<BuiltInMetadata.RowCount> {
        @Override
        public MetadataDef<BuiltInMetadata.RowCount> getDef() {
            return BuiltInMetadata.RowCount.DEF;
        }

        public Double getRowCount(Join join, RelMetadataQuery mq) {
            JoinInfo info = join.analyzeCondition();
            if (join.getJoinType() == JoinRelType.INNER && !info.leftKeys.isEmpty()) {
                Double left = mq.getRowCount(join.getLeft());
                Double right = mq.getRowCount(join.getRight());
                Double leftDistinct = mq.getDistinctRowCount(join.getLeft(), ImmutableBitSet.of(info.leftKeys), null);
                Double rightDistinct = mq.getDistinctRowCount(join.getRight(), ImmutableBitSet.of(info.rightKeys),
                        null);
                if (left != null && right != null) {
                    // Unknown distinct keys: assume a foreign key, each row of the larger side matching one row.
                    double keys = Math.max(Math.min(leftDistinct == null ? 1 : leftDistinct, left),
                            Math.min(rightDistinct == null ? 1 : rightDistinct, right));
                    if (leftDistinct == null && rightDistinct == null) {
                        keys = Math.min(left, right);
                    }
                    RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), info.nonEquiConditions);
                    return Math.max(1, left * right / Math.max(1, keys) * RelMdUtil.guessSelectivity(rest));
                }
            }
            return RelMdUtil.getJoinRowCount(mq, join, join.getCondition());
        }
    }

    public static final class SubsetSelectivity implements MetadataHandler<BuiltInMetadata.Selectivity> {
        @Override
        public MetadataDef<BuiltInMetadata.Selectivity> getDef() {
            return BuiltInMetadata.Selectivity.DEF;
        }

        public Double getSelectivity(RelSubset subset, RelMetadataQuery mq, RexNode predicate) {
            return mq.getSelectivity(member(subset), predicate);
        }
    }

    /** Distinct values through a Volcano subset and through the reading of a source statement. */
    public static final class DistinctRows implements MetadataHandler<BuiltInMetadata.DistinctRowCount> {
        @Override
        public MetadataDef<BuiltInMetadata.DistinctRowCount> getDef() {
            return BuiltInMetadata.DistinctRowCount.DEF;
        }

        public Double getDistinctRowCount(RelSubset subset, RelMetadataQuery mq, ImmutableBitSet groupKey,
                                          RexNode predicate) {
            return mq.getDistinctRowCount(member(subset), groupKey, predicate);
        }

        public Double getDistinctRowCount(ConverterImpl converter, RelMetadataQuery mq, ImmutableBitSet groupKey,
                                          RexNode predicate) {
            return mq.getDistinctRowCount(converter.getInput(), groupKey, predicate);
        }
    }

    private static RelNode member(RelSubset subset) {
        return Util.first(subset.getBest(), subset.getOriginal());
    }
}
