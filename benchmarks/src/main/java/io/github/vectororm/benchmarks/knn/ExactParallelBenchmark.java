package io.github.vectororm.benchmarks.knn;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Exact top-10 over the k-NN table (a sequential scan, no index) at 0, 1 and 2 parallel workers, through vector-core's
 * {@link SettingsPipeline} with {@link SearchSettings.Builder#parallelWorkers(int)}, against raw JDBC at 0 workers; and
 * {@link #plans} for the report: what {@code EXPLAIN (ANALYZE)} shows of each setting.
 *
 * @since 0.1.0
 */
@InSuite(Suite.KNN_EXACT_PARALLEL)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 1, time = 2)
public class ExactParallelBenchmark extends KnnBenchmark {

    /** The worker counts measured. */
    public static final List<Integer> WORKERS = List.of(0, 1, 2);

    private Connection raw;
    private Connection vectorCore;
    private PreparedStatement rawExact;
    private String idsSql;

    /**
     * The exact search with some parallel workers.
     *
     * @param workers {@code max_parallel_workers_per_gather}
     * @return the settings
     */
    public static SearchSettings exact(int workers) {
        return SearchSettings.builder().exact(true).parallelWorkers(workers).build();
    }

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) throws SQLException {
        idsSql = idsSql(dataset);
        raw = database.connect();
        PGvector.registerTypes(raw);
        rawExact = raw.prepareStatement("SELECT set_config('enable_indexscan', 'off', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true); " + idsSql);
        vectorCore = database.connect();
        PgVectorTypes.register(vectorCore);
    }

    private static String idsSql(KnnDataset dataset) {
        return "SELECT id FROM " + dataset.table() + " ORDER BY embedding <=> ? LIMIT " + KnnDataset.K;
    }

    @Override
    protected void close() throws SQLException {
        for (Connection connection : new Connection[] {raw, vectorCore}) {
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
    @Compared(value = "raw JDBC, exact, 0 workers: `set_config('enable_indexscan', 'off', true),"
            + " set_config('max_parallel_workers_per_gather', '0', true)` and the query as one statement",
            kind = PathKind.RAW_BASELINE)
    public int rawExactNoWorkers(Blackhole blackhole) throws SQLException {
        rawExact.setObject(1, new PGvector(nextQuery()));
        rawExact.execute();
        rawExact.getMoreResults();
        return read(rawExact.getResultSet(), blackhole);
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "vector-core, `SearchSettings.exact(true).parallelWorkers(0)`", kind = PathKind.LIBRARY)
    public int exactWorkers0(Blackhole blackhole) throws SQLException {
        return exact(0, blackhole);
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "vector-core, `SearchSettings.exact(true).parallelWorkers(1)`", kind = PathKind.LIBRARY)
    public int exactWorkers1(Blackhole blackhole) throws SQLException {
        return exact(1, blackhole);
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "vector-core, `SearchSettings.exact(true).parallelWorkers(2)`", kind = PathKind.LIBRARY)
    public int exactWorkers2(Blackhole blackhole) throws SQLException {
        return exact(2, blackhole);
    }

    private int exact(int workers, Blackhole blackhole) throws SQLException {
        SqlQuery query = new SqlQuery(idsSql, List.of(VectorValues.toParameter(VectorType.VECTOR, nextQuery())));
        return SettingsPipeline.execute(vectorCore, exact(workers), query, rs -> read(rs, blackhole));
    }

    private int read(ResultSet resultSet, Blackhole blackhole) throws SQLException {
        int rows = 0;
        try (ResultSet rs = resultSet) {
            while (rs.next()) {
                blackhole.consume(rs.getLong(1));
                rows++;
            }
        }
        return checkFull(rows);
    }

    /**
     * What {@code EXPLAIN (ANALYZE)} shows of the exact search at each worker count, with the settings applied as the
     * benchmark applies them; run once, outside the timing.
     *
     * @param database the database
     * @param rows rows of the k-NN table
     * @param dimensions its dimensions
     * @return per worker count, the plan's node lines (Gather, workers planned and launched, the scan), trimmed
     * @throws SQLException if EXPLAIN fails
     */
    public static Map<Integer, String> plans(BenchmarkDatabase database, int rows, int dimensions) throws SQLException {
        KnnDataset dataset = KnnDataset.prepare(database, rows, dimensions);
        Map<Integer, String> plans = new LinkedHashMap<>();
        try (Connection connection = database.connect()) {
            PgVectorTypes.register(connection);
            Object probe = VectorValues.toParameter(VectorType.VECTOR, dataset.queries(1)[0]);
            for (int workers : WORKERS) {
                SqlQuery explain = new SqlQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + idsSql(dataset),
                        List.of(probe));
                plans.put(workers, SettingsPipeline.execute(connection, exact(workers), explain, rs -> {
                    StringBuilder plan = new StringBuilder();
                    while (rs.next()) {
                        String line = rs.getString(1).strip().replaceFirst("^->\\s*", "");
                        if (!line.startsWith("Sort Key") && !line.startsWith("Sort Method")
                                && !line.startsWith("Worker ") && !line.startsWith("Planning")) {
                            plan.append(plan.isEmpty() ? "" : "; ").append(line);
                        }
                    }
                    return plan.toString();
                }));
            }
        }
        return plans;
    }
}
