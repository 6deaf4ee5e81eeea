package io.github.vectororm.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Validity of an index ({@code pg_index.indisvalid}) and the cleanup of invalid ones. A failed or cancelled
 * {@code CREATE INDEX CONCURRENTLY} leaves an invalid index behind, which every write still maintains and which
 * {@code IF NOT EXISTS} would take for a finished build. The builder drops only invalid indexes, and only those its
 * own build left or that were left before it started; never a valid index, nor one another session is building
 * (also invalid until that build ends).
 */
final class InvalidIndexes {

    private InvalidIndexes() {
    }

    /** @return {@code pg_index.indisvalid} of the index (SQL text of its name), or {@code null} if it does not exist */
    static Boolean validity(Connection connection, String index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            statement.setString(1, index);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /**
     * Before a build: drops an invalid index of the declared name, left by an earlier run that did not get to drop it.
     *
     * @return whether an index of that name (a valid one) exists now, which a failure of the build must leave alone
     * @throws SQLException if another session is building that index right now
     */
    static boolean clearLeftover(Connection connection, IndexDefinition index) throws SQLException {
        String name = IndexCatalog.indexName(index);
        try (PreparedStatement statement = connection.prepareStatement("SELECT i.indisvalid, (SELECT min(p.pid) FROM"
                + " pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid) FROM pg_index i"
                + " WHERE i.indexrelid = to_regclass(?)")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                if (rs.getBoolean(1)) {
                    return true;
                }
                int builder = rs.getInt(2);
                if (!rs.wasNull()) {
                    throw new SQLException("index build of " + index.name() + ": the index " + name + " is being built"
                            + " by another session right now (backend pid " + builder + "); wait for it to end");
                }
            }
        }
        IndexCatalog.drop(connection, index);
        return false;
    }

    /**
     * After a failed or cancelled build of an index that did not exist before it: drops the invalid index it left, a
     * failure of the drop joining the build's failure as suppressed.
     */
    static void dropAfterFailure(Connection watch, IndexDefinition index, SQLException failure) {
        try {
            if (Boolean.FALSE.equals(validity(watch, IndexCatalog.indexName(index)))) {
                IndexCatalog.drop(watch, index);
            }
        } catch (SQLException dropFailed) {
            failure.addSuppressed(dropFailed);
        }
    }
}
