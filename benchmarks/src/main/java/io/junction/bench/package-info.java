/**
 * Load generators that measure Junction against its baselines: direct JDBC to the upstream and other
 * gateways in front of the same database. They are built by {@code mvn verify} but only run by hand or
 * by the scripts beside this module ({@code benchmarks/run-passthrough.sh}); figures are compared as
 * ratios within one invocation, never asserted in tests.
 *
 * <p>A load shape is a {@link io.junction.bench.SessionFactory}: what one client thread opens and what
 * it does per operation. {@link io.junction.bench.LoadRunner} drives any shape with N threads for a
 * warm-up and a measured window, and {@link io.junction.bench.LoadResult} prints the figures.
 */
package io.junction.bench;
