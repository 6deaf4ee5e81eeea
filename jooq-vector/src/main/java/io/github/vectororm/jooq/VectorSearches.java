package io.github.vectororm.jooq;

import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.RecallAdvisor;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.jooq.internal.PostgresDialects;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;

/**
 * vector-core's advanced searches as jOOQ queries: {@link HybridSearch} and {@link TwoStageSearch} become
 * {@link ResultQuery ResultQueries} with their values bound, ready to fetch, join or map into records, and the
 * {@link RecallAdvisor} runs on the context's connection.
 *
 * <pre>{@code
 * Result<Record> hits = VectorSearches.hybrid(dsl, search, embedding, "ocean sharks", 10, null).fetch();
 * Long first = hits.get(0).get("id", Long.class);
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
     * Two-stage search. Columns: {@code id}, {@code distance}; nearest first.
     *
     * @param dsl a PostgreSQL context
     * @param search the search
     * @param vector the query embedding
     * @param k how many rows
     * @param filter an optional condition, or {@code null}
     * @return the query
     */
    public static ResultQuery<Record> twoStage(DSLContext dsl, TwoStageSearch search, Object vector, int k, Filter filter) {
        return query(dsl, search.query(vector, k, filter));
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

    private static ResultQuery<Record> query(DSLContext dsl, SqlQuery query) {
        PostgresDialects.require(dsl, "vector search");
        return dsl.resultQuery(query.sql().replace("{", "{{").replace("}", "}}"), query.parameters().toArray());
    }
}
