package io.junction.server.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Requests handed to a worker whose response has not been flushed yet. A graceful shutdown waits
 * for this to reach zero: counting until the flush (not until the worker returns) means a large
 * response still being written is not cut off.
 */
final class InFlightRequests {
    private int count;

    synchronized void begin() {
        count++;
    }

    synchronized void end() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return count;
    }

    /** @return true when no request is in flight any more, false when the timeout passed first */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count > 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        }
        return true;
    }
}
