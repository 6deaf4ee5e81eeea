package io.github.vectororm.benchmarks.stores;

import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes corpus documents into a peer store's table in the row format the store itself writes (a UUID id, the text,
 * {@code {"category":"c3"}} in its {@code json} column, the vector), by binary COPY: the untimed rest of a load after
 * the timed sample, so every table holds the same rows without the peers' slow add paying for all of them.
 */
final class PeerRows {

    private PeerRows() {
    }

    /**
     * @param dataSource the peer's pool
     * @param table its table, schema-qualified
     * @param id its id column
     * @param content its text column
     * @param corpus the documents
     * @param from the first document
     * @param to after the last
     * @throws SQLException if the COPY fails
     */
    static void copy(DataSource dataSource, String table, String id, String content, StoreCorpus corpus, int from, int to)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                VectorCopyWriter copy = VectorCopyWriter.into(connection, table).column(id, CopyType.UUID)
                        .column(content, CopyType.TEXT).column("metadata", CopyType.TEXT)
                        .column("embedding", CopyType.VECTOR).open()) {
            for (int row = from; row < to; row++) {
                copy.addRow(UUID.fromString(StoreCorpus.id(row)), StoreCorpus.text(row),
                        "{\"" + StoreCorpus.KEY + "\":\"" + StoreCorpus.categoryOf(row) + "\"}", corpus.vector(row));
            }
            copy.finish();
        }
    }
}
