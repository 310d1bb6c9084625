/**
 * The client-facing HTTP transport: Netty in front of the {@link io.junction.server.transport.AvaticaEndpoint}.
 *
 * <p>Pipeline of a connection: {@code HttpServerCodec} (request line and headers each at most
 * {@code server.max-header-size}) → {@code HttpServerKeepAliveHandler} → {@code HttpContentCompressor}
 * (gzip or deflate for clients that ask, above 1 KiB) → {@code BodyLimitAggregator}
 * ({@code server.max-request-size}) → {@code FlowControlHandler} → {@code AvaticaRequestHandler}.
 *
 * <p>Threads. Event loops (epoll on Linux x86-64, NIO elsewhere) only parse, check and write. The
 * password check and the endpoint run on the {@code junction-worker-N} executor
 * ({@code server.worker-threads}, queue {@code server.max-queued-requests}). While a connection's
 * request is on a worker its reads are off; they resume once the answer is flushed.
 *
 * <p>Status codes follow the stock Avatica client (FIELD-NOTES §1): it reads bodies only on 200 and
 * 500 and retries 503 forever. So every failure a client can act on is HTTP 500 with a serialized
 * {@code ErrorResponse} in the client's serialization (JSON or protobuf, told apart by the body):
 * 08P01 wrong content type or broken HTTP, 54000 body or headers too large, 53300 worker queue full,
 * 57P01 shutting down, XX000 a bug. Authentication is a 401 challenge
 * ({@code WWW-Authenticate: Basic realm="Junction", charset="UTF-8"}) that never says which part was
 * wrong; only a method other than POST gets 405, which no Avatica client sends.
 *
 * <p>Credentials are checked on every request (DESIGN.md decision 2), on a worker thread.
 *
 * <p>Shutdown ({@code AvaticaHttpServer.close()}): the listening socket closes, requests arriving on
 * open connections are answered 57P01 and those connections closed, requests in flight get
 * {@code server.shutdown-grace} to finish; then workers are interrupted and all connections closed.
 *
 * <p>Meters: {@code junction.http.requests{outcome}}, {@code junction.http.inflight},
 * {@code junction.http.request.bytes}, {@code junction.http.response.bytes},
 * {@code junction.http.connections}, {@code junction.http.connections.accepted},
 * {@code junction.auth.failures}, and Micrometer's {@code executor.*{name="junction-worker"}}
 * ({@code executor.queued} is the worker queue depth).
 */
package io.junction.server.transport;
