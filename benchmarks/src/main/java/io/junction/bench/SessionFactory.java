package io.junction.bench;

import java.sql.SQLException;

/** Opens the {@link Session} of one client thread; called again after an operation failed. */
@FunctionalInterface
public interface SessionFactory {
    Session open() throws SQLException;
}
