package io.github.vectororm.benchmarks.twostage;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.SqlQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recall@10 of every {@link TwoStagePath} against an exact scan, in the same run and on the same table as the
 * latency benchmark: for each probe, the true top 10 by cosine distance from a sequential scan
 * ({@code SearchSettings.exact(true)}: no index scan), then each path's answer on its own connection. Before
 * counting, it checks with EXPLAIN that each path's (first-stage) ORDER BY scans its index, that the exact query
 * does not, and that each shortlist is as long as declared.
 *
 * @since 0.1.0
 */
public final class TwoStageRecall {

    private TwoStageRecall() {
    }

    /**
     * What the recall count found.
     *
     * @param dataset the table and its indexes
     * @param probes probes counted
     * @param exactMedianMillis median wall time of the exact scan per probe, for context (not a JMH measurement)
     * @param recall mean recall@10 per path
     * @param minRecall the worst probe's recall@10 per path
     */
    public record Report(TwoStageDataset dataset, int probes, double exactMedianMillis, Map<TwoStagePath, Double> recall,
            Map<TwoStagePath, Double> minRecall) {
    }

    /**
     * Counts.
     *
     * @param database the database
     * @param rows rows of the table
     * @param dimensions its dimensions
     * @param probes how many probes
     * @return recall per path
     * @throws SQLException if a query fails
     */
    public static Report measure(BenchmarkDatabase database, int rows, int dimensions, int probes) throws SQLException {
        TwoStageDataset dataset = TwoStageDataset.prepare(database, rows, dimensions);
        float[][] vectors = dataset.queries(probes);
        Map<TwoStagePath, Connection> connections = new EnumMap<>(TwoStagePath.class);
        try (Connection exact = database.connect()) {
            PGvector.registerTypes(exact);
            exact.setAutoCommit(false); // exact mode is transaction-scoped
            for (TwoStagePath path : TwoStagePath.values()) {
                connections.put(path, path.connect(database.jdbcUrl()));
            }
            check(dataset, connections, exact, vectors[0]);
            Map<TwoStagePath, double[]> recalls = new EnumMap<>(TwoStagePath.class);
            for (TwoStagePath path : TwoStagePath.values()) {
                recalls.put(path, new double[probes]);
            }
            double[] exactMillis = new double[probes];
            String exactSql = "SELECT id FROM " + dataset.table() + " ORDER BY embedding <=> ? LIMIT " + TwoStageDataset.K;
            SearchSettings exactMode = SearchSettings.builder().exact(true).build();
            for (int i = 0; i < probes; i++) {
                long started = System.nanoTime();
                exactMode.applyLocal(exact);
                Set<Long> truth = new HashSet<>(ids(exact, new SqlQuery(exactSql, List.of(new PGvector(vectors[i])))));
                exact.commit();
                exactMillis[i] = (System.nanoTime() - started) / 1e6;
                for (TwoStagePath path : TwoStagePath.values()) {
                    List<Long> found = ids(connections.get(path), path.query(dataset, vectors[i]));
                    recalls.get(path)[i] = found.stream().filter(truth::contains).count() / (double) TwoStageDataset.K;
                }
            }
            Map<TwoStagePath, Double> mean = new EnumMap<>(TwoStagePath.class);
            Map<TwoStagePath, Double> min = new EnumMap<>(TwoStagePath.class);
            recalls.forEach((path, values) -> {
                mean.put(path, Arrays.stream(values).average().orElse(Double.NaN));
                min.put(path, Arrays.stream(values).min().orElse(Double.NaN));
            });
            Arrays.sort(exactMillis);
            return new Report(dataset, probes, exactMillis[probes / 2], mean, min);
        } finally {
            for (Connection connection : connections.values()) {
                connection.close();
            }
        }
    }

    /** The plans and the shortlist lengths: a recall number is only worth something if the paths run as declared. */
    private static void check(TwoStageDataset dataset, Map<TwoStagePath, Connection> connections, Connection exact,
            float[] probe) throws SQLException {
        for (TwoStagePath path : TwoStagePath.values()) {
            Connection connection = connections.get(path);
            SqlQuery query = path.query(dataset, probe);
            String plan = TwoStageDataset.explain(connection, query.sql(), query.parameters(), probe);
            if (!TwoStageDataset.planUses(plan, path.index(dataset))) {
                throw new IllegalStateException(path + " does not scan " + path.index(dataset).name() + ":\n" + plan);
            }
            if (!path.raw()) {
                String applied = path.search(dataset).settings().parameters().get("hnsw.ef_search");
                if (!Integer.toString(path.efSearch()).equals(applied)) {
                    throw new IllegalStateException(path + " sets hnsw.ef_search = " + path.efSearch()
                            + ", TwoStageSearch.settings() applies " + applied);
                }
                SqlQuery count = path.shortlistCount(dataset, probe);
                try (PreparedStatement statement = count.prepare(connection); ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    long candidates = rs.getLong(1);
                    if (candidates != Math.min(path.shortlist(), dataset.rows())) {
                        throw new IllegalStateException(path + ": the first stage returned " + candidates
                                + " candidates, declared " + path.shortlist() + " (is hnsw.ef_search below it?)");
                    }
                }
            }
        }
        SearchSettings.builder().exact(true).build().applyLocal(exact);
        String plan = TwoStageDataset.explain(exact, "SELECT id FROM " + dataset.table() + " ORDER BY embedding <=> ? LIMIT "
                + TwoStageDataset.K, List.of(new PGvector(probe)), probe);
        exact.commit();
        if (dataset.indexes().stream().anyMatch(index -> TwoStageDataset.planUses(plan, index.index()))) {
            throw new IllegalStateException("the exact query scans an index:\n" + plan);
        }
    }

    private static List<Long> ids(Connection connection, SqlQuery query) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = query.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
