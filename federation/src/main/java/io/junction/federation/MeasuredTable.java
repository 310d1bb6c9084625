package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.OptionalDouble;

/**
 * A source table as Calcite's JDBC adapter sees it, plus the row count its source reports. The
 * scan is still a {@code JdbcTableScan} of the wrapped table, so pushdown works unchanged; the
 * planner's estimate and the columns (read exactly, by {@link SourceColumns}) come from here.
 */
final class MeasuredTable extends AbstractTable implements TranslatableTable {
    private final JdbcTable table;
    private final RelProtoDataType rowType;
    private final FederatedSource source;
    private final TableStatistics statistics;

    MeasuredTable(JdbcTable table, RelProtoDataType rowType, FederatedSource source, TableStatistics statistics) {
        this.table = table;
        this.rowType = rowType;
        this.source = source;
        this.statistics = statistics;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return rowType.apply(typeFactory);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return table.toRel(context, relOptTable);
    }

    @Override
    public Statistic getStatistic() {
        String schema = source.kind().databasesAreSchemas() ? table.jdbcCatalogName : table.jdbcSchemaName;
        OptionalDouble rows = statistics.rowCount(source, schema, table.jdbcTableName);
        return rows.isPresent() ? Statistics.of(rows.getAsDouble(), null) : Statistics.UNKNOWN;
    }

    /** Calcite's SQL writer finds the source's own name of the table by unwrapping the JdbcTable. */
    @Override
    public <C> C unwrap(Class<C> type) {
        return type.isInstance(table) ? type.cast(table) : super.unwrap(type);
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return table.getJdbcTableType();
    }
}
