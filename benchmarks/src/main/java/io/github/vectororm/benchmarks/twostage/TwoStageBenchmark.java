package io.github.vectororm.benchmarks.twostage;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Latency of top-10 search on the {@link TwoStageDataset}: the plain HNSW index against vector-core's
 * {@link io.github.vectororm.core.search.TwoStageSearch} with a binary-quantized or halfvec shortlist. Each path
 * has its own connection ({@link TwoStagePath#connect}), prepares its statement per invocation (pgjdbc's statement
 * cache keeps the server-side one) and reads ids and distances; recall is measured apart, by {@link TwoStageRecall}.
 *
 * @since 0.1.0
 */
@InSuite(Suite.TWO_STAGE)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 1, time = 3)
@Fork(1)
public class TwoStageBenchmark {

    /** Distinct probes cycled through. */
    public static final int QUERY_VECTORS = 1000;

    /** Rows in the table. */
    @Param("30000")
    public int twoStageRows;

    /** Dimensions of each vector (the k-NN suite's). */
    @Param("768")
    public int knnDimensions;

    private TwoStageDataset dataset;
    private float[][] probes;
    private int next;
    private final Map<TwoStagePath, Connection> connections = new EnumMap<>(TwoStagePath.class);

    /**
     * Builds or reuses the table and opens every path's connection.
     *
     * @throws SQLException if the database refuses
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchmarkDatabase database = BenchmarkDatabase.fromEnvironment();
        dataset = TwoStageDataset.prepare(database, twoStageRows, knnDimensions);
        probes = dataset.queries(QUERY_VECTORS);
        for (TwoStagePath path : TwoStagePath.values()) {
            connections.put(path, path.connect(database.jdbcUrl()));
        }
    }

    /**
     * Closes the connections.
     *
     * @throws SQLException if closing fails
     */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        for (Connection connection : connections.values()) {
            connection.close();
        }
    }

    private int run(TwoStagePath path, Blackhole blackhole) throws SQLException {
        float[] probe = probes[next];
        next = (next + 1) % probes.length;
        int rows = 0;
        try (PreparedStatement statement = path.query(dataset, probe).prepare(connections.get(path));
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                blackhole.consume(rs.getLong(1));
                blackhole.consume(rs.getDouble(2));
                rows++;
            }
        }
        if (rows != TwoStageDataset.K) {
            throw new IllegalStateException(path + " returned " + rows + " rows, expected " + TwoStageDataset.K);
        }
        return rows;
    }

    /**
     * @param blackhole consumes ids and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "plain HNSW (`vector_cosine_ops`), `hnsw.ef_search = 40`: `SELECT id, embedding <=> ? AS distance"
            + " ... ORDER BY 2 LIMIT 10`, `PGvector` parameter", kind = PathKind.RAW_BASELINE)
    public int plainHnsw(Blackhole blackhole) throws SQLException {
        return run(TwoStagePath.PLAIN_HNSW, blackhole);
    }

    /**
     * @param blackhole consumes ids and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "plain HNSW, `hnsw.ef_search = 100`: the same query searched wider", kind = PathKind.RAW)
    public int plainHnswEfSearch100(Blackhole blackhole) throws SQLException {
        return run(TwoStagePath.PLAIN_HNSW_EF_SEARCH_100, blackhole);
    }

    /**
     * @param blackhole consumes ids and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "`TwoStageSearch`: `binary_quantize` Hamming HNSW shortlist of 40 (`ef_search = 40`, as"
            + " `settings()` applies), exact cosine re-rank", kind = PathKind.LIBRARY)
    public int binaryQuantized40(Blackhole blackhole) throws SQLException {
        return run(TwoStagePath.BINARY_QUANTIZED_40, blackhole);
    }

    /**
     * @param blackhole consumes ids and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "`TwoStageSearch`: `binary_quantize` Hamming HNSW shortlist of 100 (`ef_search = 100`, as"
            + " `settings()` applies), exact cosine re-rank", kind = PathKind.LIBRARY)
    public int binaryQuantized100(Blackhole blackhole) throws SQLException {
        return run(TwoStagePath.BINARY_QUANTIZED_100, blackhole);
    }

    /**
     * @param blackhole consumes ids and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "`TwoStageSearch`: `binary_quantize` Hamming HNSW shortlist of 200 (`ef_search = 200`, as"
            + " `settings()` applies), exact cosine re-rank", kind = PathKind.LIBRARY)
    public int binaryQuantized200(Blackhole blackhole) throws SQLException {
        return run(TwoStagePath.BINARY_QUANTIZED_200, blackhole);
    }

    /**
     * @param blackhole consumes ids and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "`TwoStageSearch`: `halfvec` cosine HNSW shortlist of 40 (`ef_search = 40`, as `settings()`"
            + " applies), exact cosine re-rank", kind = PathKind.LIBRARY)
    public int halfvec40(Blackhole blackhole) throws SQLException {
        return run(TwoStagePath.HALFVEC_40, blackhole);
    }
}
