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
 *       division, unknown functions), no merge join or sorted aggregate; estimates from each source's
 *       own statistics ({@code TableStatistics}: row and distinct counts, unique keys, indexes, value
 *       ranges) through {@code MeasuredTable}, {@code ScanEstimates} and {@code FederationMetadata},
 *       so a join within one source is pushed to it even inside a cross-source query; the phases of
 *       {@code PlanningPhases}: heuristic join order, exact partial aggregates below cross-source
 *       joins ({@code PartialAggregateRule}), keys shipped into seekable columns by
 *       {@code KeyShippingPass}, hash joins made to build their smaller input by
 *       {@code SmallerBuildSide}, statements read ahead ({@code ReadAheadPass}); compiled once per SQL
 *       text, user's sources and catalog version.</li>
 * </ul>
 * Source tables are found by their exact names and their columns typed by {@code SourceTables},
 * {@code SourceColumns} and {@code ColumnTypes}, not by Calcite's JDBC adapter, which reads names
 * as LIKE patterns; a source's rows enter Calcite through {@code SourceRead}, which puts binary and
 * UUID values in the form Calcite's runtime holds ({@code SourceValues}), and a plan that would make
 * federation compare what it cannot (JSON and other ANY columns, the order of UUIDs) is refused
 * with 0A000 by {@code UncomparableColumns}. Sub-queries read sources through {@code StreamingDataSource}: fetch sizes, PostgreSQL in a
 * read-only transaction so pgjdbc streams, statements reported to {@link
 * io.junction.federation.SourceSqlListener}s, rows charged to the query's {@code MemoryBudget}.
 * Every statement of a plan with several starts when the query does, on a bounded pool of reader
 * threads, into a bounded buffer ({@code ReadAhead}).
 */
package io.junction.federation;
