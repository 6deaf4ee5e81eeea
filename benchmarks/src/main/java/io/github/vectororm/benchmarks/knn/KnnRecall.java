package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What the k-NN latency buys: recall@10 of the benchmarked query ({@code SELECT id FROM t ORDER BY embedding <=> ?
 * LIMIT 10} on the HNSW index at default settings, {@code hnsw.ef_search} = 40) against an exact scan
 * ({@code SearchSettings.exact(true)}), over the first query vectors of the set the benchmark rotates through.
 * Computed once per run. Before counting it checks with EXPLAIN that the approximate query scans the index and the
 * exact one does not.
 *
 * @since 0.1.0
 */
public final class KnnRecall {

    private KnnRecall() {
    }

    /**
     * The count.
     *
     * @param queries query vectors counted
     * @param recall mean recall@10
     * @param minRecall the worst query's recall@10
     */
    public record Report(int queries, double recall, double minRecall) {
    }

    /**
     * Counts.
     *
     * @param database the database
     * @param rows rows of the k-NN table
     * @param dimensions its dimensions
     * @param queries how many of the benchmark's query vectors
     * @return the recall
     * @throws SQLException if a query fails
     */
    public static Report measure(BenchmarkDatabase database, int rows, int dimensions, int queries) throws SQLException {
        KnnDataset dataset = KnnDataset.prepare(database, rows, dimensions);
        float[][] vectors = dataset.queries(queries);
        String template = "SELECT id FROM " + dataset.table() + " ORDER BY embedding <=> %s LIMIT " + KnnDataset.K;
        SearchSettings exactMode = SearchSettings.builder().exact(true).build();
        try (Connection approximate = database.connect(); Connection exact = database.connect()) {
            PgVectorTypes.register(approximate);
            PgVectorTypes.register(exact);
            exact.setAutoCommit(false); // exact mode is transaction-scoped
            if (!dataset.usesIndex(dataset.plan(approximate, template))) {
                throw new IllegalStateException("the k-NN query does not scan " + dataset.index().name());
            }
            exactMode.applyLocal(exact);
            String exactPlan = dataset.plan(exact, template);
            exact.commit();
            if (dataset.usesIndex(exactPlan)) {
                throw new IllegalStateException("the exact query scans the index:\n" + exactPlan);
            }
            double[] recalls = new double[queries];
            try (PreparedStatement approximateQuery = approximate.prepareStatement(template.formatted("?"));
                    PreparedStatement exactQuery = exact.prepareStatement(template.formatted("?"))) {
                for (int i = 0; i < queries; i++) {
                    Object probe = VectorValues.toParameter(VectorType.VECTOR, vectors[i]);
                    exactMode.applyLocal(exact);
                    Set<Long> truth = ids(exactQuery, probe);
                    exact.commit();
                    Set<Long> found = ids(approximateQuery, probe);
                    recalls[i] = found.stream().filter(truth::contains).count() / (double) KnnDataset.K;
                }
            }
            return new Report(queries, Arrays.stream(recalls).average().orElse(Double.NaN),
                    Arrays.stream(recalls).min().orElse(Double.NaN));
        }
    }

    private static Set<Long> ids(PreparedStatement query, Object probe) throws SQLException {
        query.setObject(1, probe);
        Set<Long> ids = new HashSet<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
