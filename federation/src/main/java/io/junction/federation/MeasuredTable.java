package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;

/**
 * A source table as Calcite's JDBC adapter sees it, plus what its source reports about it (a
 * {@link TableProfile}): row count and unique keys as its {@link Statistic}, distinct counts and
 * filter selectivity as the metadata handlers Calcite asks a scanned table for
 * ({@link ScanEstimates}). The scan is still a {@code JdbcTableScan} of the wrapped table, so
 * pushdown works unchanged; the planner's estimates and the columns (read exactly, by
 * {@link SourceColumns}) come from here.
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
        TableProfile profile = profile();
        if (profile.rowCount().isEmpty() && profile.uniqueKeys().isEmpty()) {
            return Statistics.UNKNOWN;
        }
        List<String> columns = columns();
        List<ImmutableBitSet> keys = new ArrayList<>();
        for (List<String> key : profile.uniqueKeys()) {
            if (columns.containsAll(key)) {
                keys.add(ImmutableBitSet.of(key.stream().mapToInt(columns::indexOf).toArray()));
            }
        }
        // A table never analyzed has keys but no row count: the four-argument form takes a null count.
        return Statistics.of(profile.rowCount().isPresent() ? Double.valueOf(profile.rows()) : null, keys, List.of(),
                List.of());
    }

    TableProfile profile() {
        String schema = source.kind().databasesAreSchemas() ? table.jdbcCatalogName : table.jdbcSchemaName;
        return statistics.profile(source.name(), schema, table.jdbcTableName);
    }

    private List<String> columns() {
        return rowType.apply(new JavaTypeFactoryImpl()).getFieldList().stream().map(RelDataTypeField::getName)
                .toList();
    }

    /**
     * Calcite's SQL writer finds the source's own name of the table by unwrapping the JdbcTable;
     * its metadata finds the scan's distinct counts and selectivity here.
     */
    @Override
    public <C> C unwrap(Class<C> type) {
        if (type.isInstance(table)) {
            return type.cast(table);
        }
        if (type == BuiltInMetadata.DistinctRowCount.Handler.class) {
            return type.cast(new ScanEstimates(profile(), columns()).distinctRowCount());
        }
        if (type == BuiltInMetadata.Selectivity.Handler.class) {
            return type.cast(new ScanEstimates(profile(), columns()).selectivity());
        }
        return super.unwrap(type);
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return table.getJdbcTableType();
    }
}
