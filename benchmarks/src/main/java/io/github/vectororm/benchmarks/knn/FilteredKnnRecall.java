package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Counts, not timings: how many filtered top-10 queries ({@code WHERE category = 3}, 10 % of the rows) return
 * all 10 rows, and which plan served them.
 *
 * <p>Three settings: the planner's own choice; the HNSW index forced ({@code enable_seqscan = off}) at default
 * search settings; and the index forced with {@code hnsw.iterative_scan = relaxed_order} applied through
 * {@link SearchSettings}. HNSW keeps {@code hnsw.ef_search} (40) candidates and filters afterwards, so without
 * an iterative scan about 4 of them survive a 10 % filter. The index has to be forced because at benchmark
 * sizes PostgreSQL prefers an exact sequential scan for this query (the vectors are TOASTed out of line, so
 * the heap looks cheap to scan); on tables large enough for the planner to pick HNSW, the forced rows are what
 * users get.
 *
 * @since 0.1.0
 */
public final class FilteredKnnRecall {

    private FilteredKnnRecall() {
    }

    /**
     * The count for one setting.
     *
     * @param settings what was applied
     * @param plan how PostgreSQL executed the query
     * @param queries queries run
     * @param fullResults queries that returned all k rows
     * @param rowsReturned rows returned by all queries together
     */
    public record Count(String settings, String plan, int queries, int fullResults, long rowsReturned) {

        /** @return the share of queries that returned all k rows, 0..1 */
        public double fullShare() {
            return queries == 0 ? 0 : (double) fullResults / queries;
        }

        /** @return rows returned per query on average */
        public double meanRows() {
            return queries == 0 ? 0 : (double) rowsReturned / queries;
        }
    }

    /**
     * Runs the filtered query for each setting.
     *
     * @param database the database
     * @param rows rows of the k-NN table
     * @param dimensions its vector dimensions
     * @param queries how many query vectors to run per setting
     * @return one count per setting: planner's choice, HNSW forced, HNSW forced with relaxed-order iterative scan
     * @throws SQLException if a query fails
     */
    public static List<Count> measure(BenchmarkDatabase database, int rows, int dimensions, int queries)
            throws SQLException {
        KnnDataset dataset = KnnDataset.prepare(database, rows, dimensions);
        float[][] vectors = dataset.queries(queries);
        return List.of(
                count(database, dataset, vectors, "planner's choice, default settings", false, SearchSettings.none()),
                count(database, dataset, vectors, "HNSW forced (`enable_seqscan = off`), `hnsw.ef_search = 40`, "
                        + "no iterative scan", true, SearchSettings.none()),
                count(database, dataset, vectors, "HNSW forced, "
                        + "`SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER)`", true,
                        SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build()));
    }

    /**
     * Runs the queries of one setting on a connection of its own: pgjdbc reuses a server-prepared statement for
     * the same SQL on a connection, and PostgreSQL keeps its cached generic plan when a planner setting such as
     * {@code enable_seqscan} changes, so a shared connection would run every setting on the first one's plan.
     */
    private static Count count(BenchmarkDatabase database, KnnDataset dataset, float[][] vectors, String label,
            boolean forceIndex, SearchSettings settings) throws SQLException {
        try (Connection connection = database.connect()) {
            PgVectorTypes.register(connection);
            connection.setAutoCommit(false); // search settings are transaction-scoped
            return count(connection, dataset, vectors, label, forceIndex, settings);
        }
    }

    private static Count count(Connection connection, KnnDataset dataset, float[][] vectors, String label,
            boolean forceIndex, SearchSettings settings) throws SQLException {
        String sql = "SELECT id FROM " + dataset.table() + " WHERE category = " + KnnDataset.FILTER_CATEGORY
                + " ORDER BY embedding <=> %s LIMIT " + KnnDataset.K;
        applySettings(connection, forceIndex, settings);
        String explained = dataset.plan(connection, sql);
        connection.commit();
        boolean hnsw = dataset.usesIndex(explained);
        if (forceIndex && !hnsw) {
            throw new IllegalStateException(
                    "enable_seqscan = off did not make PostgreSQL use the HNSW index:\n" + explained);
        }
        int full = 0;
        long returned = 0;
        try (PreparedStatement query = connection.prepareStatement(sql.formatted("?"))) {
            for (float[] vector : vectors) {
                applySettings(connection, forceIndex, settings);
                query.setObject(1, VectorValues.toParameter(VectorType.VECTOR, vector));
                int rows = 0;
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                connection.commit();
                returned += rows;
                if (rows == KnnDataset.K) {
                    full++;
                }
            }
        }
        return new Count(label, hnsw ? "HNSW index scan" : "sequential scan + sort (exact)", vectors.length, full,
                returned);
    }

    /** Applies the settings for the current transaction only. */
    private static void applySettings(Connection connection, boolean forceIndex, SearchSettings settings)
            throws SQLException {
        if (forceIndex) {
            try (Statement statement = connection.createStatement()) {
                // the forced plan's huge seq-scan cost would also trigger JIT compilation of every query
                statement.execute("SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)");
            }
        }
        settings.applyLocal(connection);
    }
}
