/**
 * Federation: the federated catalog over sources, its planner and its runtime (DESIGN.md
 * decisions 8 and 10). Takes DataSources; knows nothing of Netty or Avatica transport.
 *
 * <p>{@link io.junction.federation.Federation} is the entry point. A query is parsed with Calcite's
 * parser, its table names resolved per user (unquoted names in any case, quoted exactly; sources the
 * user was not granted do not exist), then:
 * <ul>
 *   <li>all tables in one source: the user's own text goes to that source with only the table names
 *       rewritten ({@code FederatedPlan.SingleSource}); the server runs it like passthrough;</li>
 *   <li>tables in several sources: our own Frameworks pipeline plans it ({@code CrossSourcePlanner}):
 *       one {@code SourceConvention} per source with Calcite's JDBC rules replaced by
 *       {@code SafePushdownRules} (nothing a source would compute differently is pushed — text
 *       comparisons, sorts, grouping and MIN/MAX on a MariaDB {@code _ci} collation, MySQL's decimal
 *       division, unknown functions), no merge join or sorted aggregate, joins ordered by row counts
 *       from {@code TableStatistics}, keys shipped by {@code KeyShippingPass}, hash joins made to build
 *       their smaller input by {@code SmallerBuildSide}; compiled once per SQL text, user's sources
 *       and catalog version.</li>
 * </ul>
 * Source tables are found by their exact names and their columns typed by {@code SourceTables},
 * {@code SourceColumns} and {@code ColumnTypes}, not by Calcite's JDBC adapter, which reads names
 * as LIKE patterns. Sub-queries read sources through {@code StreamingDataSource}: fetch sizes, PostgreSQL in a
 * read-only transaction so pgjdbc streams, statements reported to {@link
 * io.junction.federation.SourceSqlListener}s, rows charged to the query's {@code MemoryBudget}.
 *
 * <p>Not done yet: partial aggregates below cross-source joins, reading sources in parallel, distinct
 * counts and unique keys in the statistics.
 */
package io.junction.federation;
