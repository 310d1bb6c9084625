package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Refuses a plan in which federation itself (not a source) would compare values it cannot compare
 * faithfully, with a 0A000 naming the column and the cast to use:
 * <ul>
 *   <li>columns Calcite has no type for (typed ANY: PostgreSQL json, jsonb, arrays, ranges...),
 *       whose values are the source driver's own objects: in any comparison, join, grouping,
 *       DISTINCT, MIN/MAX or sort they would be compared as Java objects, a JSON value never equal
 *       to its text;</li>
 *   <li>UUIDs in an ordering (&lt;, ranges, ORDER BY, MIN/MAX): PostgreSQL orders their bytes,
 *       MariaDB swaps their time fields first, Calcite compares two signed longs. Their equality
 *       means the same everywhere and is allowed.</li>
 * </ul>
 * What a source runs inside its own sub-query compares there, natively, and is not checked.
 */
final class UncomparableColumns {
    private static final Set<SqlKind> COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.SEARCH, SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.LIKE, SqlKind.BETWEEN,
            SqlKind.IN, SqlKind.NOT_IN);
    private static final Set<SqlKind> ORDERINGS = EnumSet.of(SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.BETWEEN);

    private final RelMetadataQuery mq;

    private UncomparableColumns(RelMetadataQuery mq) {
        this.mq = mq;
    }

    /** Checks the operators of a physical plan that run in federation. */
    static void check(RelNode plan) throws FederationException {
        new UncomparableColumns(plan.getCluster().getMetadataQuery()).visit(plan);
    }

    private void visit(RelNode rel) throws FederationException {
        if (rel.getConvention() instanceof JdbcConvention) {
            return;
        }
        if (rel instanceof Filter filter) {
            expression(filter.getCondition(), i -> origin(filter.getInput(), i));
        } else if (rel instanceof Project project) {
            for (RexNode expression : project.getProjects()) {
                expression(expression, i -> origin(project.getInput(), i));
            }
        } else if (rel instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            for (RexNode expression : program.expandList(program.getExprList())) {
                expression(expression, i -> origin(calc.getInput(), i));
            }
        } else if (rel instanceof Join join) {
            int leftFields = join.getLeft().getRowType().getFieldCount();
            expression(join.getCondition(), i -> i < leftFields ? origin(join.getLeft(), i)
                    : origin(join.getRight(), i - leftFields));
        } else if (rel instanceof Aggregate aggregate) {
            aggregate(aggregate);
        } else if (rel instanceof Sort sort) {
            for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
                RelDataType type = fieldType(sort.getInput(), field.getFieldIndex());
                if (isAny(type) || isUuid(type)) {
                    throw refused(origin(sort.getInput(), field.getFieldIndex()), type, "sorted");
                }
            }
        } else if (rel instanceof SetOp setOp && !setOp.all) {
            for (int i = 0; i < setOp.getRowType().getFieldCount(); i++) {
                RelDataType type = fieldType(setOp, i);
                if (isAny(type)) {
                    throw refused(origin(setOp.getInput(0), i), type, "compared (UNION, INTERSECT and EXCEPT compare rows)");
                }
            }
        }
        for (RelNode input : rel.getInputs()) {
            visit(input);
        }
    }

    private void aggregate(Aggregate aggregate) throws FederationException {
        RelNode input = aggregate.getInput();
        for (int key : aggregate.getGroupSet()) {
            if (isAny(fieldType(input, key))) {
                throw refused(origin(input, key), fieldType(input, key), "grouped");
            }
        }
        for (AggregateCall call : aggregate.getAggCallList()) {
            SqlKind kind = call.getAggregation().getKind();
            boolean orders = kind == SqlKind.MIN || kind == SqlKind.MAX;
            for (int arg : call.getArgList()) {
                RelDataType type = fieldType(input, arg);
                if (isAny(type) && (orders || call.isDistinct()) || isUuid(type) && orders) {
                    throw refused(origin(input, arg), type, orders ? "ordered (MIN, MAX)" : "compared (DISTINCT)");
                }
            }
        }
    }

    private void expression(RexNode expression, IntFunction<String> columns) throws FederationException {
        FederationException[] refused = {null};
        expression.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitCall(RexCall call) {
                if (refused[0] == null && COMPARISONS.contains(call.getKind())) {
                    boolean ordering = ORDERINGS.contains(call.getKind()) || call.getKind() == SqlKind.SEARCH
                            && !isPoints(call.getOperands().get(1));
                    for (RexNode operand : call.getOperands()) {
                        RelDataType type = operand.getType();
                        if (refused[0] == null && (isAny(type) || isUuid(type) && ordering)) {
                            refused[0] = refused(describe(operand, columns), type, ordering && isUuid(type)
                                    ? "ordered" : "compared");
                        }
                    }
                }
                return super.visitCall(call);
            }
        });
        if (refused[0] != null) {
            throw refused[0];
        }
    }

    private static boolean isPoints(RexNode sarg) {
        if (!(sarg instanceof RexLiteral literal)) {
            return false;
        }
        Sarg<?> value = literal.getValueAs(Sarg.class);
        return value != null && (value.isPoints() || value.isComplementedPoints());
    }

    private static String describe(RexNode operand, IntFunction<String> columns) {
        return operand instanceof RexInputRef ref ? columns.apply(ref.getIndex()) : null;
    }

    /**
     * The source column a field comes straight from, as {@code source.schema.table.column}, or null.
     * Followed here through federation's own operators (Calcite's metadata knows no origin through
     * the reading of a source statement or a {@link KeyShippingJoin}), then by Calcite's metadata
     * inside the source's sub-plan.
     */
    private String origin(RelNode rel, int field) {
        if (rel instanceof ConverterImpl converter) {
            return origin(converter.getInput(), field);
        }
        if (rel instanceof KeyShippingJoin || rel instanceof Join) {
            int leftFields = rel.getInput(0).getRowType().getFieldCount();
            return field < leftFields ? origin(rel.getInput(0), field) : origin(rel.getInput(1), field - leftFields);
        }
        if (rel instanceof Calc calc) {
            RexNode expression = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
            return expression instanceof RexInputRef ref ? origin(calc.getInput(), ref.getIndex()) : null;
        }
        if (rel instanceof Project project) {
            return project.getProjects().get(field) instanceof RexInputRef ref ? origin(project.getInput(),
                    ref.getIndex()) : null;
        }
        if (rel instanceof Filter || rel instanceof Sort) {
            return origin(rel.getInput(0), field);
        }
        if (rel instanceof Aggregate aggregate && !(rel.getConvention() instanceof JdbcConvention)) {
            return field < aggregate.getGroupCount() ? origin(aggregate.getInput(), aggregate.getGroupSet().asList()
                    .get(field)) : null;
        }
        RelColumnOrigin origin = mq.getColumnOrigin(rel, field);
        if (origin == null) {
            return null;
        }
        RelOptTable table = origin.getOriginTable();
        List<String> columns = table.getRowType().getFieldNames();
        return String.join(".", table.getQualifiedName()) + "." + columns.get(origin.getOriginColumnOrdinal());
    }

    private static RelDataType fieldType(RelNode rel, int field) {
        return rel.getRowType().getFieldList().get(field).getType();
    }

    private static boolean isAny(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.ANY;
    }

    private static boolean isUuid(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.UUID;
    }

    private static FederationException refused(String column, RelDataType type, String how) {
        String what = column == null ? "A value of type " + type : "Column " + column;
        String name = column == null ? "the value" : column.substring(column.lastIndexOf('.') + 1);
        if (isUuid(type)) {
            return new FederationException(FederationException.NOT_SUPPORTED, what + " is a UUID and cannot be "
                    + how + " in a query across sources: their order differs between PostgreSQL, MariaDB and "
                    + "federation (equality works). Order its text instead: CAST(" + name + " AS VARCHAR).");
        }
        return new FederationException(FederationException.NOT_SUPPORTED, what + " has a type federation cannot "
                + "compare (JSON, arrays, ranges and other types without a SQL mapping are returned as the source "
                + "gives them but cannot be " + how + " across sources). Compare its text instead: CAST(" + name
                + " AS VARCHAR), or send the query to that source alone.");
    }
}
