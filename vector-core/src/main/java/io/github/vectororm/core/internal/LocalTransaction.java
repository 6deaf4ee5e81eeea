package io.github.vectororm.core.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * "Open a transaction if none, apply settings, run, commit" on a plain JDBC connection, written once: transaction-scoped
 * settings ({@code set_config(..., true)}) last only as long as a transaction, and do nothing in auto-commit mode. Not
 * API.
 */
public final class LocalTransaction {

    /** Applies transaction-scoped settings to a connection. */
    @FunctionalInterface
    public interface Settings {
        /**
         * @param connection the connection, inside the transaction
         * @throws SQLException on a database error
         */
        void apply(Connection connection) throws SQLException;
    }

    /**
     * Work on a connection.
     *
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Work<R> {
        /**
         * @param connection the connection, inside the transaction
         * @return the result
         * @throws SQLException on a database error
         */
        R run(Connection connection) throws SQLException;
    }

    private LocalTransaction() {
    }

    /**
     * In the connection's transaction (auto-commit off), applies the settings and runs the work there: the caller's
     * transaction is neither committed nor rolled back, and the settings last until it ends. In auto-commit mode,
     * opens a transaction, applies, runs, commits (rolls back on failure) and restores auto-commit.
     *
     * @param connection the connection
     * @param settings the settings to apply first
     * @param work the work
     * @param <R> the result type
     * @return what the work returned
     * @throws SQLException on a database error, the work's own if rolling back fails too (that one suppressed)
     */
    public static <R> R run(Connection connection, Settings settings, Work<R> work) throws SQLException {
        if (!connection.getAutoCommit()) {
            settings.apply(connection);
            return work.run(connection);
        }
        connection.setAutoCommit(false);
        try {
            settings.apply(connection);
            R result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
