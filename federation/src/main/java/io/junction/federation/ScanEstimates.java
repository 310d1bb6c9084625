package io.junction.federation;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Sarg;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Calcite's estimates for a scan of one source table, from its {@link TableProfile}: distinct
 * values from the source's measured counts and unique keys; a filter's selectivity from
 * {@code 1 / distinct} for equalities and IN lists and from the column's value range for range
 * predicates (dates and numbers), Calcite's guess for anything else. Calcite asks a scanned table
 * for these handlers ({@code RelOptTable.unwrap}); {@link MeasuredTable} hands this out.
 */
final class ScanEstimates {
    private final TableProfile profile;
    private final List<String> columns;

    ScanEstimates(TableProfile profile, List<String> columns) {
        this.profile = profile;
        this.columns = List.copyOf(columns);
    }

    /** The handler Calcite asks for distinct values. */
    BuiltInMetadata.DistinctRowCount.Handler distinctRowCount() {
        return new BuiltInMetadata.DistinctRowCount.Handler() {
            @Override
            public Double getDistinctRowCount(RelNode rel, RelMetadataQuery mq, ImmutableBitSet groupKey,
                                              RexNode predicate) {
                return distinct(rel, mq, groupKey, predicate);
            }

            @Override
            public MetadataDef<BuiltInMetadata.DistinctRowCount> getDef() {
                return BuiltInMetadata.DistinctRowCount.DEF;
            }
        };
    }

    /** The handler Calcite asks for a filter's selectivity. */
    BuiltInMetadata.Selectivity.Handler selectivity() {
        return new BuiltInMetadata.Selectivity.Handler() {
            @Override
            public Double getSelectivity(RelNode rel, RelMetadataQuery mq, RexNode predicate) {
                return selectivity(predicate);
            }

            @Override
            public MetadataDef<BuiltInMetadata.Selectivity> getDef() {
                return BuiltInMetadata.Selectivity.DEF;
            }
        };
    }

    private Double distinct(RelNode rel, RelMetadataQuery mq, ImmutableBitSet groupKey,
                                                RexNode predicate) {
        if (groupKey.isEmpty()) {
            return 1d;
        }
        Double rows = mq.getRowCount(rel);
        if (rows == null) {
            return null;
        }
        double selected = rows * selectivity(predicate);
        if (profile.isUnique(names(groupKey))) {
            return selected;
        }
        double product = 1;
        for (int column : groupKey) {
            OptionalDouble distinct = profile.distinct(columns.get(column));
            if (distinct.isEmpty()) {
                return null;
            }
            product *= distinct.getAsDouble();
        }
        return RelMdUtil.numDistinctVals(Math.min(product, rows), selected);
    }

    double selectivity(RexNode predicate) {
        if (predicate == null || predicate.isAlwaysTrue()) {
            return 1;
        }
        double selectivity = 1;
        for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
            selectivity *= conjunct(conjunct);
        }
        double floor = profile.rowCount().isPresent() ? 1 / Math.max(1, profile.rows()) : 0;
        return Math.max(floor, Math.min(1, selectivity));
    }

    private double conjunct(RexNode conjunct) {
        Double measured = conjunct instanceof RexCall call ? measured(call) : null;
        return measured != null ? measured : RelMdUtil.guessSelectivity(conjunct);
    }

    private Double measured(RexCall call) {
        if (call.getOperands().size() != 2) {
            return null;
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        boolean flipped = !(left instanceof RexInputRef) && right instanceof RexInputRef;
        if (flipped) {
            RexNode swap = left;
            left = right;
            right = swap;
        }
        if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal)) {
            return null;
        }
        String column = columns.get(ref.getIndex());
        SqlKind kind = flipped ? call.getKind().reverse() : call.getKind();
        return switch (kind) {
            case EQUALS -> points(column, 1);
            case SEARCH -> search(column, literal.getValueAs(Sarg.class));
            case LESS_THAN, LESS_THAN_OR_EQUAL -> bounded(column, null, number(literal.getValue()));
            case GREATER_THAN, GREATER_THAN_OR_EQUAL -> bounded(column, number(literal.getValue()), null);
            default -> null;
        };
    }

    private Double points(String column, int points) {
        OptionalDouble distinct = profile.distinct(column);
        return distinct.isPresent() ? Math.min(1, points / Math.max(1, distinct.getAsDouble())) : null;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Double search(String column, Sarg sarg) {
        if (sarg == null || sarg.isComplementedPoints()) {
            return null;
        }
        if (sarg.isPoints()) {
            return points(column, sarg.pointCount);
        }
        double total = 0;
        for (Object range : sarg.rangeSet.asRanges()) {
            Double part = fraction(column, (Range) range);
            if (part == null) {
                return null;
            }
            total += part;
        }
        return Math.min(1, total);
    }

    @SuppressWarnings("rawtypes")
    private Double fraction(String column, Range range) {
        Double low = range.hasLowerBound() ? number(range.lowerEndpoint()) : null;
        Double high = range.hasUpperBound() ? number(range.upperEndpoint()) : null;
        if (range.hasLowerBound() && low == null || range.hasUpperBound() && high == null) {
            return null;
        }
        if (low != null && low.equals(high) && range.lowerBoundType() == BoundType.CLOSED
                && range.upperBoundType() == BoundType.CLOSED) {
            return points(column, 1);
        }
        return fraction(column, low, high);
    }

    /** A one-sided comparison with a value that is not a number or date is left to Calcite's guess. */
    private Double bounded(String column, Double low, Double high) {
        return low == null && high == null ? null : fraction(column, low, high);
    }

    /**
     * The share of the column's value range between {@code low} and {@code high} (null: unbounded),
     * assuming values spread evenly.
     */
    private Double fraction(String column, Double low, Double high) {
        TableProfile.Range known = profile.ranges().get(column);
        if (known == null) {
            return null;
        }
        double from = low == null ? known.low() : Math.max(low, known.low());
        double to = high == null ? known.high() : Math.min(high, known.high());
        double width = known.high() - known.low();
        if (width <= 0) {
            return to >= from ? 1d : 0d;
        }
        return Math.max(0, to - from) / width;
    }

    private static Double number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof DateString date) {
            return (double) date.getDaysSinceEpoch();
        }
        if (value instanceof java.util.Calendar calendar) {
            return (double) Math.floorDiv(calendar.getTimeInMillis(), 86_400_000L);
        }
        return null;
    }

    private Set<String> names(ImmutableBitSet key) {
        Set<String> names = new HashSet<>();
        key.forEach(i -> names.add(columns.get(i)));
        return names;
    }
}
