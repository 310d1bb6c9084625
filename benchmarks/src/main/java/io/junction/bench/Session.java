package io.junction.bench;

import java.sql.SQLException;

/** What one client thread holds (a connection, its statements) and the operation it repeats. */
public interface Session extends AutoCloseable {
    /** Runs one operation to completion, result read to the end. */
    void runOnce() throws SQLException;

    @Override
    void close() throws SQLException;
}
