package io.github.vectororm.examples.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.SearchTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postgresql.util.PGobject;

/**
 * {@link SemanticSearch} with plain JDBC and vector-core: the query the HNSW index serves,
 * {@code ORDER BY embedding <=> ? LIMIT ?}, with the distance computed in the select list and the
 * search settings applied to the query's own transaction.
 */
public final class JdbcSemanticSearch implements SemanticSearch {

    private static final String NEAREST_SQL = "SELECT id, package || '.' || type_name AS qualified_name, text,"
            + " embedding " + Metric.COSINE.operator() + " ? AS distance"
            + " FROM " + CorpusTable.TABLE
            + " ORDER BY embedding " + Metric.COSINE.operator() + " ? LIMIT ?";

    private final ExampleDatabase database;
    private final SearchSettings settings;

    /**
     * @param database the database holding the {@code documents} table
     * @param settings search settings for every query, e.g. {@code hnsw.ef_search}; {@link SearchSettings#none()} for the server's
     */
    public JdbcSemanticSearch(ExampleDatabase database, SearchSettings settings) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<SearchHit> nearest(float[] query, int k) throws SQLException {
        try (Connection connection = database.connect()) {
            return nearest(connection, settings, false, query, k);
        }
    }

    /**
     * Runs one search on an open connection, in a transaction of its own (the settings last only for it).
     *
     * @param connection an open connection, in auto-commit mode
     * @param settings the search settings for this query
     * @param indexOnly whether to forbid a sequential scan, to search through the index even on a small table
     * @param query the query's embedding
     * @param k how many
     * @return the hits, nearest first
     * @throws SQLException on a database error
     */
    public static List<SearchHit> nearest(Connection connection, SearchSettings settings, boolean indexOnly, float[] query,
            int k) throws SQLException {
        return SearchTransaction.run(connection, settings, indexOnly, () -> {
            List<SearchHit> hits = new ArrayList<>(k);
            try (PreparedStatement statement = connection.prepareStatement(NEAREST_SQL)) {
                PGobject vector = VectorValues.toParameter(VectorType.VECTOR, query);
                statement.setObject(1, vector);
                statement.setObject(2, vector);
                statement.setInt(3, k);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        hits.add(SearchHit.read(rs));
                    }
                }
            }
            return hits;
        });
    }
}
