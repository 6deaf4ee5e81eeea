package io.github.vectororm.benchmarks.knn;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.DataTables;
import io.github.vectororm.benchmarks.harness.LatentVectors;
import io.github.vectororm.benchmarks.harness.VectorData;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The k-NN table: {@code (id bigint, category int, embedding vector(d))} with an HNSW cosine index
 * ({@code m = 16, ef_construction = 64}); {@code category = id % 10}, so each category holds 10 % of the rows.
 * Built once per run and shared by every k-NN benchmark and the filtered-recall count (see
 * {@link DataTables}). There is deliberately no index on {@code category}, so a filtered query has the choice
 * of HNSW or an exact scan only. The vectors have the shape of embeddings, a low intrinsic dimension
 * ({@link LatentVectors}, shared with the two-stage table), not uniform noise, on which HNSW at the default
 * {@code ef_search} would find only about a quarter of the true top 10 and the latency would measure a search that
 * mostly misses; {@link KnnRecall} reports the recall the benchmarked query reaches. Queries are drawn the same way
 * from another seed.
 *
 * @param table the schema-qualified table
 * @param rows rows in the table
 * @param dimensions dimensions of {@code embedding}
 * @param index the HNSW index
 * @since 0.1.0
 */
public record KnnDataset(String table, int rows, int dimensions, IndexDefinition index) {

    /** Neighbors per query. */
    public static final int K = 10;
    /** Number of categories, each 1 / CATEGORIES of the rows. */
    public static final int CATEGORIES = 10;
    /** The category the filtered query selects. */
    public static final int FILTER_CATEGORY = 3;

    /**
     * Builds (or reuses) the table and index and checks that PostgreSQL plans the k-NN queries on the index.
     *
     * @param database the database
     * @param rows rows to hold
     * @param dimensions vector dimensions
     * @return the dataset
     * @throws SQLException if building fails
     * @throws IllegalStateException if a k-NN query would not use the HNSW index
     */
    public static KnnDataset prepare(BenchmarkDatabase database, int rows, int dimensions) throws SQLException {
        String name = "knn_" + rows + "x" + dimensions;
        IndexDefinition index = IndexDefinition.hnsw(database.table(name),
                        IndexedExpression.column("embedding", VectorType.VECTOR, dimensions), Metric.COSINE)
                .m(16).efConstruction(64).build();
        String fingerprint = "vector-orm benchmark rows=" + rows + " dimensions=" + dimensions + " seed="
                + VectorData.ROW_SEED + " " + LatentVectors.FINGERPRINT + " categories=" + CATEGORIES + " index: " + index.createSql();
        String table = DataTables.ensure(database, name, fingerprint, (connection, t) -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, category int NOT NULL, embedding vector("
                        + dimensions + ") NOT NULL)");
                load(connection, t, rows, dimensions);
                // 50k x 768-d needs ~200 MB of graph; the 64 MB default makes the build spill and crawl
                statement.execute("SET maintenance_work_mem = '512MB'");
                statement.execute(index.createSql());
            }
        });
        KnnDataset dataset = new KnnDataset(table, rows, dimensions, index);
        dataset.requireIndexScan(database, "SELECT id FROM " + table + " ORDER BY embedding <=> %s LIMIT " + K);
        return dataset;
    }

    private static void load(Connection connection, String table, int rows, int dimensions) throws SQLException {
        LatentVectors generator = LatentVectors.of(dimensions);
        try (VectorCopyWriter writer = VectorCopyWriter.into(connection, table).column("id", CopyType.BIGINT)
                .column("category", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
            for (int id = 0; id < rows; id++) {
                writer.addRow((long) id, id % CATEGORIES, generator.vector(VectorData.ROW_SEED, id));
            }
            writer.finish();
        }
    }

    /**
     * Query vectors, distinct from the rows and the same in every run.
     *
     * @param count how many
     * @return new vectors
     */
    public float[][] queries(int count) {
        return LatentVectors.of(dimensions).vectors(VectorData.QUERY_SEED, count);
    }

    /**
     * Fails unless EXPLAIN shows the HNSW index for a query.
     *
     * @param database the database
     * @param sqlTemplate the query with {@code %s} where the vector goes
     * @throws SQLException if EXPLAIN fails
     * @throws IllegalStateException if the plan does not scan the index
     */
    public void requireIndexScan(BenchmarkDatabase database, String sqlTemplate) throws SQLException {
        try (Connection connection = database.connect()) {
            String plan = plan(connection, sqlTemplate);
            if (!usesIndex(plan)) {
                throw new IllegalStateException("PostgreSQL does not plan the k-NN query on " + index.name()
                        + ", so the benchmark would not measure HNSW:\n" + plan);
            }
        }
    }

    /**
     * The plan PostgreSQL chooses for a query on this connection (and its current settings), with the first
     * query vector in place of {@code %s}.
     *
     * @param connection the connection
     * @param sqlTemplate the query with {@code %s} where the vector goes
     * @return EXPLAIN's text, the vector literal abbreviated
     * @throws SQLException if EXPLAIN fails
     */
    public String plan(Connection connection, String sqlTemplate) throws SQLException {
        String literal = "'" + new PGvector(queries(1)[0]).getValue() + "'::vector";
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("EXPLAIN " + sqlTemplate.formatted(literal))) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString().replaceAll("'\\[[^']*]'", "'[...]'");
    }

    /**
     * @param plan EXPLAIN's text
     * @return whether the plan scans this dataset's HNSW index
     */
    public boolean usesIndex(String plan) {
        return plan.contains(index.name());
    }
}
