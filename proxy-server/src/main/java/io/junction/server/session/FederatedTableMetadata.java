package io.junction.server.session;

import io.junction.federation.Federation;
import io.junction.server.upstream.Source;
import io.junction.server.upstream.SourceRegistry;
import org.apache.calcite.avatica.Meta;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The federated catalog's DatabaseMetaData calls about one named table (keys, indexes, row
 * identifiers, version columns, column privileges): asked of the source that owns the table, with the source's own names, and answered
 * in the federated catalog's (the source is the catalog). Catalog and schema narrow the search when
 * given, as JDBC says; only the schemas the federated catalog shows with that table are asked, and
 * a source the user was not granted never. Foreign keys stay within one source, so a cross
 * reference between two sources is empty.
 */
final class FederatedTableMetadata {
    private static final MetadataLayout PRIMARY_KEYS = MetadataLayout.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
            "COLUMN_NAME", "KEY_SEQ:short", "PK_NAME");
    private static final MetadataLayout FOREIGN_KEYS = MetadataLayout.of("PKTABLE_CAT", "PKTABLE_SCHEM",
            "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME",
            "KEY_SEQ:short", "UPDATE_RULE:short", "DELETE_RULE:short", "FK_NAME", "PK_NAME", "DEFERRABILITY:short");
    private static final MetadataLayout INDEXES = MetadataLayout.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
            "NON_UNIQUE:boolean", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE:short", "ORDINAL_POSITION:short",
            "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY:long", "PAGES:long", "FILTER_CONDITION");
    private static final MetadataLayout ROW_IDENTIFIERS = MetadataLayout.of("SCOPE:short", "COLUMN_NAME",
            "DATA_TYPE:int", "TYPE_NAME", "COLUMN_SIZE:int", "BUFFER_LENGTH:int", "DECIMAL_DIGITS:short",
            "PSEUDO_COLUMN:short");

    private static final MetadataLayout VERSION_COLUMNS = MetadataLayout.of("SCOPE:short", "COLUMN_NAME",
            "DATA_TYPE:int", "TYPE_NAME", "COLUMN_SIZE:int", "BUFFER_LENGTH:int", "DECIMAL_DIGITS:short",
            "PSEUDO_COLUMN:short");
    private static final MetadataLayout COLUMN_PRIVILEGES = MetadataLayout.of("TABLE_CAT", "TABLE_SCHEM",
            "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");

    private final Federation federation;
    private final SourceRegistry sources;

    FederatedTableMetadata(Federation federation, SourceRegistry sources) {
        this.federation = federation;
        this.sources = sources;
    }

    /** One call on the owning source, with its own catalog and schema arguments for the table. */
    @FunctionalInterface
    private interface TableCall {
        ResultSet on(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException;
    }

    Meta.MetaResultSet primaryKeys(ClientSession session, String catalog, String schema, String table)
            throws SQLException {
        return read(session, catalog, schema, table, PRIMARY_KEYS, DatabaseMetaData::getPrimaryKeys);
    }

    Meta.MetaResultSet importedKeys(ClientSession session, String catalog, String schema, String table)
            throws SQLException {
        return read(session, catalog, schema, table, FOREIGN_KEYS, DatabaseMetaData::getImportedKeys);
    }

    Meta.MetaResultSet exportedKeys(ClientSession session, String catalog, String schema, String table)
            throws SQLException {
        return read(session, catalog, schema, table, FOREIGN_KEYS, DatabaseMetaData::getExportedKeys);
    }

    Meta.MetaResultSet crossReference(ClientSession session, String parentCatalog, String parentSchema,
                                      String parentTable, String foreignCatalog, String foreignSchema,
                                      String foreignTable) throws SQLException {
        if (parentCatalog != null && foreignCatalog != null && !parentCatalog.equals(foreignCatalog)) {
            return MetaResults.of(session, FOREIGN_KEYS.columns(), List.of());
        }
        String catalog = parentCatalog != null ? parentCatalog : foreignCatalog;
        return read(session, catalog, parentSchema, parentTable, FOREIGN_KEYS, (md, cat, schem, table) -> {
            boolean databases = cat != null;
            return md.getCrossReference(cat, schem, table, databases ? foreignSchema : null,
                    databases ? null : foreignSchema, foreignTable);
        });
    }

    Meta.MetaResultSet indexInfo(ClientSession session, String catalog, String schema, String table, boolean unique,
                                 boolean approximate) throws SQLException {
        return read(session, catalog, schema, table, INDEXES,
                (md, cat, schem, name) -> md.getIndexInfo(cat, schem, name, unique, approximate));
    }

    Meta.MetaResultSet bestRowIdentifier(ClientSession session, String catalog, String schema, String table,
                                         int scope, boolean nullable) throws SQLException {
        return read(session, catalog, schema, table, ROW_IDENTIFIERS,
                (md, cat, schem, name) -> md.getBestRowIdentifier(cat, schem, name, scope, nullable));
    }

    Meta.MetaResultSet versionColumns(ClientSession session, String catalog, String schema, String table)
            throws SQLException {
        return read(session, catalog, schema, table, VERSION_COLUMNS, DatabaseMetaData::getVersionColumns);
    }

    Meta.MetaResultSet columnPrivileges(ClientSession session, String catalog, String schema, String table,
                                        String columnPattern) throws SQLException {
        return read(session, catalog, schema, table, COLUMN_PRIVILEGES, (md, cat, schem, name) ->
                md.getColumnPrivileges(cat, schem, name, columnPattern == null ? "%" : columnPattern));
    }

    private Meta.MetaResultSet read(ClientSession session, String catalog, String schema, String table,
                                    MetadataLayout layout, TableCall call) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Map<String, Map<String, Set<String>>> tables = federation.tables(session.owner().grantedSources());
        for (Map.Entry<String, Map<String, Set<String>>> entry : tables.entrySet()) {
            if (table == null || catalog != null && !catalog.equals(entry.getKey())) {
                continue;
            }
            Source source = sources.find(entry.getKey()).orElseThrow();
            boolean databases = FederatedMetadata.databasesAreSchemas(source);
            try (Connection connection = source.acquire()) {
                DatabaseMetaData md = connection.getMetaData();
                for (Map.Entry<String, Set<String>> schemaTables : entry.getValue().entrySet()) {
                    String name = schemaTables.getKey();
                    // Only the schema that has the table is asked: pgjdbc answers getVersionColumns with
                    // ctid for any name, which would otherwise show the table in every schema.
                    if (schema != null && !schema.equals(name) || !schemaTables.getValue().contains(table)) {
                        continue;
                    }
                    try (ResultSet rs = databases ? call.on(md, name, null, table) : call.on(md, null, name, table)) {
                        while (rs.next()) {
                            rows.add(layout.row(rs, entry.getKey(), databases));
                        }
                    }
                }
            }
        }
        return MetaResults.of(session, layout.columns(), rows);
    }
}
