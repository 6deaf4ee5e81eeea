package io.github.vectororm.spring;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorQueries;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.transaction.annotation.Transactional;

/**
 * A repository fragment for nearest-neighbor search and bulk loading: extend it next to {@code JpaRepository}
 * and Spring Data plugs in vector-orm's implementation (registered in {@code META-INF/spring.factories}).
 *
 * <pre>{@code
 * interface DocRepository extends JpaRepository<Doc, Long>, VectorSearchRepository<Doc> {
 * }
 * List<Nearest<Doc>> hits = docs.findNearest("embedding", Metric.COSINE, probe,
 *         (doc, cb) -> cb.equal(doc.get("category"), 7), Limit.of(10));
 * }</pre>
 * Every search renders {@code ORDER BY <attribute> <operator> ? LIMIT k} with the metric's bare operator, the
 * form an HNSW or IVFFlat index of the same metric serves, and returns each entity with its <em>distance</em>
 * (smaller is nearer; for {@link Metric#INNER_PRODUCT} the negative inner product). The
 * {@code vectororm.search.*} defaults and a {@link VectorSearchSettings} annotation on a redeclared method apply
 * inside the method's transaction.
 *
 * @param <T> the entity type
 * @since 0.1.0
 */
public interface VectorSearchRepository<T> {

