package io.junction.server.transport;

import io.junction.server.auth.AuthenticatedUser;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** An endpoint that echoes each body with 200, records who sent what, and can hold requests until released. */
final class FakeEndpoint implements AvaticaEndpoint {
    record Call(AuthenticatedUser user, byte[] body, WireFormat format) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile RuntimeException failure;

    @Override
    public EndpointResponse handle(AuthenticatedUser user, String path, byte[] body, WireFormat format) {
        calls.add(new Call(user, body.clone(), format));
        entered.release();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
        if (failure != null) {
            throw failure;
        }
        return new EndpointResponse(200, body);
    }

    /** Requests from now on wait inside the endpoint until {@link #releaseRequests()}. */
    void holdRequests() {
        gate = new CountDownLatch(1);
    }

    void releaseRequests() {
        gate.countDown();
    }

    void failWith(RuntimeException e) {
        failure = e;
    }

    /** Waits until {@code count} more requests have reached the endpoint. */
    void awaitEntered(int count) throws InterruptedException {
        if (!entered.tryAcquire(count, 30, TimeUnit.SECONDS)) {
            throw new AssertionError(count + " requests did not reach the endpoint within 30 s");
        }
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }
}
