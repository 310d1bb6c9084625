package io.junction.server.session;

import io.junction.server.cache.CacheAdminRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What operators and the server's housekeeping do with client sessions, apart from the clients' own
 * requests ({@link GatewayMeta}): list them, explain the cache under one, and close those that idled
 * out, lost their grant, or outlived a shutdown. Each close takes the session's monitor, so it never
 * races the session's own request, and rolls back what the session left open.
 */
public final class SessionAdministration {
    private static final Logger LOG = LoggerFactory.getLogger(SessionAdministration.class);

    private final SessionRegistry sessions;
    private final StatementExecutor executor;
    private final FederatedExecutor federatedExecutor;

    SessionAdministration(SessionRegistry sessions, StatementExecutor executor, FederatedExecutor federatedExecutor) {
        this.sessions = sessions;
        this.executor = executor;
        this.federatedExecutor = federatedExecutor;
    }

    /** Every open session as the admin API shows it: id, user, source, pin, transaction, idle time. */
    public List<Map<String, Object>> describeSessions() {
        long now = System.nanoTime();
        List<Map<String, Object>> described = new ArrayList<>();
        for (ClientSession session : sessions.all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", session.id());
            row.put("user", session.owner().name());
            row.put("source", session.isFederated() ? null : session.source().name());
            PinReason pin = session.pinReason();
            row.put("pinned", pin == null ? null : pin.label());
            row.put("pinDetail", pin == null ? null : session.pinDetail());
            row.put("inTransaction", session.inTransaction());
            row.put("idleMillis", TimeUnit.NANOSECONDS.toMillis(session.idleNanos(now)));
            described.add(row);
        }
        return described;
    }

    /**
     * EXPLAIN CACHE for an operator under the state, user and grants of an open session (an id of
     * {@link #describeSessions}). A session running a request is refused rather than waited for:
     * an operator's page must not hang behind a long query (only a request that starts in the
     * instant between the check and the explanation is waited for).
     *
     * @return the facts, or empty when no such session is open
     * @throws CacheAdminRoutes.SessionBusyException when the session is running a request
     */
    public Optional<List<String[]>> explainCache(String sessionId, String sql)
            throws SQLException, CacheAdminRoutes.SessionBusyException {
        Optional<ClientSession> found = sessions.find(sessionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ClientSession session = found.get();
        if (session.isBusy()) {
            throw new CacheAdminRoutes.SessionBusyException(sessionId);
        }
        synchronized (session) {
            if (session.isClosed()) {
                return Optional.empty();
            }
            return Optional.of(session.isFederated() ? federatedExecutor.explainCache(session, sql)
                    : executor.explainCache(session, sql));
        }
    }

    /**
     * Closes the sessions that sent no request for {@code idleTimeout}: open transactions rolled
     * back (never committed), cursors closed, pins released.
     *
     * @return how many were closed
     */
    public int closeIdleSessions(Duration idleTimeout) {
        int closed = 0;
        for (ClientSession session : sessions.all()) {
            if (session.idleNanos(System.nanoTime()) >= idleTimeout.toNanos()
                    && close(session, s -> s.idleNanos(System.nanoTime()) >= idleTimeout.toNanos(),
                            "no request for " + idleTimeout + " (sessions.idle-timeout)")) {
                closed++;
            }
        }
        return closed;
    }

    /**
     * Closes the sessions a reloaded users section no longer allows: their user is gone, or lost the
     * grant of the session's source (for the federated catalog: of any source the session could
     * reach). Open transactions are rolled back, never committed.
     *
     * @param grantsOf the sources each user may use now; empty for a user no longer configured
     * @return how many were closed
     */
    public int closeSessionsNoLongerGranted(Function<String, Optional<Set<String>>> grantsOf) {
        int closed = 0;
        for (ClientSession session : sessions.all()) {
            Optional<String> revoked = revocation(session, grantsOf.apply(session.owner().name()));
            if (revoked.isPresent() && close(session, s -> true, revoked.get())) {
                closed++;
            }
        }
        return closed;
    }

    private static Optional<String> revocation(ClientSession session, Optional<Set<String>> grants) {
        if (grants.isEmpty()) {
            return Optional.of("its user was removed from the users section");
        }
        if (session.isFederated()) {
            return grants.get().containsAll(session.owner().grantedSources()) ? Optional.empty()
                    : Optional.of("its user lost a grant of a source in the federated catalog");
        }
        return grants.get().contains(session.source().name()) ? Optional.empty()
                : Optional.of("its user is no longer granted source " + session.source().name());
    }

    /** Closes one session if {@code stillDue} holds under its monitor; logs why. */
    private boolean close(ClientSession session, Predicate<ClientSession> stillDue, String reason) {
        synchronized (session) {
            if (!stillDue.test(session) || !sessions.remove(session)) {
                return false;
            }
            LOG.info("Closing session {} of user {} on source {}: {}{}", session.id(), session.owner().name(),
                    session.isFederated() ? "(federated catalog)" : session.source().name(), reason,
                    session.inTransaction() ? "; its open transaction is rolled back" : "");
            try {
                session.close();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Closing session {} failed: {}", session.id(), e.getMessage());
            }
            return true;
        }
    }

    /** Number of open client sessions. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Ends every session, rolling back open transactions (shutdown). */
    public void closeAllSessions() {
        sessions.closeAll();
    }
}
