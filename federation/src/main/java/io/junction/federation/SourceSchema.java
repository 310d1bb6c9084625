package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One source as a Calcite schema: its schemas (MariaDB's databases) are sub-schemas that share one
 * {@link JdbcConvention}, so everything under a source can be pushed to it as one statement. It is
 * a {@link JdbcSchema} itself because generated code finds the source's DataSource by unwrapping
 * the schema the convention's expression names.
 */
final class SourceSchema extends JdbcSchema {
    private final SourceCatalog catalog;
    private final JdbcConvention sourceConvention;
    private final TableStatistics statistics;
    private final Map<String, JdbcSchema> schemas = new ConcurrentHashMap<>();
    private volatile SourceCatalog.Snapshot schemasOf;

    SourceSchema(SourceCatalog catalog, JdbcConvention convention, TableStatistics statistics) {
        super(catalog.source().dataSource(), convention.dialect, convention, null, null);
        this.catalog = catalog;
        this.sourceConvention = convention;
        this.statistics = statistics;
    }

    @Override
    public Lookup<Table> tables() {
        return Lookup.empty();
    }

    @Override
    public Lookup<? extends Schema> subSchemas() {
        return new Lookup<Schema>() {
            @Override
            public Schema get(String name) {
                return names().contains(name) ? schema(name) : null;
            }

            @Override
            public Named<Schema> getIgnoreCase(String name) {
                return names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                        .map(n -> new Named<Schema>(n, schema(n))).orElse(null);
            }

            @Override
            public Set<String> getNames(LikePattern pattern) {
                return names().stream().filter(pattern.matcher()::apply).collect(Collectors.toSet());
            }
        };
    }

    private Set<String> names() {
        try {
            return current().tablesBySchema().keySet();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the schemas of source '" + catalog.source().name()
                    + "' failed: " + e.getMessage(), e);
        }
    }

    private SourceCatalog.Snapshot current() throws SQLException {
        SourceCatalog.Snapshot snapshot = catalog.snapshot();
        if (snapshot != schemasOf) {
            // New names: table and column lists are read again, lazily, per schema.
            schemas.clear();
            schemasOf = snapshot;
        }
        return snapshot;
    }

    private JdbcSchema schema(String name) {
        return schemas.computeIfAbsent(name, this::measuredSchema);
    }

    private JdbcSchema measuredSchema(String name) {
        boolean databases = catalog.source().kind().databasesAreSchemas();
        return new JdbcSchema(getDataSource(), dialect, sourceConvention, databases ? name : null,
                databases ? null : name) {
            private final Lookup<Table> tables = new SourceTables(this, catalog, name, statistics);

            @Override
            public Lookup<Table> tables() {
                return tables;
            }

            @Override
            public Lookup<? extends Schema> subSchemas() {
                return Lookup.empty();
            }
        };
    }
}
