package io.junction.federation;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The table names a parsed query reads: identifiers in FROM clauses (joins, aliases, sub-queries,
 * WITH bodies), not the names of its own WITH items.
 */
final class TableReferences {
    private final List<SqlIdentifier> tables = new ArrayList<>();
    private final Set<String> withNames = new HashSet<>();

    private TableReferences() {
    }

    static List<SqlIdentifier> of(SqlNode query) {
        TableReferences references = new TableReferences();
        references.visit(query);
        return references.tables;
    }

    private void visit(SqlNode node) {
        if (node instanceof SqlWith with) {
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                withNames.add(withItem.name.getSimple());
                visit(withItem.query);
            }
            visit(with.body);
        } else if (node instanceof SqlSelect select) {
            from(select.getFrom());
            for (SqlNode operand : select.getOperandList()) {
                if (operand != select.getFrom()) {
                    visit(operand);
                }
            }
        } else if (node instanceof SqlNodeList list) {
            list.forEach(this::visit);
        } else if (node instanceof SqlCall call) {
            call.getOperandList().forEach(this::visit);
        }
    }

    private void from(SqlNode node) {
        if (node instanceof SqlIdentifier identifier) {
            if (!(identifier.isSimple() && withNames.contains(identifier.getSimple()))) {
                tables.add(identifier);
            }
        } else if (node instanceof SqlJoin join) {
            from(join.getLeft());
            from(join.getRight());
            visit(join.getCondition());
        } else if (node instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            from(call.operand(0));
        } else {
            visit(node);
        }
    }
}
