package io.github.vectororm.examples.recommend;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.search.SearchHit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PGobject;

/**
 * "More like this": the documents nearest to one document of the table, the document itself excluded.
 *
 * <p>Two statements: read the item's embedding, then bind it to {@code ORDER BY embedding <=> ? LIMIT ?}.
 * Ordering by a sub-select instead ({@code <=> (SELECT embedding ...)}) also works, but binding the value
 * keeps the exact shape the HNSW index serves.
 */
public final class MoreLikeThis {

    private static final String ITEM_SQL = "SELECT id, embedding FROM " + CorpusTable.TABLE
            + " WHERE package = ? AND type_name = ?";
    private static final String SIMILAR_SQL = "SELECT id, package || '.' || type_name AS qualified_name, text,"
            + " embedding " + Metric.COSINE.operator() + " ? AS distance"
            + " FROM " + CorpusTable.TABLE + " WHERE id <> ?"
            + " ORDER BY embedding " + Metric.COSINE.operator() + " ? LIMIT ?";

    private final Connection connection;

    /** @param connection an open connection to the database holding the {@code documents} table */
    public MoreLikeThis(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param qualifiedName a type, e.g. {@code java.util.ArrayList}
     * @param k how many recommendations
     * @return the {@code k} nearest other documents, nearest first; empty if the type is not in the table
     * @throws SQLException on a database error
     */
    public Optional<List<SearchHit>> recommend(String qualifiedName, int k) throws SQLException {
        int dot = qualifiedName.lastIndexOf('.');
        try (PreparedStatement item = connection.prepareStatement(ITEM_SQL)) {
            item.setString(1, qualifiedName.substring(0, dot));
            item.setString(2, qualifiedName.substring(dot + 1));
            try (ResultSet rs = item.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int id = rs.getInt("id");
                float[] embedding = VectorValues.fromResult(VectorType.VECTOR, rs.getObject("embedding"), float[].class);
                return Optional.of(similar(id, embedding, k));
            }
        }
    }

    private List<SearchHit> similar(int excludedId, float[] embedding, int k) throws SQLException {
        List<SearchHit> hits = new ArrayList<>(k);
        try (PreparedStatement statement = connection.prepareStatement(SIMILAR_SQL)) {
            PGobject vector = VectorValues.toParameter(VectorType.VECTOR, embedding);
            statement.setObject(1, vector);
            statement.setInt(2, excludedId);
            statement.setObject(3, vector);
            statement.setInt(4, k);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    hits.add(SearchHit.read(rs));
                }
            }
        }
        return hits;
    }
}
