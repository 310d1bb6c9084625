package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives the {@code ?}s pushed into a source's SQL their own names in the query's DataContext. The
 * same name serves generated Java code, which wants Calcite's internal values (a DATE is an int of
 * days), and Calcite's JDBC adapter, which binds whatever it finds with {@code setInt},
 * {@code setObject}... — so a DATE parameter would reach PostgreSQL as an integer. Parameter
 * {@code i} inside a source's sub-query is renamed {@code ?(SOURCE_OFFSET + i)}, which {@link
 * ParameterValues} fills with the JDBC value ({@code LocalDate}, {@code LocalDateTime},
 * {@code byte[]}...).
 */
final class SourceParameters {
    static final int SOURCE_OFFSET = 1 << 20;

    private SourceParameters() {
    }

    static RelNode apply(RelNode plan) {
        return plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(RelNode other) {
                if (other instanceof JdbcToEnumerableConverter converter) {
                    return converter.copy(converter.getTraitSet(), List.of(renamed(converter.getInput())));
                }
                return super.visit(other);
            }
        });
    }

    /** Whether a source's sub-query binds parameters of the query. */
    static boolean hasParameters(RelNode sourceQuery) {
        boolean[] found = {false};
        RexShuttle finder = new RexShuttle() {
            @Override
            public RexNode visitDynamicParam(RexDynamicParam parameter) {
                found[0] = true;
                return parameter;
            }
        };
        new org.apache.calcite.rel.RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                node.accept(finder);
                super.visit(node, ordinal, parent);
            }
        }.go(sourceQuery);
        return found[0];
    }

    private static RelNode renamed(RelNode sourceQuery) {
        List<RelNode> inputs = new ArrayList<>();
        for (RelNode input : sourceQuery.getInputs()) {
            inputs.add(renamed(input));
        }
        RelNode copy = inputs.isEmpty() ? sourceQuery : sourceQuery.copy(sourceQuery.getTraitSet(), inputs);
        return copy.accept(new RexShuttle() {
            @Override
            public RexNode visitDynamicParam(RexDynamicParam parameter) {
                return parameter.getIndex() >= SOURCE_OFFSET ? parameter
                        : new RexDynamicParam(parameter.getType(), SOURCE_OFFSET + parameter.getIndex());
            }
        });
    }
}
