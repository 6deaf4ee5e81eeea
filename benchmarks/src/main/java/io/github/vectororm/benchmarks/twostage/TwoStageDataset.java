package io.github.vectororm.benchmarks.twostage;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.DataTables;
import io.github.vectororm.benchmarks.harness.LatentVectors;
import io.github.vectororm.benchmarks.harness.VectorData;
import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two-stage search table: {@code (id bigint, embedding vector(d))} with three HNSW indexes on the same vectors:
 * the column itself ({@code vector_cosine_ops}), its binary quantization ({@code binary_quantize(embedding)::bit(d)},
 * {@code bit_hamming_ops}) and its half-precision cast ({@code embedding::halfvec(d)}, {@code halfvec_cosine_ops}),
 * each with {@code m = 16, ef_construction = 64}. Built once per run (see {@link DataTables}); the size and build
 * time of each index, taken by {@link IndexBuilder}, are kept in a side table so that every fork reads the same.
 *
 * <p>The vectors have the shape embeddings have, a low intrinsic dimension ({@link LatentVectors}, the generator the
 * k-NN table uses too); probes are drawn the same way from another seed.
 *
 * @param table the schema-qualified table
 * @param rows rows in the table
 * @param dimensions dimensions of {@code embedding}
 * @param indexes the three indexes with their size and build time
 * @since 0.1.0
 */
public record TwoStageDataset(String table, int rows, int dimensions, List<BuiltIndex> indexes) {

    /** Latent dimensions of the data. */
    public static final int LATENT = LatentVectors.LATENT;
    /** Neighbors per query. */
    public static final int K = 10;

    /**
     * An index of the table as it was built.
     *
     * @param index its definition
     * @param sizeBytes its size on disk
     * @param buildMillis how long {@code CREATE INDEX} took
     */
    public record BuiltIndex(IndexDefinition index, long sizeBytes, long buildMillis) {
    }

    /**
     * The three index definitions of a table.
     *
     * @param table the schema-qualified table
     * @param dimensions vector dimensions
     * @return plain, binary-quantized and halfvec
     */
    static List<IndexDefinition> definitions(String table, int dimensions) {
        return List.of(
                IndexDefinition.hnsw(table, IndexedExpression.column("embedding", VectorType.VECTOR, dimensions),
                        Metric.COSINE).m(16).efConstruction(64).build(),
                IndexDefinition.hnsw(table, IndexedExpression.binaryQuantize("embedding", dimensions), Metric.HAMMING)
                        .m(16).efConstruction(64).build(),
                IndexDefinition.hnsw(table, IndexedExpression.halfvec("embedding", dimensions), Metric.COSINE)
                        .m(16).efConstruction(64).build());
    }

    /**
     * Builds (or reuses) the table and its indexes.
     *
     * @param database the database
     * @param rows rows to hold
     * @param dimensions vector dimensions
     * @return the dataset
     * @throws SQLException if building fails
     */
    public static TwoStageDataset prepare(BenchmarkDatabase database, int rows, int dimensions) throws SQLException {
        String name = "twostage_" + rows + "x" + dimensions;
        String qualified = database.table(name);
        String facts = database.table(name + "_indexes");
        List<IndexDefinition> definitions = definitions(qualified, dimensions);
        StringBuilder fingerprint = new StringBuilder("vector-orm two-stage benchmark rows=" + rows + " dimensions="
                + dimensions + " latent=" + LATENT + " seed=" + VectorData.ROW_SEED + " indexes:");
        definitions.forEach(d -> fingerprint.append(' ').append(d.createSql()));
        String table = DataTables.ensure(database, name, fingerprint.toString(), (connection, t) -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, embedding vector(" + dimensions
                        + ") NOT NULL)");
                load(connection, t, rows, dimensions);
                statement.execute("ANALYZE " + t);
                statement.execute("DROP TABLE IF EXISTS " + facts);
                statement.execute("CREATE TABLE " + facts + " (name text PRIMARY KEY, size_bytes bigint NOT NULL,"
                        + " build_millis bigint NOT NULL)");
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(database.jdbcUrl());
            // 30k x 768-d needs over 100 MB of graph; the 64 MB default makes the build spill and crawl
            IndexBuilder builder = IndexBuilder.using(dataSource).maintenanceWorkMem("512MB");
            for (IndexDefinition definition : definitions) {
                IndexBuilder.Result result = builder.build(definition, progress -> { });
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + facts + " VALUES (?, ?, ?)")) {
                    insert.setString(1, result.name());
                    insert.setLong(2, result.sizeBytes());
                    insert.setLong(3, result.duration().toMillis());
                    insert.execute();
                }
            }
        });
        List<BuiltIndex> built = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT size_bytes, build_millis FROM " + facts
                        + " WHERE name = ?")) {
            for (IndexDefinition definition : definitions) {
                select.setString(1, definition.name());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no build record of " + definition.name() + " in " + facts);
                    }
                    built.add(new BuiltIndex(definition, rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return new TwoStageDataset(table, rows, dimensions, List.copyOf(built));
    }

    private static void load(Connection connection, String table, int rows, int dimensions) throws SQLException {
        LatentVectors generator = LatentVectors.of(dimensions);
        try (VectorCopyWriter writer = VectorCopyWriter.into(connection, table).column("id", CopyType.BIGINT)
                .column("embedding", CopyType.VECTOR).open()) {
            for (int id = 0; id < rows; id++) {
                writer.addRow((long) id, generator.vector(VectorData.ROW_SEED, id));
            }
            writer.finish();
        }
    }

    /**
     * Probe vectors, distinct from the rows and the same in every run.
     *
     * @param count how many
     * @return new vectors
     */
    public float[][] queries(int count) {
        return LatentVectors.of(dimensions).vectors(VectorData.QUERY_SEED, count);
    }

    /**
     * @param index one of this table's indexes
     * @return whether EXPLAIN's text scans it
     */
    static boolean planUses(String plan, IndexDefinition index) {
        return plan.contains(index.name());
    }

    /**
     * EXPLAIN of a query on a connection, its vector parameters replaced by a probe literal.
     *
     * @param connection the connection (with its settings)
     * @param sql the query with {@code ?} placeholders
     * @param parameters the bind values; vectors are rendered as a literal of {@code probe}
     * @param probe the probe vector
     * @return EXPLAIN's text, vector literals abbreviated
     * @throws SQLException if EXPLAIN fails
     */
    static String explain(Connection connection, String sql, List<Object> parameters, float[] probe) throws SQLException {
        String literal = "'" + new PGvector(probe).getValue() + "'::vector";
        StringBuilder rendered = new StringBuilder();
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                Object value = parameters.get(parameter++);
                rendered.append(value instanceof Number ? value.toString() : literal);
            } else {
                rendered.append(c);
            }
        }
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("EXPLAIN " + rendered)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString().replaceAll("'\\[[^']*]'", "'[...]'");
    }
}
