/**
 * The Junction JDBC driver: {@code jdbc:junction://host[:port][/source][?key=value&...]}, a thin client of
 * the Avatica remote protocol.
 *
 * <p>Public API: {@link io.junction.jdbc.Driver} and {@link io.junction.jdbc.JunctionProperty}. Everything
 * else is package-private except {@link io.junction.jdbc.JunctionServiceFactory}, which Avatica instantiates
 * by name.
 *
 * <p>Decisions, and why:
 * <ul>
 *   <li><b>Avatica underneath, entered through its public seams.</b> The driver extends Avatica's remote
 *       driver and supplies its {@code Service} through the {@code factory} connection property, the only
 *       public way to Avatica's package-private {@code RemoteMeta}. Its own {@code AvaticaFactory} makes
 *       connections and result sets that turn Avatica's unchecked exceptions into SQLExceptions, and
 *       database metadata that reports the server's product name and version.</li>
 *   <li><b>URL over Properties.</b> Both take effect; the URL wins a conflict (as in pgjdbc), so a URL from
 *       a runbook means what it says. Unknown keys are ignored and never sent.</li>
 *   <li><b>Credentials only in the HTTP header.</b> {@code user}/{@code password} go out as preemptive
 *       Basic authentication; the OpenConnectionRequest carries only {@code junction.source} and
 *       {@code junction.applicationName}. Stock Avatica would put every property, password included, in
 *       the request body.</li>
 *   <li><b>JDK HTTP client.</b> {@code java.net.http} gives keep-alive, timeouts and gzip without
 *       Apache httpclient5 (which is not in the jar). One JDK client per connect timeout is shared by all
 *       connections.</li>
 *   <li><b>SQLStates of the driver's own failures</b> are in {@code DriverSqlState}: 08001 unreachable or
 *       malformed URL, 08006 connection lost or unexpected answer, 28000 authentication, 22023 bad
 *       property value, HYT00 socketTimeout. The server's errors keep the server's SQLState.</li>
 *   <li><b>Shaded and relocated.</b> Every library is relocated under {@code io.junction.jdbc.shaded}, so
 *       the driver cannot clash with an application's own Avatica, protobuf, Jackson or slf4j.
 *       {@code CanonicalWireNames} keeps protobuf message names canonical on the wire despite the
 *       relocation. The private slf4j copy has a no-op provider: the driver prints nothing.</li>
 *   <li><b>What Avatica's values cannot say rides in its own fields.</b> A typed null and a TIME with
 *       microseconds are tagged in {@code TypedValue.component_type}, which Avatica fills only for arrays and
 *       its server-side decoding keeps ({@code ParameterTags}, written by {@code TaggedValueWire}); the
 *       connection announces {@code junction.parameters=tagged}, under protobuf only. A new message would
 *       have cost a round trip per execution; an extension is used where one call per statement is fine
 *       (parameter metadata).</li>
 * </ul>
 */
package io.junction.jdbc;
