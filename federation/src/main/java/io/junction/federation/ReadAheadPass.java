package io.junction.federation;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes every source statement of a plan with more than one start when the query starts
 * ({@link ReadAhead}). The keys a {@link KeyShippingJoin} ships depend on its driving side, so
 * its shipped statements are not read ahead; its driving side is.
 */
final class ReadAheadPass extends RelShuttleImpl {
    private ReadAheadPass() {
    }

    static RelNode apply(RelNode plan) {
        return statements(plan) > 1 ? plan.accept(new ReadAheadPass()) : plan;
    }

    private static int statements(RelNode rel) {
        if (rel instanceof JdbcToEnumerableConverter) {
            return 1;
        }
        int count = 0;
        for (RelNode input : rel.getInputs()) {
            count += statements(input);
        }
        return count;
    }

    @Override
    public RelNode visit(RelNode other) {
        if (other instanceof KeyShippingJoin join) {
            List<RelNode> inputs = new ArrayList<>(join.getInputs());
            int driving = join.drivingIsLeft() ? 0 : 1;
            inputs.set(driving, inputs.get(driving).accept(this));
            return join.copy(join.getTraitSet(), inputs);
        }
        if (other instanceof JdbcToEnumerableConverter converter && !(other instanceof Converter)) {
            return new Converter(converter.getCluster(), converter.getTraitSet(), converter.getInput());
        }
        return super.visit(other);
    }

    /** Calcite's reading of a source statement, handed to {@link ReadAhead#start} when the query is bound. */
    static final class Converter extends SourceRead {
        Converter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
            super(cluster, traits, input);
        }

        @Override
        public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
            return new Converter(getCluster(), traitSet, sole(inputs));
        }

        @Override
        public Result implement(EnumerableRelImplementor implementor, EnumerableRel.Prefer pref) {
            Result read = super.implement(implementor, pref);
            BlockBuilder builder = new BlockBuilder();
            Expression rows = builder.append("source", read.block);
            builder.add(Expressions.return_(null, Expressions.call(ReadAhead.class, "start", rows,
                    implementor.getRootExpression())));
            return implementor.result(read.physType, builder.toBlock());
        }
    }
}
