package io.junction.federation;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.List;

/** The {@code ?}s of a query in order, each with the type Calcite's validator inferred for it. */
final class ParameterTypes {
    private ParameterTypes() {
    }

    /**
     * @param query the parsed query (it says how many {@code ?} there are)
     * @param rel   the query converted to relational algebra, where each parameter carries its type
     */
    static List<FederatedParameter> of(SqlNode query, RelNode rel) {
        int count = count(query);
        RelDataType[] types = new RelDataType[count];
        RexShuttle collector = new RexShuttle() {
            @Override
            public RexNode visitDynamicParam(RexDynamicParam parameter) {
                if (parameter.getIndex() < types.length) {
                    types[parameter.getIndex()] = parameter.getType();
                }
                return parameter;
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                collect(subQuery.rel, this);
                return super.visitSubQuery(subQuery);
            }
        };
        collect(rel, collector);
        List<FederatedParameter> parameters = new ArrayList<>(count);
        for (RelDataType type : types) {
            parameters.add(type == null ? new FederatedParameter(SqlTypeName.ANY.getJdbcOrdinal(), "ANY", 0, 0)
                    : new FederatedParameter(type.getSqlTypeName().getJdbcOrdinal(), type.getSqlTypeName().getName(),
                    Math.max(type.getPrecision(), 0), Math.max(type.getScale(), 0)));
        }
        return List.copyOf(parameters);
    }

    /** How many {@code ?} the query has: one more than the highest index the parser gave. */
    static int count(SqlNode query) {
        int[] count = {0};
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam parameter) {
                count[0] = Math.max(count[0], parameter.getIndex() + 1);
                return null;
            }
        });
        return count[0];
    }

    private static void collect(RelNode rel, RexShuttle collector) {
        new RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                node.accept(collector);
                super.visit(node, ordinal, parent);
            }
        }.go(rel);
    }
}
