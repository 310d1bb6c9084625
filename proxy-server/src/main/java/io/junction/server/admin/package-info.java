/**
 * The operators' HTTP endpoint on {@code admin.host:admin.port} (default 127.0.0.1:8766):
 * {@code GET /metrics} (Prometheus text format 0.0.4, from {@link io.junction.server.admin.JunctionMetrics}),
 * {@code GET /health}, and the routes other packages add with
 * {@link io.junction.server.admin.AdminHttpServer#register}. It has no authentication: keep it on
 * a loopback or cluster-internal address.
 */
package io.junction.server.admin;
