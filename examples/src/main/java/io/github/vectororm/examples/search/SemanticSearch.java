package io.github.vectororm.examples.search;

import java.sql.SQLException;
import java.util.List;

/**
 * k-nearest-neighbor search over the {@code documents} table by cosine distance.
 *
 * <p>{@link JdbcSemanticSearch} does it with plain JDBC and vector-core. The Hibernate, jOOQ and Spring
 * Data variants implement this same interface in classes of their own, so {@link SemanticSearchExample}
 * and its test can run each of them against the same data and compare the answers.
 */
public interface SemanticSearch {

    /**
     * The {@code k} documents nearest to a query embedding.
     *
     * @param query the query's embedding
     * @param k how many
     * @return the hits, nearest first
     * @throws SQLException on a database error
     */
    List<SearchHit> nearest(float[] query, int k) throws SQLException;
}
