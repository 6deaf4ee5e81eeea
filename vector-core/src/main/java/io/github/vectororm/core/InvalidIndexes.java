package io.github.vectororm.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Validity of an index ({@code pg_index.indisvalid}) and the cleanup of invalid ones: a failed or cancelled
 * {@code CREATE INDEX CONCURRENTLY} leaves an invalid index behind, which every write still maintains and which
 * {@code IF NOT EXISTS} would take for a finished build.
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

    /** Drops the index if it exists and is invalid, e.g. left by an earlier run that did not get to drop it. */
    static void dropIfInvalid(Connection connection, IndexDefinition index) throws SQLException {
        if (Boolean.FALSE.equals(validity(connection, IndexCatalog.indexName(index)))) {
            IndexCatalog.execute(connection, index.dropSql());
        }
    }

    /** After a failed build: drops what it left, a failure of the drop joining the build's failure as suppressed. */
    static void dropAfterFailure(Connection watch, IndexDefinition index, SQLException failure) {
        try {
            IndexCatalog.execute(watch, index.dropSql());
        } catch (SQLException dropFailed) {
            failure.addSuppressed(dropFailed);
        }
    }
}
