package io.junction.server.transport;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads named {@code prefix-1}, {@code prefix-2}, … so that thread dumps and logs say which pool ran what. */
public final class NamedThreadFactory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    public NamedThreadFactory(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix is null");
    }

    @Override
    public Thread newThread(Runnable task) {
        return new Thread(task, prefix + "-" + counter.incrementAndGet());
    }
}
