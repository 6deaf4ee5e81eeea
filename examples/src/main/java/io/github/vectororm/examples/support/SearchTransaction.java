package io.github.vectororm.examples.support;

import io.github.vectororm.core.SearchSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs a query in a transaction of its own with {@link SearchSettings} applied to it: the settings are
 * transaction-scoped ({@code SET LOCAL}), so they end with the query and never leak into the next one.
 *
 * <p>On a small table the planner rightly prefers a sequential scan to a vector index; examples that want
 * to show or measure the index on small data ask for {@code indexOnly}, which also sets
 * {@code enable_seqscan = off} for the transaction. On tables of thousands of rows
 * {@code ORDER BY embedding <=> ? LIMIT k} takes the index without it.
 */
public final class SearchTransaction {

    /**
     * Work done on the connection inside the transaction.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @return the result
         * @throws SQLException on a database error
         */
        T run() throws SQLException;
    }

    private SearchTransaction() {
    }

    /**
     * @param connection an open connection in auto-commit mode (restored afterwards)
     * @param settings the settings for this transaction
     * @param indexOnly whether to forbid sequential scans too, so that the planner takes the vector index
     * @param work the query
     * @param <T> what it returns
     * @return the work's result, after commit
     * @throws SQLException on a database error (the transaction is rolled back)
     */
    public static <T> T run(Connection connection, SearchSettings settings, boolean indexOnly, Work<T> work)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            settings.applyLocal(connection);
            if (indexOnly) {
                // set_config(name, value, true) is the bindable SET LOCAL, the way SearchSettings applies its own
                try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
                    set.setString(1, "enable_seqscan");
                    set.setString(2, "off");
                    set.execute();
                }
            }
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
