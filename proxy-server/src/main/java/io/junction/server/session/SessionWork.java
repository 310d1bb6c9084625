package io.junction.server.session;

import org.apache.calcite.avatica.NoSuchStatementException;

import java.sql.SQLException;

/** A piece of a request's work on one session, run under the session's monitor. */
@FunctionalInterface
interface SessionWork<T> {
    T run(ClientSession session) throws SQLException, NoSuchStatementException;
}
