package io.github.vectororm.jooq;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.RecallAdvisor;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.jooq.internal.PostgresDialects;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.postgresql.util.PGobject;

/**
 * vector-core's advanced searches as jOOQ queries: {@link HybridSearch} and {@link TwoStageSearch} become
 * {@link ResultQuery ResultQueries} with their values bound, ready to fetch, join or map into records, and the
 * {@link RecallAdvisor} runs on the context's connection.
 *
 * <pre>{@code
 * Result<Record> hits = VectorSearches.hybrid(dsl, search, embedding, "ocean sharks", 10, null).fetch();
 * Long first = hits.get(0).get("id", Long.class);
 * Result<Record> nearest = VectorSearches.fetchTwoStage(dsl, twoStage, embedding, 10, null, SearchSettings.none());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class VectorSearches {

    private VectorSearches() {
    }

    /**
     * Hybrid search. Columns: {@code id}, {@code fused_score}, {@code vector_rank}, {@code text_rank},
     * {@code distance}, {@code text_score}; best first.
     *
     * @param dsl a PostgreSQL context
     * @param search the search
     * @param vector the query embedding
     * @param text the query text
     * @param limit how many rows
     * @param filter an optional condition, or {@code null}
     * @return the query
     */
    public static ResultQuery<Record> hybrid(DSLContext dsl, HybridSearch search, Object vector, String text, int limit,
            Filter filter) {
        return query(dsl, search.query(vector, text, limit, filter));
    }

    /**
     * Two-stage search as a query to compose or fetch. Columns: {@code id}, {@code distance}; nearest first. An HNSW
     * scan returns at most {@code hnsw.ef_search} rows (40 by default), so run it where the search's settings hold,
     * {@code VectorTransactions.withSettings(dsl, search.settings(), tx -> twoStage(tx.dsl(), ...).fetch())}, or
     * use {@link #fetchTwoStage}, which does that; otherwise a shortlist over 40 is cut to 40.
     *
     * @param dsl a PostgreSQL context
     * @param search the search
     * @param vector the query embedding
     * @param k how many rows
     * @param filter an optional condition, or {@code null}
     * @return the query
     * @since 0.1.0
     */
    public static ResultQuery<Record> twoStage(DSLContext dsl, TwoStageSearch search, Object vector, int k, Filter filter) {
        return query(dsl, search.query(vector, k, filter));
    }

    /**
     * Runs a two-stage search in a transaction of its own (a savepoint inside an enclosing jOOQ transaction) with the
     * caller's settings merged with the ones the shortlist needs ({@link TwoStageSearch#applyLocal}:
     * {@code hnsw.ef_search} at least the shortlist size, a larger one of the caller's kept). Columns: {@code id},
     * {@code distance}; nearest first.
     *
     * @param dsl a PostgreSQL context
     * @param search the search
     * @param vector the query embedding
     * @param k how many rows
     * @param filter an optional condition, or {@code null}
     * @param settings the caller's settings (an iterative scan for a selective filter, say), or {@link SearchSettings#none()}
     * @return the rows
     * @since 0.1.0
     */
    public static Result<Record> fetchTwoStage(DSLContext dsl, TwoStageSearch search, Object vector, int k, Filter filter,
            SearchSettings settings) {
        Objects.requireNonNull(settings, "settings");
        SqlQuery query = search.query(vector, k, filter);
        PostgresDialects.require(dsl, "vector search");
        return VectorTransactions.withSettings(dsl, connection -> search.applyLocal(connection, settings),
                configuration -> query(configuration.dsl(), query).fetch());
    }

    /**
     * Measures recall against latency on the context's connection.
     *
     * @param dsl a PostgreSQL context
     * @param advisor the configured advisor
     * @return the report
     */
    public static RecallAdvisor.RecallReport recall(DSLContext dsl, RecallAdvisor advisor) {
        PostgresDialects.require(dsl, "recall measurement");
        return dsl.connectionResult(advisor::measure);
    }

    /** Vectors come as pgjdbc objects: bind them through this module's binding for their pgvector type. */
    @SuppressWarnings("unchecked")
    private static Object param(Object value) {
        if (value instanceof PGobject object) {
            VectorType type = VectorType.fromSqlName(object.getType()).orElseThrow(
                    () -> new IllegalArgumentException("not a pgvector value: " + object.getType()));
            return DSL.val(value, VectorDataTypes.of(type, 0, (Class<Object>) value.getClass()));
        }
        return DSL.val(value);
    }

    private static ResultQuery<Record> query(DSLContext dsl, SqlQuery query) {
        PostgresDialects.require(dsl, "vector search");
        Object[] values = query.parameters().stream().map(VectorSearches::param).toArray();
        return dsl.resultQuery(query.sql().replace("{", "{{").replace("}", "}}"), values);
    }
}