    /**
     * The entities nearest to a vector.
     *
     * @param attribute the vector attribute, e.g. {@code "embedding"}
     * @param metric the distance; an index on the attribute must serve the same metric to be used
     * @param vector a {@code float[]}, Spring Data {@code Vector} or pgvector-java value of the attribute's dimension
     * @param limit how many to return, at least one (an ANN index is used only with a limit)
     * @return up to {@code limit} entities, nearest first, each with its distance
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    List<Nearest<T>> findNearest(String attribute, Metric metric, Object vector, Limit limit);

    /**
     * The entities nearest to a vector among those a filter keeps. Set an iterative scan
     * ({@code vectororm.search.iterative-scan} or {@link VectorSearchSettings}) to get the full limit back from a
     * selective filter.
     *
     * @param attribute the vector attribute
     * @param metric the distance
     * @param vector the probe vector
     * @param filter a condition on the entity
     * @param limit how many to return
     * @return up to {@code limit} entities, nearest first, each with its distance
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    List<Nearest<T>> findNearest(String attribute, Metric metric, Object vector, PredicateSpecification<T> filter,
            Limit limit);

    /**
     * One page of the entities nearest to a vector among those a filter keeps: page {@code n} of size {@code s}
     * holds neighbors {@code n*s+1} to {@code (n+1)*s}. A {@link Slice}, not a {@code Page}: counting every row
     * to page through neighbors would defeat the index.
     *
     * @param attribute the vector attribute
     * @param metric the distance
     * @param vector the probe vector
     * @param filter a condition on the entity; {@code PredicateSpecification.unrestricted()} for none
     * @param pageable the page (its sort is ignored: neighbors come nearest first)
     * @return the page's entities with their distances, and whether more follow
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    Slice<Nearest<T>> findNearest(String attribute, Metric metric, Object vector, PredicateSpecification<T> filter,
            Pageable pageable);

    /**
     * The entities nearest to another entity's vector (read by the database in the same statement), that
     * entity itself left out.
     *
     * @param attribute the vector attribute
     * @param metric the distance
     * @param entity a persistent entity of this repository's type
     * @param filter a condition on the entity; {@code PredicateSpecification.unrestricted()} for none
     * @param limit how many to return
     * @return up to {@code limit} other entities, nearest first, each with its distance
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    List<Nearest<T>> findNeighbors(String attribute, Metric metric, T entity, PredicateSpecification<T> filter,
            Limit limit);

    /**
     * Like {@link #findNearest(String, Metric, Object, PredicateSpecification, Limit)}, in Spring Data's result
     * types: each {@code Score} holds the distance, with the matching {@code ScoringFunction}
     * ({@code VectorScoringFunctions} for the metrics Spring Data names, a {@code jaccard} function otherwise).
     *
     * @param attribute the vector attribute
     * @param metric the distance
     * @param vector the probe vector
     * @param filter a condition on the entity
     * @param limit how many to return
     * @return the entities with their distances, nearest first
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    SearchResults<T> searchNearest(String attribute, Metric metric, Object vector, PredicateSpecification<T> filter,
            Limit limit);

    /**
     * The entities nearest to a vector in a partitioned table, in the form each partition's index serves: one
     * {@code ORDER BY <column> <operator> ? LIMIT k} per leaf partition, merged by distance (vector-core's
     * {@code PartitionedSearch}). On a table whose partitions are {@code postgres_fdw} foreign tables (shards), a
     * k-NN on the parent, as {@link #findNearest(String, Metric, Object, Limit)} renders it, pushes no {@code LIMIT}
     * to the shards and no shard's index serves it; here each shard is sent its own {@code ORDER BY ... LIMIT k}.
     *
     * <p>The partitions are read from the catalog on every call (one query on the coordinator, in the method's
     * transaction), so partitions attached or detached and foreign servers' options changed apply at once, with no
     * restart. <b>Settings:</b> the method's search settings ({@code vectororm.search.*}, {@link VectorSearchSettings})
     * are applied with {@code SET LOCAL} on the coordinator, which postgres_fdw's sessions on the shards do not see;
     * so the call is refused, before the search runs, unless every setting of this method (the defaults with its or
     * its repository's annotation over them) is what every foreign server's sessions start with ({@code -c name=value} in its {@code options}), with vector-core's message naming the
     * setting, the servers and the {@code ALTER SERVER} that sets it.
     *
     * @param attribute the vector attribute (with declared dimensions)
     * @param metric the distance, whose operator every partition's index serves
     * @param vector the probe vector
     * @param filter an SQL condition on the table with bound values, applied in every partition, or {@code null}
     * @param limit how many to return
     * @return up to {@code limit} entities, nearest first, each with its distance
     * @throws io.github.vectororm.core.VectorValidationException if the table is not partitioned, or a setting in
     *         effect would not reach a shard (settings an earlier method left in the same transaction are not
     *         checked: they stay on the coordinator, and the shards never see them)
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    List<Nearest<T>> findNearestAcrossPartitions(String attribute, Metric metric, Object vector, Filter filter,
            Limit limit);

    /**
     * Two-stage search over this repository's table: a shortlist from a quantized index, re-ranked exactly
     * (see vector-core's {@code TwoStageSearch}); the way to search vectors wider than an index allows. The
     * method's search settings apply, with {@code hnsw.ef_search} raised to the shortlist size if it is smaller (an
     * HNSW scan returns at most {@code ef_search} rows); a larger one is kept. A search made on the table's
     * {@code Partitions} (the per-partition form) checks the method's settings against the shards as
     * {@link #findNearestAcrossPartitions} does, and refuses shards whose sessions do not start with an
     * {@code hnsw.ef_search} of at least the shortlist size.
     *
     * @param search the search, declared on this entity's table
     * @param vector the probe vector
     * @param k how many to return
     * @param filter an SQL condition with bound values, or {@code null}
     * @return the k nearest entities with their exact distances
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    List<Nearest<T>> findNearestTwoStage(TwoStageSearch search, Object vector, int k, Filter filter);

    /**
     * k-NN for many vectors at once: one statement searches every probe (each by its own index scan), then one
     * load reads the entities found, so N probes cost two round trips instead of N. The method's search settings
     * apply to every probe; each probe's answer is what {@link #findNearest(String, Metric, Object, Limit)} gives
     * for it.
     *
     * @param attribute the vector attribute (with declared dimensions)
     * @param metric the distance
     * @param vectors the probe vectors, 1 to 1,000
     * @param filter an SQL condition on the table with bound values, or {@code null}
     * @param limit how many entities per probe
     * @return one list per probe, in the probes' order, nearest first
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    List<List<Nearest<T>>> findNearestBatch(String attribute, Metric metric, List<?> vectors, Filter filter, Limit limit);

    /**
     * Hybrid full-text + vector search over this repository's table, fused by reciprocal rank fusion (see
     * vector-core's {@code HybridSearch}). A search made on the table's {@code Partitions} (the per-partition form)
     * is refused when the method's search settings would not reach its shards, as
     * {@link #findNearestAcrossPartitions} says.
     *
     * @param search the search, declared on this entity's table
     * @param vector the query embedding
     * @param text the query text (web-search syntax)
     * @param limit how many to return
     * @param filter an SQL condition with bound values, or {@code null}
     * @return the entities with both ranks and the fused score, best first
     * @since 0.1.0
     */
    @Transactional(readOnly = true)
    List<VectorQueries.HybridHit<T>> findHybrid(HybridSearch search, Object vector, String text, int limit, Filter filter);

    /**
     * Inserts entities with {@code COPY ... FROM STDIN (FORMAT BINARY)}, several times faster than
     * {@code saveAll}: all rows or none, in the current transaction. The entities do not become managed and no
     * callbacks run; ids must be assigned unless the id is an IDENTITY column (see {@code VectorBulkLoader}).
     *
     * @param entities the new entities
     * @return the number of rows written
     * @since 0.1.0
     */
    @Transactional
    long copyAll(Collection<? extends T> entities);
}
