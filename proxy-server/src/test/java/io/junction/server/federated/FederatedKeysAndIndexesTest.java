package io.junction.server.federated;

import io.junction.server.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static io.junction.server.federated.FederatedSources.column;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, indexes, row identifiers, version columns, privileges, functions and procedures with their
 * parameters, and user-defined types in the federated catalog: answered by
 * the source that owns the table, equal to what that source's own driver says, with the source as
 * the catalog (and MariaDB's database as the schema); a source the user was not granted says
 * nothing. getTypeInfo lists the types of federated SQL.
 */
class FederatedKeysAndIndexesTest {
    private static final String[] PRIMARY_KEY = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
        "PK_NAME"};
    private static final String[] FOREIGN_KEY = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
        "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE",
        "FK_NAME", "PK_NAME", "DEFERRABILITY"};
    private static final String[] INDEX = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_NAME",
        "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC"};
    private static final String[] ROW_IDENTIFIER = {"SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "PSEUDO_COLUMN"};
    private static final String[] VERSION_COLUMN = {"COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "PSEUDO_COLUMN"};
    private static final String[] TABLE_PRIVILEGE = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE",
        "PRIVILEGE", "IS_GRANTABLE"};
    private static final String[] COLUMN_PRIVILEGE = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
        "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"};
    private static final String[] PROCEDURE_COLUMN = {"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME",
        "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "ORDINAL_POSITION", "SPECIFIC_NAME"};
    private static final String[] FUNCTION_COLUMN = {"FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME",
        "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "ORDINAL_POSITION", "SPECIFIC_NAME"};
    private static final String[] UDT = {"TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "BASE_TYPE"};

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FederatedSources.postgres().execute("DROP SCHEMA IF EXISTS jfe_keys CASCADE", "CREATE SCHEMA jfe_keys",
                "CREATE TABLE jfe_keys.customers (id int PRIMARY KEY, email varchar(80) UNIQUE)",
                "CREATE TABLE jfe_keys.orders (id int, line int, customer_id int REFERENCES jfe_keys.customers(id) "
                        + "ON DELETE CASCADE, PRIMARY KEY (id, line))",
                "CREATE INDEX orders_by_customer ON jfe_keys.orders (customer_id)",
                "CREATE FUNCTION jfe_keys.order_total(n int) RETURNS int LANGUAGE sql AS 'SELECT n * 2'",
                "CREATE PROCEDURE jfe_keys.archive_orders() LANGUAGE sql AS 'SELECT 1'",
                "CREATE PROCEDURE jfe_keys.archive_before(cutoff date, INOUT archived int) LANGUAGE sql "
                        + "AS 'SELECT 1'",
                "CREATE DOMAIN jfe_keys.positive_int AS int CHECK (VALUE > 0)",
                "GRANT SELECT ON jfe_keys.customers TO PUBLIC",
                "GRANT UPDATE (email) ON jfe_keys.customers TO PUBLIC");
        FederatedSources.mariadb().execute("DROP DATABASE IF EXISTS jfe_keys", "CREATE DATABASE jfe_keys",
                "CREATE TABLE jfe_keys.parts (sku varchar(20) PRIMARY KEY)",
                "CREATE TABLE jfe_keys.items (id int PRIMARY KEY, sku varchar(20), "
                        + "CONSTRAINT items_part FOREIGN KEY (sku) REFERENCES jfe_keys.parts (sku))",
                "CREATE INDEX items_by_sku ON jfe_keys.items (sku)",
                "CREATE FUNCTION jfe_keys.item_count() RETURNS int DETERMINISTIC RETURN 1",
                "CREATE PROCEDURE jfe_keys.restock() BEGIN END",
                "CREATE PROCEDURE jfe_keys.restock_part(IN part varchar(20), OUT done int) BEGIN SET done = 1; END",
                "CREATE FUNCTION jfe_keys.item_price(qty int) RETURNS decimal(10,2) DETERMINISTIC RETURN qty * 1.5",
                "CREATE TABLE jfe_keys.stamped (id int PRIMARY KEY, "
                        + "changed timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)",
                "CREATE USER IF NOT EXISTS 'jfe_reader'@'localhost'",
                "GRANT SELECT ON jfe_keys.items TO 'jfe_reader'@'localhost'",
                "GRANT UPDATE (sku) ON jfe_keys.parts TO 'jfe_reader'@'localhost'");
        gateway = FederatedSources.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void primaryAndForeignKeys_areTheOwningSourcesInTheFederatedCatalog() throws Exception {
        try (Connection connection = gateway.connect(""); Connection pg = FederatedSources.postgres().connect();
             Connection maria = FederatedSources.mariadb().connect()) {
            DatabaseMetaData md = connection.getMetaData();
            DatabaseMetaData pgMd = pg.getMetaData();
            DatabaseMetaData mariaMd = maria.getMetaData();

            List<List<String>> pgKeys = rows(md.getPrimaryKeys("pg", "jfe_keys", "orders"), PRIMARY_KEY);
            assertThat(pgKeys).hasSize(2)
                    .isEqualTo(direct(pgMd.getPrimaryKeys(null, "jfe_keys", "orders"), PRIMARY_KEY, "pg", false));
            assertThat(pgKeys.get(0).subList(0, 4)).containsExactly("pg", "jfe_keys", "orders", "id");
            assertThat(rows(md.getPrimaryKeys("maria", "jfe_keys", "items"), PRIMARY_KEY))
                    .isEqualTo(direct(mariaMd.getPrimaryKeys("jfe_keys", null, "items"), PRIMARY_KEY, "maria", true))
                    .containsExactly(List.of("maria", "jfe_keys", "items", "id", "1", "PRIMARY"));

            assertThat(rows(md.getImportedKeys("pg", "jfe_keys", "orders"), FOREIGN_KEY)).hasSize(1)
                    .isEqualTo(direct(pgMd.getImportedKeys(null, "jfe_keys", "orders"), FOREIGN_KEY, "pg", false));
            assertThat(rows(md.getExportedKeys("pg", "jfe_keys", "customers"), FOREIGN_KEY)).hasSize(1)
                    .isEqualTo(direct(pgMd.getExportedKeys(null, "jfe_keys", "customers"), FOREIGN_KEY, "pg", false));
            assertThat(rows(md.getImportedKeys("maria", "jfe_keys", "items"), FOREIGN_KEY)).hasSize(1)
                    .isEqualTo(direct(mariaMd.getImportedKeys("jfe_keys", null, "items"), FOREIGN_KEY, "maria", true));
            assertThat(rows(md.getCrossReference("maria", "jfe_keys", "parts", "maria", "jfe_keys", "items"),
                    FOREIGN_KEY)).hasSize(1);
            assertThat(rows(md.getCrossReference("pg", "jfe_keys", "customers", "maria", "jfe_keys", "items"),
                    FOREIGN_KEY)).isEmpty();
        }
    }

    @Test
    void indexesAndRowIdentifiers_areTheOwningSources() throws Exception {
        try (Connection connection = gateway.connect(""); Connection pg = FederatedSources.postgres().connect();
             Connection maria = FederatedSources.mariadb().connect()) {
            DatabaseMetaData md = connection.getMetaData();

            assertThat(rows(md.getIndexInfo("pg", "jfe_keys", "orders", false, true), INDEX))
                    .isEqualTo(direct(pg.getMetaData().getIndexInfo(null, "jfe_keys", "orders", false, true), INDEX,
                            "pg", false))
                    .extracting(row -> row.get(4)).contains("orders_by_customer");
            assertThat(rows(md.getIndexInfo("maria", "jfe_keys", "items", false, true), INDEX))
                    .isEqualTo(direct(maria.getMetaData().getIndexInfo("jfe_keys", null, "items", false, true), INDEX,
                            "maria", true))
                    .extracting(row -> row.get(4)).contains("items_by_sku");
            assertThat(rows(md.getBestRowIdentifier("pg", "jfe_keys", "customers",
                    DatabaseMetaData.bestRowSession, false), ROW_IDENTIFIER))
                    .isEqualTo(rows(pg.getMetaData().getBestRowIdentifier(null, "jfe_keys", "customers",
                            DatabaseMetaData.bestRowSession, false), ROW_IDENTIFIER))
                    .extracting(row -> row.get(1)).containsExactly("id");
        }
    }

    @Test
    void versionColumnsAndPrivileges_areTheOwningSources() throws Exception {
        try (Connection connection = gateway.connect(""); Connection pg = FederatedSources.postgres().connect();
             Connection maria = FederatedSources.mariadb().connect()) {
            DatabaseMetaData md = connection.getMetaData();
            DatabaseMetaData pgMd = pg.getMetaData();
            DatabaseMetaData mariaMd = maria.getMetaData();

            assertThat(rows(md.getVersionColumns("pg", "jfe_keys", "customers"), VERSION_COLUMN))
                    .isEqualTo(rows(pgMd.getVersionColumns(null, "jfe_keys", "customers"), VERSION_COLUMN))
                    .extracting(row -> row.get(0)).containsExactly("ctid");
            // MariaDB Connector/J reports no version columns, even for ON UPDATE CURRENT_TIMESTAMP.
            assertThat(rows(md.getVersionColumns("maria", "jfe_keys", "stamped"), VERSION_COLUMN))
                    .isEqualTo(rows(mariaMd.getVersionColumns("jfe_keys", null, "stamped"), VERSION_COLUMN));
            // Asked of the source and schema that have the table only: pgjdbc answers ctid for any name.
            assertThat(rows(md.getVersionColumns(null, null, "stamped"), VERSION_COLUMN)).isEmpty();
            assertThat(rows(md.getVersionColumns(null, "jfe_keys", "customers"), VERSION_COLUMN)).hasSize(1);

            assertThat(rows(md.getTablePrivileges("pg", "jfe_keys", "cust%"), TABLE_PRIVILEGE))
                    .isEqualTo(direct(pgMd.getTablePrivileges(null, "jfe_keys", "cust%"), TABLE_PRIVILEGE, "pg", false))
                    .contains(List.of("pg", "jfe_keys", "customers", "postgres", "PUBLIC", "SELECT", "NO"));
            assertThat(rows(md.getTablePrivileges("maria", "jfe_keys", "%"), TABLE_PRIVILEGE))
                    .isEqualTo(direct(mariaMd.getTablePrivileges("jfe_keys", null, "%"), TABLE_PRIVILEGE, "maria",
                            true))
                    .extracting(row -> row.get(2) + ":" + row.get(5)).contains("items:SELECT");
            assertThat(rows(md.getColumnPrivileges("pg", "jfe_keys", "customers", "%"), COLUMN_PRIVILEGE))
                    .isEqualTo(direct(pgMd.getColumnPrivileges(null, "jfe_keys", "customers", "%"), COLUMN_PRIVILEGE,
                            "pg", false))
                    .extracting(row -> row.get(3) + ":" + row.get(5) + ":" + row.get(6)).contains("email:PUBLIC:UPDATE");
            assertThat(rows(md.getColumnPrivileges("maria", "jfe_keys", "parts", "%"), COLUMN_PRIVILEGE))
                    .isEqualTo(direct(mariaMd.getColumnPrivileges("jfe_keys", null, "parts", "%"), COLUMN_PRIVILEGE,
                            "maria", true))
                    .extracting(row -> row.get(3) + ":" + row.get(6)).containsExactly("sku:UPDATE");
        }
    }

    @Test
    void procedureAndFunctionParametersAndTypes_areTheOwningSources() throws Exception {
        try (Connection connection = gateway.connect(""); Connection pg = FederatedSources.postgres().connect();
             Connection maria = FederatedSources.mariadb().connect()) {
            DatabaseMetaData md = connection.getMetaData();
            DatabaseMetaData pgMd = pg.getMetaData();
            DatabaseMetaData mariaMd = maria.getMetaData();

            assertThat(rows(md.getProcedureColumns("pg", "jfe_keys", "archive_before", "%"), PROCEDURE_COLUMN))
                    .isEqualTo(direct(pgMd.getProcedureColumns(null, "jfe_keys", "archive_before", "%"),
                            PROCEDURE_COLUMN, "pg", false))
                    .extracting(row -> row.get(3)).contains("cutoff", "archived");
            assertThat(rows(md.getProcedureColumns("maria", "jfe_keys", "restock_part", "%"), PROCEDURE_COLUMN))
                    .isEqualTo(direct(mariaMd.getProcedureColumns("jfe_keys", null, "restock_part", "%"),
                            PROCEDURE_COLUMN, "maria", true))
                    .extracting(row -> row.get(3)).contains("part", "done");
            assertThat(rows(md.getFunctionColumns("pg", "jfe_keys", "order_total", "%"), FUNCTION_COLUMN))
                    .isEqualTo(direct(pgMd.getFunctionColumns(null, "jfe_keys", "order_total", "%"), FUNCTION_COLUMN,
                            "pg", false))
                    .extracting(row -> row.get(3)).contains("n");
            assertThat(rows(md.getFunctionColumns(null, "jfe_keys", "item_price", "%"), FUNCTION_COLUMN))
                    .isEqualTo(direct(mariaMd.getFunctionColumns("jfe_keys", null, "item_price", "%"),
                            FUNCTION_COLUMN, "maria", true))
                    .extracting(row -> row.get(3)).contains("qty");

            assertThat(rows(md.getUDTs("pg", "jfe_keys", "%", null), UDT))
                    .isEqualTo(direct(pgMd.getUDTs(null, "jfe_keys", "%", null), UDT, "pg", false))
                    .extracting(row -> row.get(2)).contains("positive_int");
            assertThat(rows(md.getUDTs("maria", "jfe_keys", "%", null), UDT))
                    .isEqualTo(direct(mariaMd.getUDTs("jfe_keys", null, "%", null), UDT, "maria", true));
        }
    }

    @Test
    void catalogAndSchemaArguments_narrowTheSearch_andNullSearchesEverySource() throws Exception {
        try (Connection connection = gateway.connect("")) {
            DatabaseMetaData md = connection.getMetaData();

            assertThat(column(md.getPrimaryKeys(null, "jfe_keys", "items"), "TABLE_CAT")).containsExactly("maria");
            assertThat(column(md.getPrimaryKeys("pg", "jfe_keys", "items"), "TABLE_CAT")).isEmpty();
            assertThat(column(md.getPrimaryKeys("maria", "other", "items"), "TABLE_CAT")).isEmpty();
        }
    }

    @Test
    void functionsAndProcedures_ofEachSource() throws Exception {
        try (Connection connection = gateway.connect("")) {
            DatabaseMetaData md = connection.getMetaData();

            assertThat(rows(md.getFunctions("pg", "jfe_keys", "order%"), "FUNCTION_CAT", "FUNCTION_SCHEM",
                    "FUNCTION_NAME")).containsExactly(List.of("pg", "jfe_keys", "order_total"));
            assertThat(rows(md.getFunctions(null, "jfe_k%", "item_count"), "FUNCTION_CAT", "FUNCTION_SCHEM",
                    "FUNCTION_NAME")).containsExactly(List.of("maria", "jfe_keys", "item_count"));
            assertThat(rows(md.getProcedures("pg", "jfe_keys", "%"), "PROCEDURE_CAT", "PROCEDURE_SCHEM",
                    "PROCEDURE_NAME")).contains(List.of("pg", "jfe_keys", "archive_orders"));
            assertThat(rows(md.getProcedures("maria", "jfe_keys", "%"), "PROCEDURE_CAT", "PROCEDURE_SCHEM",
                    "PROCEDURE_NAME")).contains(List.of("maria", "jfe_keys", "restock"));
        }
    }

    @Test
    void ungrantedSource_answersNothing() throws Exception {
        try (Connection connection = gateway.connect("", TestGateway.OUTSIDER, TestGateway.OUTSIDER_PASSWORD)) {
            DatabaseMetaData md = connection.getMetaData();

            assertThat(column(md.getPrimaryKeys("maria", "jfe_keys", "items"), "COLUMN_NAME")).isEmpty();
            assertThat(column(md.getPrimaryKeys(null, null, "items"), "COLUMN_NAME")).isEmpty();
            assertThat(column(md.getIndexInfo("maria", "jfe_keys", "items", false, true), "INDEX_NAME")).isEmpty();
            assertThat(column(md.getImportedKeys("maria", "jfe_keys", "items"), "FK_NAME")).isEmpty();
            assertThat(column(md.getFunctions("maria", null, "%"), "FUNCTION_NAME")).isEmpty();
            assertThat(column(md.getVersionColumns(null, "jfe_keys", "customers"), "COLUMN_NAME"))
                    .containsExactly("ctid");
            assertThat(column(md.getTablePrivileges("maria", null, "%"), "TABLE_NAME")).isEmpty();
            assertThat(column(md.getColumnPrivileges(null, null, "parts", "%"), "COLUMN_NAME")).isEmpty();
            assertThat(column(md.getProcedureColumns("maria", null, "%", "%"), "COLUMN_NAME")).isEmpty();
            assertThat(column(md.getFunctionColumns(null, null, "item_price", "%"), "COLUMN_NAME")).isEmpty();
            assertThat(column(md.getUDTs(null, null, "%", null), "TYPE_NAME")).contains("positive_int");
            assertThat(column(md.getPrimaryKeys("pg", "jfe_keys", "orders"), "COLUMN_NAME"))
                    .containsExactly("id", "line");
        }
    }

    @Test
    void typeInfo_listsTheTypesOfFederatedSql() throws Exception {
        try (Connection connection = gateway.connect("");
             ResultSet rs = connection.getMetaData().getTypeInfo()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TYPE_NAME") + ":" + rs.getInt("DATA_TYPE"));
            }

            assertThat(names).contains("INTEGER:" + Types.INTEGER, "BIGINT:" + Types.BIGINT, "DECIMAL:" + Types.DECIMAL,
                    "VARCHAR:" + Types.VARCHAR, "DATE:" + Types.DATE, "TIMESTAMP:" + Types.TIMESTAMP,
                    "BOOLEAN:" + Types.BOOLEAN, "VARBINARY:" + Types.VARBINARY);
        }
    }

    private static List<List<String>> rows(ResultSet rs, String... labels) throws SQLException {
        try (rs) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String label : labels) {
                    row.add(value(rs, label));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Booleans compared as booleans: pgjdbc's getString says "f" where JDBC's says "false". */
    private static String value(ResultSet rs, String label) throws SQLException {
        return label.equals("NON_UNIQUE") ? String.valueOf(rs.getBoolean(label)) : rs.getString(label);
    }

    /** A source's own rows as the federated catalog names them: the source is the catalog. */
    private static List<List<String>> direct(ResultSet rs, String[] labels, String source, boolean databases)
            throws SQLException {
        try (rs) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String label : labels) {
                    if (label.endsWith("_CAT")) {
                        row.add(source);
                    } else if (label.endsWith("_SCHEM")) {
                        row.add(rs.getString(databases ? label.replace("_SCHEM", "_CAT") : label));
                    } else {
                        row.add(value(rs, label));
                    }
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
