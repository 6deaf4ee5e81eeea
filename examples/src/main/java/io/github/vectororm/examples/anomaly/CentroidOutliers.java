package io.github.vectororm.examples.anomaly;

import io.github.vectororm.core.Metric;
import io.github.vectororm.examples.search.CorpusTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the members of a group that fit it worst: the documents of one package farthest (by cosine
 * distance) from the package's average embedding, computed by pgvector's {@code avg(vector)} aggregate.
 *
 * <p>The ordering is descending (farthest first), which no vector index serves; none is needed, as the
 * {@code WHERE package = ?} filter leaves a group of tens of rows.
 */
public final class CentroidOutliers {

    private static final String OUTLIERS_SQL = "WITH centroid AS ("
            + " SELECT avg(embedding) AS embedding, count(*) AS members FROM " + CorpusTable.TABLE + " WHERE package = ?)"
            + " SELECT d.package || '.' || d.type_name AS qualified_name, d.text, centroid.members,"
            + " d.embedding " + Metric.COSINE.operator() + " centroid.embedding AS distance"
            + " FROM " + CorpusTable.TABLE + " d, centroid WHERE d.package = ?"
            + " ORDER BY distance DESC LIMIT ?";

    /**
     * A document and how far it lies from its group's centroid.
     *
     * @param qualifiedName the type
     * @param text its javadoc sentence
     * @param groupSize how many documents the group has
     * @param distance cosine distance to the group's average embedding
     */
    public record Outlier(String qualifiedName, String text, long groupSize, double distance) {
    }

    private final Connection connection;

    /** @param connection an open connection to the database holding the {@code documents} table */
    public CentroidOutliers(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param packageName the group
     * @param k how many outliers
     * @return the {@code k} members farthest from the group's centroid, farthest first
     * @throws SQLException on a database error
     */
    public List<Outlier> farthest(String packageName, int k) throws SQLException {
        List<Outlier> outliers = new ArrayList<>(k);
        try (PreparedStatement statement = connection.prepareStatement(OUTLIERS_SQL)) {
            statement.setString(1, packageName);
            statement.setString(2, packageName);
            statement.setInt(3, k);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    outliers.add(new Outlier(rs.getString("qualified_name"), rs.getString("text"), rs.getLong("members"),
                            rs.getDouble("distance")));
                }
            }
        }
        return outliers;
    }
}
