package io.junction.server.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Hot reload: re-reads the config file when its content changes (polled, because editors replace
 * files and Kubernetes swaps ConfigMap symlinks, which file-system events report unreliably) or when
 * an operator asks. A file with any problem is refused whole, each problem logged with its file, line
 * and key, and the running config stays; a valid one is handed to the gateway, which applies what it
 * can at once and names the keys that need a restart.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final ConfigLoader loader;
    private final Function<JunctionConfig, ConfigChanges> gateway;
    private final Duration interval;
    private final ScheduledExecutorService poller;
    private final Map<ReloadOutcome.Result, Counter> reloads;
    private byte[] lastDigest;
    private volatile ReloadOutcome last;

    /**
     * @param file     the file the gateway started with (it was valid then)
     * @param gateway  applies a valid reloaded config and tells what it changed
     * @param interval how often the file is checked for a change; zero checks only on request
     */
    public ConfigWatcher(Path file, ConfigLoader loader, Function<JunctionConfig, ConfigChanges> gateway,
                         Duration interval, MeterRegistry registry) {
        this.file = Objects.requireNonNull(file, "file is null");
        this.loader = Objects.requireNonNull(loader, "loader is null");
        this.gateway = Objects.requireNonNull(gateway, "gateway is null");
        this.interval = interval;
        this.reloads = new EnumMap<>(ReloadOutcome.Result.class);
        for (ReloadOutcome.Result result : ReloadOutcome.Result.values()) {
            reloads.put(result, Counter.builder("junction.config.reloads").tag("outcome", result.label())
                    .description("Config file reloads by outcome").register(registry));
        }
        this.lastDigest = digestOrNull();
        this.last = new ReloadOutcome(Instant.now(), ReloadOutcome.Result.UNCHANGED, List.of(), List.of(), List.of());
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "junction-config-watcher");
            thread.setDaemon(true);
            return thread;
        });
        if (!interval.isZero()) {
            poller.scheduleWithFixedDelay(this::reloadIfChanged, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public Path file() {
        return file;
    }

    public Duration interval() {
        return interval;
    }

    /** The outcome of the latest reload (at start: unchanged). */
    public ReloadOutcome last() {
        return last;
    }

    /** Reads and applies the file now, changed or not. */
    public synchronized ReloadOutcome reloadNow() {
        lastDigest = digestOrNull();
        ReloadOutcome outcome;
        try {
            JunctionConfig reloaded = loader.load(file);
            ConfigChanges changes = gateway.apply(reloaded);
            outcome = new ReloadOutcome(Instant.now(), changes.nothingToApply() ? ReloadOutcome.Result.UNCHANGED
                    : ReloadOutcome.Result.APPLIED, changes.applied(), changes.restartRequired(), List.of());
            if (!changes.nothingToApply()) {
                LOG.info("Config {} reloaded: applied {}", file, String.join(", ", changes.applied()));
            }
            if (!changes.restartRequired().isEmpty()) {
                LOG.warn("Config {}: changes to {} take effect only after a restart", file,
                        String.join(", ", changes.restartRequired()));
            }
        } catch (ConfigException e) {
            List<String> problems = e.problems().stream().map(ConfigException.Problem::toString).toList();
            LOG.error("Config {} not reloaded; the running config stays. Fix and save again:\n{}", file,
                    String.join("\n", problems));
            outcome = new ReloadOutcome(Instant.now(), ReloadOutcome.Result.REJECTED, List.of(), List.of(), problems);
        } catch (RuntimeException e) {
            LOG.error("Config {} not reloaded; the running config stays: {}", file, e.toString(), e);
            outcome = new ReloadOutcome(Instant.now(), ReloadOutcome.Result.REJECTED, List.of(), List.of(),
                    List.of(file + ": " + e.getMessage()));
        }
        reloads.get(outcome.result()).increment();
        last = outcome;
        return outcome;
    }

    private synchronized void reloadIfChanged() {
        byte[] digest = digestOrNull();
        if (digest != null && !Arrays.equals(digest, lastDigest)) {
            reloadNow();
        }
    }

    /** The content's digest; null while the file cannot be read (being replaced, say). */
    private byte[] digestOrNull() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
