package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

/** Runs the README's vector-core snippet. */
@PgVectorDatabase
class ReadmeTest {

    record Item(long id, float[] embedding) {
    }

    @Test
    void coreSnippetRunsAndFindsTheNearestItems(TestDatabase db) throws SQLException {
        db.execute("create table items (id bigint primary key, embedding vector(3))");
        String jdbcUrl = db.jdbcUrl();
        List<Item> items = List.of(new Item(1, new float[] {1, 1, 1}), new Item(2, new float[] {2, 2, 2.5f}),
                new Item(3, new float[] {1, 1, 2}), new Item(4, new float[] {-1, 0, 1}), new Item(5, new float[] {0, 0, -5}));
        float[] queryVector = {1, 1, 1.1f};
        List<Long> nearest = new ArrayList<>();

        // tag::core[]
        // binary transfer for vector/halfvec/sparsevec on every connection opened with this URL
        String url = PgVectorTypes.withBinaryTransfer(jdbcUrl);
        try (Connection connection = DriverManager.getConnection(url)) {
            // bulk load with COPY ... (FORMAT BINARY): all rows or none
            try (VectorCopyWriter writer = VectorCopyWriter.into(connection, "items")
                    .column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
                for (Item item : items) {
                    writer.addRow(item.id(), item.embedding());
                }
                writer.finish();
            }

            // an index the planner uses for ORDER BY embedding <=> ? LIMIT k
            IndexDefinition index = IndexDefinition
                    .hnsw("items", IndexedExpression.column("embedding", VectorType.VECTOR, 3), Metric.COSINE)
                    .m(16).efConstruction(64).build();
            try (Statement statement = connection.createStatement()) {
                statement.execute(index.createSql());
            }

            // k nearest, with search settings for this transaction only (nothing leaks to the next pool user)
            connection.setAutoCommit(false);
            SearchSettings.builder().hnswEfSearch(100).hnswIterativeScan(IterativeScan.RELAXED_ORDER).build()
                    .applyLocal(connection);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, embedding <=> ? AS distance FROM items ORDER BY embedding <=> ? LIMIT 3")) {
                PGobject probe = VectorValues.toParameter(VectorType.VECTOR, queryVector); // checks NaN, infinity, dimensions
                query.setObject(1, probe);
                query.setObject(2, probe);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        nearest.add(rs.getLong("id"));
                    }
                }
            }
            connection.commit();
        }
        // end::core[]

        assertThat(nearest).containsExactly(1L, 2L, 3L);
        ReadmeSnippets.assertPageShows("docs/core.md", ReadmeTest.class, "core");
    }
}
