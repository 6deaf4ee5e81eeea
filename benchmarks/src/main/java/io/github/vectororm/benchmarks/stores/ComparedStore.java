package io.github.vectororm.benchmarks.stores;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One store of the comparison on its own table: the adds, the index built after them, the searches, and the
 * statement each search runs (for EXPLAIN).
 *
 * @since 0.1.0
 */
interface ComparedStore {

    /** @return what the store is, for the report */
    String label();

    /** @return whether this is one of vector-orm's stores (otherwise a framework's own store) */
    boolean vectorOrm();

    /** @return how the store is configured and builds its index, for the report's method text */
    String configuration();

    /**
     * Adds documents {@code from} (inclusive) to {@code to} (exclusive) of the corpus with one call of the store's add.
     *
     * @param from the first document
     * @param to after the last document
     */
    void add(int from, int to);

    /**
     * Writes documents {@code from} to {@code to} into the table untimed, in the rows the store's add writes: the rest
     * of the collection after the timed sample (vector-orm's stores through their own add, the peers by a COPY of the
     * same row format).
     *
     * @param from the first document
     * @param to after the last document
     * @throws SQLException if writing fails
     */
    void fill(int from, int to) throws SQLException;

    /**
     * Builds the store's vector index the way the store creates it, after the load.
     *
     * @throws RuntimeException if the store (or pgvector) refuses, with the server's message
     */
    void buildIndex();

    /**
     * One top-k search through the store's own API, with its best available settings for the job.
     *
     * @param query the query's position in the corpus
     * @param k how many documents
     * @param filtered whether to keep only documents whose metadata value is {@link StoreCorpus#FILTER_VALUE}
     * @return the ids found, nearest first
     */
    List<String> search(int query, int k, boolean filtered);

    /**
     * EXPLAIN of the statement {@link #search} runs, on a connection of the store's pool with the settings the search
     * applies.
     *
     * @param connection a connection to the store's database (autocommit off)
     * @param query the query's position
     * @param k how many documents
     * @param filtered whether filtered
     * @return EXPLAIN's text
     * @throws SQLException if EXPLAIN fails
     */
    String explain(Connection connection, int query, int k, boolean filtered) throws SQLException;

    /** @return the table's name, schema-qualified */
    String table();
}
