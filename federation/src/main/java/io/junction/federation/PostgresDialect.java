package io.junction.federation;

import org.apache.calcite.sql.SqlBinaryStringLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.BitString;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's dialect as federation writes it: binary literals compared with a column become
 * {@code decode('80', 'hex')}. Calcite writes {@code X'80'}, which PostgreSQL reads as a bit
 * string, so a pushed {@code bytes = X'80'} failed there ({@code operator does not exist: bytea = bit}).
 */
final class PostgresDialect extends PostgresqlSqlDialect {
    static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final Set<SqlKind> COMPARING = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IN, SqlKind.NOT_IN, SqlKind.BETWEEN, SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM);
    private static final SqlFunction DECODE = new SqlUnresolvedFunction(new SqlIdentifier("decode",
            SqlParserPos.ZERO), null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION);

    private PostgresDialect() {
        super(PostgresqlSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        super.unparseCall(writer, COMPARING.contains(call.getKind()) ? withByteaLiterals(call) : call, leftPrec,
                rightPrec);
    }

    private static SqlCall withByteaLiterals(SqlCall call) {
        List<SqlNode> operands = new ArrayList<>(call.getOperandList());
        boolean changed = false;
        for (int i = 0; i < operands.size(); i++) {
            SqlNode rewritten = bytea(operands.get(i));
            changed |= rewritten != operands.get(i);
            operands.set(i, rewritten);
        }
        return changed ? call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(),
                operands) : call;
    }

    /** The node with binary literals (alone or in an IN list) written as PostgreSQL reads bytea. */
    private static SqlNode bytea(SqlNode node) {
        if (node instanceof SqlBinaryStringLiteral binary) {
            String hex = binary.getValueAs(BitString.class).toHexString();
            SqlParserPos pos = binary.getParserPosition();
            return DECODE.createCall(pos, SqlLiteral.createCharString(hex, pos), SqlLiteral.createCharString("hex", pos));
        }
        if (node instanceof SqlNodeList list) {
            List<SqlNode> items = new ArrayList<>(list.size());
            boolean changed = false;
            for (SqlNode item : list) {
                SqlNode rewritten = bytea(item);
                changed |= rewritten != item;
                items.add(rewritten);
            }
            return changed ? new SqlNodeList(items, list.getParserPosition()) : list;
        }
        return node;
    }
}
