package io.junction.jdbc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta.DatabaseProperty;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Avatica's database metadata, answered from the upstream database instead of Avatica's hard-coded values:
 * <ul>
 *   <li>product name and version from the server's database properties (in passthrough, the upstream's), so
 *       that tools which pick a dialect by product name (Flyway, Hibernate, Spring) recognise the database;
 *       when the server reports none (the federated catalog) the driver's values stand;</li>
 *   <li>every capability call ({@code supports*}, limits, quoting, identity) from the server's
 *       {@code connection-info} extension, fetched once per connection when first needed, except
 *       {@code supportsResultSetType}, which says what the driver itself offers;</li>
 *   <li>the catalog calls that Avatica's client never sends (keys, indexes, procedures, functions...) through
 *       the server's {@code metadata} extension, with the column sets JDBC specifies.</li>
 * </ul>
 * The driver's own name and version ({@code getDriverName}) are always Junction's.
 */
final class JunctionDatabaseMetaData extends AvaticaDatabaseMetaData {
    private final JunctionConnection connection;
    private UpstreamCapabilities capabilities;

    JunctionDatabaseMetaData(JunctionConnection connection) {
        super(connection);
        this.connection = connection;
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_PRODUCT_NAME);
        return value != null ? value : super.getDatabaseProductName();
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION);
        return value != null ? value : super.getDatabaseProductVersion();
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_MAJOR_VERSION);
        return value != null ? Integer.parseInt(value) : super.getDatabaseMajorVersion();
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_MINOR_VERSION);
        return value != null ? Integer.parseInt(value) : super.getDatabaseMinorVersion();
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
        return capabilities().bool("supportsTransactionIsolationLevel:" + level,
                () -> super.supportsTransactionIsolationLevel(level));
    }

    /**
     * What the driver itself offers, whatever the upstream's cursors can do: forward-only results stream, and
     * scroll-insensitive ones are buffered client-side ({@link ScrollInsensitiveResultSet}).
     */
    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY || type == ResultSet.TYPE_SCROLL_INSENSITIVE;
    }

    // ---- catalog calls the Avatica client does not send -------------------------------------

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return remote("getPrimaryKeys", catalog, schema, table);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return remote("getImportedKeys", catalog, schema, table);
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return remote("getExportedKeys", catalog, schema, table);
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        return remote("getCrossReference", parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema,
                foreignTable);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return remote("getIndexInfo", catalog, schema, table, unique, approximate);
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        return remote("getBestRowIdentifier", catalog, schema, table, scope, nullable);
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return remote("getVersionColumns", catalog, schema, table);
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        return remote("getProcedures", catalog, schemaPattern, procedureNamePattern);
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
                                         String columnNamePattern) throws SQLException {
        return remote("getProcedureColumns", catalog, schemaPattern, procedureNamePattern, columnNamePattern);
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        return remote("getFunctions", catalog, schemaPattern, functionNamePattern);
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        return remote("getFunctionColumns", catalog, schemaPattern, functionNamePattern, columnNamePattern);
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        return remote("getUDTs", catalog, schemaPattern, typeNamePattern, types);
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        return remote("getColumnPrivileges", catalog, schema, table, columnNamePattern);
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return remote("getTablePrivileges", catalog, schemaPattern, tableNamePattern);
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return remote("getClientInfoProperties");
    }

    // ---- capabilities, generated from java.sql.DatabaseMetaData's argument-free calls ----------

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        return capabilities().bool("allProceduresAreCallable", super::allProceduresAreCallable);
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        return capabilities().bool("allTablesAreSelectable", super::allTablesAreSelectable);
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        return capabilities().bool("autoCommitFailureClosesAllResultSets", super::autoCommitFailureClosesAllResultSets);
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        return capabilities().bool("dataDefinitionCausesTransactionCommit", super::dataDefinitionCausesTransactionCommit);
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        return capabilities().bool("dataDefinitionIgnoredInTransactions", super::dataDefinitionIgnoredInTransactions);
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        return capabilities().bool("doesMaxRowSizeIncludeBlobs", super::doesMaxRowSizeIncludeBlobs);
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        return capabilities().bool("generatedKeyAlwaysReturned", super::generatedKeyAlwaysReturned);
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        return capabilities().text("getCatalogSeparator", super::getCatalogSeparator);
    }

    @Override
    public String getCatalogTerm() throws SQLException {
        return capabilities().text("getCatalogTerm", super::getCatalogTerm);
    }

    @Override
    public int getDefaultTransactionIsolation() throws SQLException {
        return capabilities().integer("getDefaultTransactionIsolation", super::getDefaultTransactionIsolation);
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        return capabilities().text("getExtraNameCharacters", super::getExtraNameCharacters);
    }

    @Override
    public String getIdentifierQuoteString() throws SQLException {
        return capabilities().text("getIdentifierQuoteString", super::getIdentifierQuoteString);
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        return capabilities().integer("getMaxBinaryLiteralLength", super::getMaxBinaryLiteralLength);
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        return capabilities().integer("getMaxCatalogNameLength", super::getMaxCatalogNameLength);
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        return capabilities().integer("getMaxCharLiteralLength", super::getMaxCharLiteralLength);
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        return capabilities().integer("getMaxColumnNameLength", super::getMaxColumnNameLength);
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        return capabilities().integer("getMaxColumnsInGroupBy", super::getMaxColumnsInGroupBy);
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        return capabilities().integer("getMaxColumnsInIndex", super::getMaxColumnsInIndex);
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        return capabilities().integer("getMaxColumnsInOrderBy", super::getMaxColumnsInOrderBy);
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        return capabilities().integer("getMaxColumnsInSelect", super::getMaxColumnsInSelect);
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        return capabilities().integer("getMaxColumnsInTable", super::getMaxColumnsInTable);
    }

    @Override
    public int getMaxConnections() throws SQLException {
        return capabilities().integer("getMaxConnections", super::getMaxConnections);
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        return capabilities().integer("getMaxCursorNameLength", super::getMaxCursorNameLength);
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        return capabilities().integer("getMaxIndexLength", super::getMaxIndexLength);
    }

    @Override
    public long getMaxLogicalLobSize() throws SQLException {
        return capabilities().longInteger("getMaxLogicalLobSize", super::getMaxLogicalLobSize);
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        return capabilities().integer("getMaxProcedureNameLength", super::getMaxProcedureNameLength);
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        return capabilities().integer("getMaxRowSize", super::getMaxRowSize);
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        return capabilities().integer("getMaxSchemaNameLength", super::getMaxSchemaNameLength);
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        return capabilities().integer("getMaxStatementLength", super::getMaxStatementLength);
    }

    @Override
    public int getMaxStatements() throws SQLException {
        return capabilities().integer("getMaxStatements", super::getMaxStatements);
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        return capabilities().integer("getMaxTableNameLength", super::getMaxTableNameLength);
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        return capabilities().integer("getMaxTablesInSelect", super::getMaxTablesInSelect);
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        return capabilities().integer("getMaxUserNameLength", super::getMaxUserNameLength);
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        return capabilities().text("getNumericFunctions", super::getNumericFunctions);
    }

    @Override
    public String getProcedureTerm() throws SQLException {
        return capabilities().text("getProcedureTerm", super::getProcedureTerm);
    }

    @Override
    public String getSQLKeywords() throws SQLException {
        return capabilities().text("getSQLKeywords", super::getSQLKeywords);
    }

    @Override
    public int getSQLStateType() throws SQLException {
        return capabilities().integer("getSQLStateType", super::getSQLStateType);
    }

    @Override
    public String getSchemaTerm() throws SQLException {
        return capabilities().text("getSchemaTerm", super::getSchemaTerm);
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        return capabilities().text("getSearchStringEscape", super::getSearchStringEscape);
    }

    @Override
    public String getStringFunctions() throws SQLException {
        return capabilities().text("getStringFunctions", super::getStringFunctions);
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        return capabilities().text("getSystemFunctions", super::getSystemFunctions);
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        return capabilities().text("getTimeDateFunctions", super::getTimeDateFunctions);
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        return capabilities().bool("isCatalogAtStart", super::isCatalogAtStart);
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return capabilities().bool("isReadOnly", super::isReadOnly);
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        return capabilities().bool("locatorsUpdateCopy", super::locatorsUpdateCopy);
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        return capabilities().bool("nullPlusNonNullIsNull", super::nullPlusNonNullIsNull);
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        return capabilities().bool("nullsAreSortedAtEnd", super::nullsAreSortedAtEnd);
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        return capabilities().bool("nullsAreSortedAtStart", super::nullsAreSortedAtStart);
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        return capabilities().bool("nullsAreSortedHigh", super::nullsAreSortedHigh);
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        return capabilities().bool("nullsAreSortedLow", super::nullsAreSortedLow);
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        return capabilities().bool("storesLowerCaseIdentifiers", super::storesLowerCaseIdentifiers);
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        return capabilities().bool("storesLowerCaseQuotedIdentifiers", super::storesLowerCaseQuotedIdentifiers);
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        return capabilities().bool("storesMixedCaseIdentifiers", super::storesMixedCaseIdentifiers);
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        return capabilities().bool("storesMixedCaseQuotedIdentifiers", super::storesMixedCaseQuotedIdentifiers);
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        return capabilities().bool("storesUpperCaseIdentifiers", super::storesUpperCaseIdentifiers);
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        return capabilities().bool("storesUpperCaseQuotedIdentifiers", super::storesUpperCaseQuotedIdentifiers);
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        return capabilities().bool("supportsANSI92EntryLevelSQL", super::supportsANSI92EntryLevelSQL);
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        return capabilities().bool("supportsANSI92FullSQL", super::supportsANSI92FullSQL);
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        return capabilities().bool("supportsANSI92IntermediateSQL", super::supportsANSI92IntermediateSQL);
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        return capabilities().bool("supportsAlterTableWithAddColumn", super::supportsAlterTableWithAddColumn);
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        return capabilities().bool("supportsAlterTableWithDropColumn", super::supportsAlterTableWithDropColumn);
    }

    @Override
    public boolean supportsBatchUpdates() throws SQLException {
        return capabilities().bool("supportsBatchUpdates", super::supportsBatchUpdates);
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws SQLException {
        return capabilities().bool("supportsCatalogsInDataManipulation", super::supportsCatalogsInDataManipulation);
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        return capabilities().bool("supportsCatalogsInIndexDefinitions", super::supportsCatalogsInIndexDefinitions);
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        return capabilities().bool("supportsCatalogsInPrivilegeDefinitions", super::supportsCatalogsInPrivilegeDefinitions);
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws SQLException {
        return capabilities().bool("supportsCatalogsInProcedureCalls", super::supportsCatalogsInProcedureCalls);
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws SQLException {
        return capabilities().bool("supportsCatalogsInTableDefinitions", super::supportsCatalogsInTableDefinitions);
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        return capabilities().bool("supportsColumnAliasing", super::supportsColumnAliasing);
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        return capabilities().bool("supportsConvert", super::supportsConvert);
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        return capabilities().bool("supportsCoreSQLGrammar", super::supportsCoreSQLGrammar);
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        return capabilities().bool("supportsCorrelatedSubqueries", super::supportsCorrelatedSubqueries);
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        return capabilities().bool("supportsDataDefinitionAndDataManipulationTransactions", super::supportsDataDefinitionAndDataManipulationTransactions);
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        return capabilities().bool("supportsDataManipulationTransactionsOnly", super::supportsDataManipulationTransactionsOnly);
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        return capabilities().bool("supportsDifferentTableCorrelationNames", super::supportsDifferentTableCorrelationNames);
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        return capabilities().bool("supportsExpressionsInOrderBy", super::supportsExpressionsInOrderBy);
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        return capabilities().bool("supportsExtendedSQLGrammar", super::supportsExtendedSQLGrammar);
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        return capabilities().bool("supportsFullOuterJoins", super::supportsFullOuterJoins);
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws SQLException {
        return capabilities().bool("supportsGetGeneratedKeys", super::supportsGetGeneratedKeys);
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        return capabilities().bool("supportsGroupBy", super::supportsGroupBy);
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        return capabilities().bool("supportsGroupByBeyondSelect", super::supportsGroupByBeyondSelect);
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        return capabilities().bool("supportsGroupByUnrelated", super::supportsGroupByUnrelated);
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        return capabilities().bool("supportsIntegrityEnhancementFacility", super::supportsIntegrityEnhancementFacility);
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        return capabilities().bool("supportsLikeEscapeClause", super::supportsLikeEscapeClause);
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        return capabilities().bool("supportsLimitedOuterJoins", super::supportsLimitedOuterJoins);
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        return capabilities().bool("supportsMinimumSQLGrammar", super::supportsMinimumSQLGrammar);
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        return capabilities().bool("supportsMixedCaseIdentifiers", super::supportsMixedCaseIdentifiers);
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        return capabilities().bool("supportsMixedCaseQuotedIdentifiers", super::supportsMixedCaseQuotedIdentifiers);
    }

    @Override
    public boolean supportsMultipleOpenResults() throws SQLException {
        return capabilities().bool("supportsMultipleOpenResults", super::supportsMultipleOpenResults);
    }

    @Override
    public boolean supportsMultipleResultSets() throws SQLException {
        return capabilities().bool("supportsMultipleResultSets", super::supportsMultipleResultSets);
    }

    @Override
    public boolean supportsMultipleTransactions() throws SQLException {
        return capabilities().bool("supportsMultipleTransactions", super::supportsMultipleTransactions);
    }

    @Override
    public boolean supportsNamedParameters() throws SQLException {
        return capabilities().bool("supportsNamedParameters", super::supportsNamedParameters);
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        return capabilities().bool("supportsNonNullableColumns", super::supportsNonNullableColumns);
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        return capabilities().bool("supportsOpenCursorsAcrossCommit", super::supportsOpenCursorsAcrossCommit);
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        return capabilities().bool("supportsOpenCursorsAcrossRollback", super::supportsOpenCursorsAcrossRollback);
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        return capabilities().bool("supportsOpenStatementsAcrossCommit", super::supportsOpenStatementsAcrossCommit);
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        return capabilities().bool("supportsOpenStatementsAcrossRollback", super::supportsOpenStatementsAcrossRollback);
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        return capabilities().bool("supportsOrderByUnrelated", super::supportsOrderByUnrelated);
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        return capabilities().bool("supportsOuterJoins", super::supportsOuterJoins);
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        return capabilities().bool("supportsPositionedDelete", super::supportsPositionedDelete);
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        return capabilities().bool("supportsPositionedUpdate", super::supportsPositionedUpdate);
    }

    @Override
    public boolean supportsRefCursors() throws SQLException {
        return capabilities().bool("supportsRefCursors", super::supportsRefCursors);
    }

    @Override
    public boolean supportsSavepoints() throws SQLException {
        return capabilities().bool("supportsSavepoints", super::supportsSavepoints);
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        return capabilities().bool("supportsSchemasInDataManipulation", super::supportsSchemasInDataManipulation);
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws SQLException {
        return capabilities().bool("supportsSchemasInIndexDefinitions", super::supportsSchemasInIndexDefinitions);
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        return capabilities().bool("supportsSchemasInPrivilegeDefinitions", super::supportsSchemasInPrivilegeDefinitions);
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws SQLException {
        return capabilities().bool("supportsSchemasInProcedureCalls", super::supportsSchemasInProcedureCalls);
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws SQLException {
        return capabilities().bool("supportsSchemasInTableDefinitions", super::supportsSchemasInTableDefinitions);
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        return capabilities().bool("supportsSelectForUpdate", super::supportsSelectForUpdate);
    }

    @Override
    public boolean supportsSharding() throws SQLException {
        return capabilities().bool("supportsSharding", super::supportsSharding);
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        return capabilities().bool("supportsStatementPooling", super::supportsStatementPooling);
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        return capabilities().bool("supportsStoredFunctionsUsingCallSyntax", super::supportsStoredFunctionsUsingCallSyntax);
    }

    @Override
    public boolean supportsStoredProcedures() throws SQLException {
        return capabilities().bool("supportsStoredProcedures", super::supportsStoredProcedures);
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        return capabilities().bool("supportsSubqueriesInComparisons", super::supportsSubqueriesInComparisons);
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        return capabilities().bool("supportsSubqueriesInExists", super::supportsSubqueriesInExists);
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        return capabilities().bool("supportsSubqueriesInIns", super::supportsSubqueriesInIns);
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        return capabilities().bool("supportsSubqueriesInQuantifieds", super::supportsSubqueriesInQuantifieds);
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        return capabilities().bool("supportsTableCorrelationNames", super::supportsTableCorrelationNames);
    }

    @Override
    public boolean supportsTransactions() throws SQLException {
        return capabilities().bool("supportsTransactions", super::supportsTransactions);
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        return capabilities().bool("supportsUnion", super::supportsUnion);
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        return capabilities().bool("supportsUnionAll", super::supportsUnionAll);
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        return capabilities().bool("usesLocalFilePerTable", super::usesLocalFilePerTable);
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        return capabilities().bool("usesLocalFiles", super::usesLocalFiles);
    }

    // ---- plumbing --------------------------------------------------------------------------

    /** The server's value, or null when it gave none (Avatica's defaults are "" and -1). */
    private String serverValue(DatabaseProperty property) throws SQLException {
        // Fetched once per connection: Avatica's remote Meta caches the server's answer.
        String value = SqlErrors.guard("Error while reading the database properties",
                this::getRemoteAvaticaProperties).getProperty(property.name());
        return value == null || value.isEmpty() || value.equals("-1") ? null : value;
    }

    private synchronized UpstreamCapabilities capabilities() throws SQLException {
        if (capabilities == null) {
            capabilities = new UpstreamCapabilities(connection.extensions().call("connection-info",
                    "Reading the source's capabilities", connection.extensions().request()).path("capabilities"));
        }
        return capabilities;
    }

    /** A catalog call answered by the upstream through the server's {@code metadata} extension. */
    private ResultSet remote(String call, Object... arguments) throws SQLException {
        ObjectNode request = connection.extensions().request().put("call", call);
        ArrayNode args = request.putArray("arguments");
        for (Object argument : arguments) {
            if (argument == null) {
                args.addNull();
            } else if (argument instanceof Boolean) {
                args.add((Boolean) argument);
            } else if (argument instanceof Integer) {
                args.add((Integer) argument);
            } else if (argument instanceof int[]) {
                ArrayNode values = args.addArray();
                for (int value : (int[]) argument) {
                    values.add(value);
                }
            } else {
                args.add(argument.toString());
            }
        }
        return connection.resultSetOf(connection.extensions().callForResultSet("metadata", "DatabaseMetaData." + call,
                request));
    }
}
