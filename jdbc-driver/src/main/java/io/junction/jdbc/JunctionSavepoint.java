package io.junction.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a Junction connection's transaction. The server knows it by name: unnamed savepoints get
 * one from the driver ({@code junction_savepoint_<id>}).
 */
final class JunctionSavepoint implements Savepoint {
    private final int id;
    private final String name;
    private final String serverName;

    private JunctionSavepoint(int id, String name, String serverName) {
        this.id = id;
        this.name = name;
        this.serverName = serverName;
    }

    static JunctionSavepoint unnamed(int id) {
        return new JunctionSavepoint(id, null, "junction_savepoint_" + id);
    }

    static JunctionSavepoint named(String name) {
        return new JunctionSavepoint(0, name, name);
    }

    String serverName() {
        return serverName;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("Savepoint '" + name + "' is named: use getSavepointName().", "HY024");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("Savepoint " + id + " is unnamed: use getSavepointId().", "HY024");
        }
        return name;
    }
}
