package io.github.vectororm.benchmarks.stores;

import io.github.vectororm.core.SearchSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A compared store whose API takes search settings per query (vector-orm's two stores): the comparison searches it at
 * several operating points ({@code hnsw.ef_search} values, exact mode) to judge the search target at equal recall.
 *
 * @since 0.1.0
 */
interface TunableStore extends ComparedStore {

    /**
     * One plain top-k search through the store's own API with the given per-query settings.
     *
     * @param query the query's position in the corpus
     * @param k how many documents
     * @param settings the settings the store applies to this search
     * @return the ids found, nearest first
     */
    List<String> search(int query, int k, SearchSettings settings);

    /**
     * EXPLAIN of the statement {@link #search(int, int, SearchSettings)} runs, with those settings applied.
     *
     * @param connection a connection to the store's database (autocommit off)
     * @param query the query's position
     * @param k how many documents
     * @param settings the settings
     * @return EXPLAIN's text
     * @throws SQLException if EXPLAIN fails
     */
    String explain(Connection connection, int query, int k, SearchSettings settings) throws SQLException;
}
