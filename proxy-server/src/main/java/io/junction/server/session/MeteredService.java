package io.junction.server.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.calcite.avatica.remote.Service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps Avatica's {@link Service} (one {@code apply} overload per request type) to time every
 * request by type and outcome, without writing each of its twenty-odd methods out by hand.
 */
final class MeteredService implements InvocationHandler {
    private final Service delegate;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private MeteredService(Service delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    static Service wrap(Service delegate, MeterRegistry registry) {
        return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
                new MeteredService(delegate, registry));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args == null || args.length != 1 || !method.getName().equals("apply")) {
            return invokeDelegate(method, args);
        }
        String type = requestType(args[0]);
        long start = System.nanoTime();
        String outcome = "error";
        try {
            Object result = invokeDelegate(method, args);
            outcome = "ok";
            return result;
        } finally {
            timer(type, outcome).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private Object invokeDelegate(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Timer timer(String type, String outcome) {
        return timers.computeIfAbsent(type + '/' + outcome, k -> Timer.builder("junction.requests")
                .description("Avatica requests served, by type and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }

    private static String requestType(Object request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }
}
