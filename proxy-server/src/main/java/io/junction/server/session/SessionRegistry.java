package io.junction.server.session;

import io.junction.server.auth.AuthenticatedUser;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every open client session by connection id. Ids are chosen by clients, so a lookup also checks
 * the owner: another user's session is reported exactly like a missing one (DESIGN.md decision 2).
 */
final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final ConcurrentMap<String, ClientSession> sessions = new ConcurrentHashMap<>();

    /** A session by id whoever owns it: for the operator's admin API only, never for a client's request. */
    Optional<ClientSession> find(String connectionId) {
        return Optional.ofNullable(connectionId == null ? null : sessions.get(connectionId));
    }

    /** @return false when the id is taken (by anyone: ids are never reused across users) */
    boolean register(ClientSession session) {
        return sessions.putIfAbsent(session.id(), session) == null;
    }

    ClientSession get(String connectionId, AuthenticatedUser user) throws NoSuchConnectionException {
        ClientSession session = connectionId == null ? null : sessions.get(connectionId);
        if (session == null || !session.owner().name().equals(user.name())) {
            throw new NoSuchConnectionException(connectionId);
        }
        return session;
    }

    Optional<ClientSession> remove(String connectionId, AuthenticatedUser user) {
        ClientSession session = sessions.get(connectionId);
        if (session == null || !session.owner().name().equals(user.name())) {
            return Optional.empty();
        }
        sessions.remove(connectionId, session);
        return Optional.of(session);
    }

    /** Removes this very session (the idle reaper); false when it was removed already. */
    boolean remove(ClientSession session) {
        return sessions.remove(session.id(), session);
    }

    /** A snapshot of the open sessions. */
    List<ClientSession> all() {
        return new ArrayList<>(sessions.values());
    }

    int size() {
        return sessions.size();
    }

    /** Closes every session: open transactions are rolled back, never committed. */
    void closeAll() {
        List<ClientSession> open = new ArrayList<>(sessions.values());
        sessions.clear();
        for (ClientSession session : open) {
            synchronized (session) {
                try {
                    session.close();
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("Closing session {} of user {} failed: {}", session.id(), session.owner().name(),
                            e.getMessage());
                }
            }
        }
    }
}
