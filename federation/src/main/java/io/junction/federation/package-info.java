/**
 * Federation: SQL analysis, the Calcite catalog over sources, dialects, planner, plan cache and
 * statistics (DESIGN.md decision 10). Takes DataSources; knows nothing of Netty.
 */
package io.junction.federation;
