package io.junction.federation;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What may be pushed into a source: the operators it runs with federation's meaning. Calcite's
 * JDBC rules hold back only user-defined functions (FIELD-NOTES §4), so an expression a source
 * cannot run, or runs differently, would fail or change the answer there.
 *
 * <p>Text is the subtle part. Federation compares text exactly (code points, trailing spaces
 * significant), as PostgreSQL does under a C collation. A source whose collation differs
 * (MariaDB's {@code _ci} collations) receives no text comparison, sort, grouping or MIN/MAX.
 */
final class PushdownCapabilities {
    private static final Set<SqlKind> PORTABLE = EnumSet.of(
            SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
            SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_NULL,
            SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE,
            SqlKind.SEARCH, SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.MINUS_PREFIX, SqlKind.CASE,
            SqlKind.COALESCE, SqlKind.CAST, SqlKind.LIKE, SqlKind.EXTRACT, SqlKind.FLOOR, SqlKind.CEIL,
            SqlKind.DIVIDE);
    /** Comparisons whose outcome on text depends on the collation. */
    private static final Set<SqlKind> TEXT_SENSITIVE = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.SEARCH, SqlKind.LIKE);
    /** What may be pushed with a UUID operand: its equality means the same everywhere, its order does not. */
    private static final Set<SqlKind> UUID_COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.AND, SqlKind.OR, SqlKind.NOT);
    /** Functions (by name) every supported source runs with the same meaning. */
    private static final Set<String> FUNCTIONS = Set.of("UPPER", "LOWER", "ABS", "MOD", "SUBSTRING",
            "CHAR_LENGTH", "CHARACTER_LENGTH", "TRIM");

    private final SourceKind kind;

    PushdownCapabilities(SourceKind kind) {
        this.kind = kind;
    }

    /** Whether the source evaluates the expression exactly as federation would. */
    boolean canRun(RexNode expression) {
        Boolean denied = expression.accept(new RexVisitorImpl<Boolean>(true) {
            @Override
            public Boolean visitCall(RexCall call) {
                if (!allowed(call)) {
                    return Boolean.TRUE;
                }
                for (RexNode operand : call.getOperands()) {
                    Boolean inner = operand.accept(this);
                    if (Boolean.TRUE.equals(inner)) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            }
        });
        return !Boolean.TRUE.equals(denied);
    }

    /**
     * Whether the source orders, groups and takes MIN/MAX of values of this type as federation does.
     * UUIDs never: PostgreSQL orders their bytes, MariaDB swaps their time fields, federation
     * refuses to order them ({@link UncomparableColumns}).
     */
    boolean ordersLikeFederation(RelDataType type) {
        return (kind.comparesTextExactly() || !isText(type)) && type.getSqlTypeName() != SqlTypeName.UUID;
    }

    private boolean allowed(RexCall call) {
        SqlKind sqlKind = call.getKind();
        if (sqlKind == SqlKind.OTHER_FUNCTION || sqlKind == SqlKind.TRIM || sqlKind == SqlKind.OTHER) {
            return FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT));
        }
        if (!PORTABLE.contains(sqlKind)) {
            return false;
        }
        if (sqlKind == SqlKind.DIVIDE && kind == SourceKind.MARIADB) {
            // MySQL's / is decimal division where SQL's integer division truncates.
            return !SqlTypeName.INT_TYPES.contains(call.getType().getSqlTypeName());
        }
        if (sqlKind == SqlKind.CAST && call.getType().getSqlTypeName() == SqlTypeName.ANY) {
            return false;
        }
        if (TEXT_SENSITIVE.contains(sqlKind) && !kind.comparesTextExactly()
                && call.getOperands().stream().anyMatch(o -> isText(o.getType()))) {
            return false;
        }
        return uuidsAllowed(call);
    }

    /**
     * UUIDs are compared for equality only, and MariaDB is sent none of Calcite's UUID literals
     * ({@code UUID '...'}) or casts to UUID, which it does not read.
     */
    private boolean uuidsAllowed(RexCall call) {
        boolean uuidOperand = call.getOperands().stream().anyMatch(o -> isUuid(o.getType()));
        if (uuidOperand && !UUID_COMPARISONS.contains(call.getKind()) && call.getKind() != SqlKind.CAST) {
            return false;
        }
        if (kind == SourceKind.MARIADB && isUuid(call.getType()) && call.getKind() == SqlKind.CAST) {
            return false;
        }
        return kind != SourceKind.MARIADB || call.getOperands().stream()
                .noneMatch(o -> o instanceof RexLiteral && isUuid(o.getType()));
    }

    private static boolean isUuid(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.UUID;
    }

    static boolean isText(RelDataType type) {
        return SqlTypeFamily.CHARACTER.contains(type);
    }
}
