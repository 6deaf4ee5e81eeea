package io.github.vectororm.examples.recall;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.search.SearchHit;
import io.github.vectororm.examples.support.ExampleDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The true nearest neighbors of each query, by a brute-force scan in Java with vector-core's
 * {@link Metric#distance(float[], float[])} oracle, and the recall of a search measured against them.
 *
 * <p>Recall counts a returned row as correct when its distance is within the true k-th distance (plus a
 * float rounding margin), so rows tied at the boundary count whichever of them a search returns.
 */
final class GroundTruth {

    private static final double TIE_MARGIN = 1e-6;

    private final Map<Integer, float[]> embeddings;
    private final List<float[]> queries;
    private final double[] kthDistance;
    private final int k;

    private GroundTruth(Map<Integer, float[]> embeddings, List<float[]> queries, int k) {
        this.embeddings = embeddings;
        this.queries = queries;
        this.k = k;
        this.kthDistance = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            float[] query = queries.get(q);
            double[] distances = embeddings.values().stream().mapToDouble(e -> Metric.COSINE.distance(query, e)).sorted().toArray();
            kthDistance[q] = distances[Math.min(k, distances.length) - 1];
        }
    }

    static GroundTruth of(ExampleDatabase database, List<float[]> queries, int k) throws SQLException {
        Map<Integer, float[]> embeddings = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, embedding FROM " + CorpusTable.TABLE)) {
            while (rs.next()) {
                embeddings.put(rs.getInt(1), VectorValues.fromResult(VectorType.VECTOR, rs.getObject(2), float[].class));
            }
        }
        return new GroundTruth(embeddings, queries, k);
    }

    /**
     * @param results each query's hits, in query order
     * @return the mean over the queries of (correct hits / k)
     */
    double meanRecall(List<List<SearchHit>> results) {
        double sum = 0;
        for (int q = 0; q < queries.size(); q++) {
            float[] query = queries.get(q);
            double limit = kthDistance[q] + TIE_MARGIN;
            long correct = results.get(q).stream()
                    .filter(hit -> Metric.COSINE.distance(query, embeddings.get(hit.id())) <= limit)
                    .count();
            sum += (double) correct / Math.min(k, embeddings.size());
        }
        return sum / queries.size();
    }
}
