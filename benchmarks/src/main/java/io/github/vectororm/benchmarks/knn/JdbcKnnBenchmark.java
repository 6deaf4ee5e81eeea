package io.github.vectororm.benchmarks.knn;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Top-10 k-NN over plain JDBC: {@code SELECT id ... ORDER BY embedding <=> ? LIMIT 10} with the query vector as
 * a binary parameter (pgvector-java raw, and vector-core) and as text; and the whole-row baseline of the entity
 * paths, {@code SELECT id, embedding, embedding <=> ? AS distance ... ORDER BY 3 LIMIT 10}, which reads what they
 * read (the id, the 768-d vector decoded to {@code float[]} from pgvector-java's binary form, and the distance)
 * with the vector bound once. Each path keeps its prepared statement across invocations, as an application's
 * statement cache would.
 *
 * @since 0.1.0
 */
public class JdbcKnnBenchmark extends KnnBenchmark {

    private Connection pgvectorJava;
    private Connection vectorCore;
    private Connection plain;
    private PreparedStatement rawBinary;
    private PreparedStatement rawWholeRows;
    private PreparedStatement rawText;
    private PreparedStatement vectorCoreBinary;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) throws SQLException {
        String nearest = "SELECT id FROM " + dataset.table() + " ORDER BY embedding <=> ? LIMIT " + KnnDataset.K;
        pgvectorJava = database.connect();
        PGvector.registerTypes(pgvectorJava);
        rawBinary = pgvectorJava.prepareStatement(nearest);
        String wholeRows = "SELECT id, embedding, embedding <=> ? AS distance FROM " + dataset.table()
                + " ORDER BY 3 LIMIT " + KnnDataset.K;
        dataset.requireIndexScan(database, wholeRows.replace("?", "%s"));
        rawWholeRows = pgvectorJava.prepareStatement(wholeRows);
        plain = database.connect();
        rawText = plain.prepareStatement(nearest.replace("?", "?::vector"));
        vectorCore = database.connect();
        PgVectorTypes.register(vectorCore);
        vectorCoreBinary = vectorCore.prepareStatement(nearest);
    }

    @Override
    protected void close() throws SQLException {
        for (Connection connection : new Connection[] {pgvectorJava, plain, vectorCore}) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "raw JDBC, binary parameter: `setObject(new PGvector(q))` (pgvector-java `registerTypes`)",
            kind = PathKind.RAW_BASELINE)
    public int rawBinaryParameter(Blackhole blackhole) throws SQLException {
        rawBinary.setObject(1, new PGvector(nextQuery()));
        return readIds(rawBinary, blackhole);
    }

    /**
     * The raw counterpart of the entity paths: the same columns, decoded the same way, without a framework.
     *
     * @param blackhole consumes the ids, vectors and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "raw JDBC, whole rows: `SELECT id, embedding, embedding <=> ? AS distance ... ORDER BY 3 LIMIT 10`,"
            + " `PGvector` binary parameter and result (`((PGvector) getObject(2)).toArray()`)", kind = PathKind.RAW)
    public int rawWholeRows(Blackhole blackhole) throws SQLException {
        rawWholeRows.setObject(1, new PGvector(nextQuery()));
        int rows = 0;
        try (ResultSet rs = rawWholeRows.executeQuery()) {
            while (rs.next()) {
                blackhole.consume(rs.getLong(1));
                blackhole.consume(((PGvector) rs.getObject(2)).toArray());
                blackhole.consume(rs.getDouble(3));
                rows++;
            }
        }
        return checkFull(rows);
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "raw JDBC, text parameter: `?::vector` + `setString(\"[...]\")`", kind = PathKind.RAW)
    public int rawTextParameter(Blackhole blackhole) throws SQLException {
        rawText.setString(1, new PGvector(nextQuery()).getValue());
        return readIds(rawText, blackhole);
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "JDBC, binary parameter: `VectorValues.toParameter` (`PgVectorTypes.register`)",
            kind = PathKind.LIBRARY)
    public int vectorCoreBinaryParameter(Blackhole blackhole) throws SQLException {
        vectorCoreBinary.setObject(1, VectorValues.toParameter(VectorType.VECTOR, nextQuery()));
        return readIds(vectorCoreBinary, blackhole);
    }

    private int readIds(PreparedStatement query, Blackhole blackhole) throws SQLException {
        int rows = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                blackhole.consume(rs.getLong(1));
                rows++;
            }
        }
        return checkFull(rows);
    }
}
