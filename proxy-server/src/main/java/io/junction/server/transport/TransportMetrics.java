package io.junction.server.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.netty.channel.group.ChannelGroup;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The transport's meters. Per-request-type figures (execute, fetch, …) belong to the endpoint;
 * these describe HTTP traffic only. Every outcome counter is registered up front so that a rate
 * query sees zero rather than a missing series.
 */
final class TransportMetrics {
    static final String REQUESTS = "junction.http.requests";
    static final String CONNECTIONS_ACCEPTED = "junction.http.connections.accepted";
    static final String WORKER_EXECUTOR_NAME = "junction-worker";

    private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
    private final DistributionSummary requestBytes;
    private final DistributionSummary responseBytes;
    private final Counter authFailures;
    private final Counter connectionsAccepted;

    TransportMetrics(MeterRegistry registry, InFlightRequests inFlight, ThreadPoolExecutor workers,
                     ChannelGroup openChannels) {
        for (Outcome outcome : Outcome.values()) {
            requests.put(outcome, Counter.builder(REQUESTS)
                    .description("HTTP requests on the Avatica endpoint, by how they ended")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
        requestBytes = DistributionSummary.builder("junction.http.request.bytes")
                .description("Size of request bodies").baseUnit("bytes").register(registry);
        responseBytes = DistributionSummary.builder("junction.http.response.bytes")
                .description("Size of response bodies before compression").baseUnit("bytes").register(registry);
        authFailures = Counter.builder("junction.auth.failures")
                .description("Requests whose credentials were present but wrong or malformed").register(registry);
        connectionsAccepted = Counter.builder(CONNECTIONS_ACCEPTED)
                .description("TCP connections accepted on the Avatica endpoint").register(registry);
        Gauge.builder("junction.http.inflight", inFlight, InFlightRequests::count)
                .description("Requests handed to a worker and not yet answered").register(registry);
        Gauge.builder("junction.http.connections", openChannels, ChannelGroup::size)
                .description("Open connections on the Avatica endpoint").register(registry);
        // executor.queued{name="junction-worker"} is the worker queue depth; active, pool size and completed come too.
        new ExecutorServiceMetrics(workers, WORKER_EXECUTOR_NAME, Tags.empty()).bindTo(registry);
    }

    void requestReceived(int bodyBytes) {
        requestBytes.record(bodyBytes);
    }

    void replied(Reply reply) {
        requests.get(reply.outcome()).increment();
        responseBytes.record(reply.body().length);
    }

    void authenticationFailed() {
        authFailures.increment();
    }

    void connectionAccepted() {
        connectionsAccepted.increment();
    }
}
