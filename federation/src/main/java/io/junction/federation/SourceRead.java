package io.junction.federation;

import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

import java.util.List;

/**
 * Calcite's reading of one source statement, with its values handed on in the form Calcite's
 * runtime holds them ({@link SourceValues}): without it a join, filter or grouping on a binary
 * column failed with a ClassCastException ({@code byte[]} where {@code ByteString} is expected).
 * The conversion follows the statement's row type, the same types the plan was made with.
 */
class SourceRead extends JdbcToEnumerableConverter {
    SourceRead(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SourceRead(getCluster(), traitSet, sole(inputs));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        Result read = super.implement(implementor, pref);
        String conversions = SourceValues.conversions(getRowType());
        if (conversions == null) {
            return read;
        }
        BlockBuilder builder = new BlockBuilder();
        Expression rows = builder.append("read", read.block);
        builder.add(Expressions.return_(null, Expressions.call(SourceValues.class, "of", rows,
                Expressions.constant(conversions))));
        return implementor.result(read.physType, builder.toBlock());
    }

    /** Calcite's rule that ends a source's sub-plan, making a {@link SourceRead} instead of its own reader. */
    static final class Rule extends JdbcToEnumerableConverterRule {
        Rule(ConverterRule.Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            RelTraitSet traits = rel.getTraitSet().replace(getOutTrait());
            return new SourceRead(rel.getCluster(), traits, rel);
        }
    }
}
