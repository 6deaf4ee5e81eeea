package io.github.vectororm.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in a transaction of its own on a connection, restoring auto-commit afterwards. */
final class Transactions {

    /** Work that may throw {@link SQLException}. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.run();
            if (autoCommit) {
                connection.commit();
            }
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            if (autoCommit) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }
}
