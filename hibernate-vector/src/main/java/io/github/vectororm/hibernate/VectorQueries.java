package io.github.vectororm.hibernate;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.BatchSearch;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.Hit;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.PartitionedSearch;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.hibernate.internal.SessionTransactions;
import io.github.vectororm.hibernate.internal.VectorColumnMapping;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.Session;

/**
 * Runs vector-core's advanced searches ({@link HybridSearch}, {@link TwoStageSearch}) in a session and returns
 * entities: the search ranks rows by id in one statement, the entities are then loaded in that order (from
 * the persistence context where already there).
 *
 * @since 0.1.0
 */
public final class VectorQueries {

    private VectorQueries() {
    }

    /**
     * An entity found by hybrid search. Not a {@link Nearest}: it is ranked by a fused score, higher is better, and
     * a row found by the text side alone has no distance.
     *
     * @param entity the entity
     * @param fusedScore the reciprocal-rank-fusion score, higher is better
     * @param vectorRank its rank on the vector side (1-based), or null if only the text side found it
     * @param textRank its rank on the text side (1-based), or null if only the vector side found it
     * @param distance its vector distance, or null
     * @param textScore its {@code ts_rank_cd}, or null
     * @param <T> the entity type
     */
    public record HybridHit<T>(T entity, double fusedScore, Integer vectorRank, Integer textRank, Double distance,
            Double textScore) {
    }

    /**
     * Hybrid full-text + vector search over an entity's table.
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass the entity type whose table the search is declared on
     * @param search the search (table, id column, vector column, text source, weights)
     * @param vector the query embedding
     * @param text the query text
     * @param limit how many results
     * @param filter an optional SQL condition, or {@code null}
     * @param <T> the entity type
     * @return hits, best first
     */
    public static <T> List<HybridHit<T>> hybrid(EntityManager entityManager, Class<T> entityClass, HybridSearch search,
            Object vector, String text, int limit, Filter filter) {
        List<Object[]> rows = run(entityManager, search.query(vector, text, limit, filter), 6);
        List<T> entities = load(entityManager, entityClass, rows);
        List<HybridHit<T>> hits = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            hits.add(new HybridHit<>(entities.get(i), ((Number) row[1]).doubleValue(), integer(row[2]), integer(row[3]),
                    decimal(row[4]), decimal(row[5])));
        }
        return hits;
    }

    /**
     * Two-stage search: a shortlist from a quantized index, re-ranked exactly; {@code hnsw.ef_search} is raised to
     * the shortlist size for the query's transaction (see {@link #twoStage(EntityManager, Class, TwoStageSearch,
     * Object, int, Filter, SearchSettings)}).
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass the entity type whose table the search is declared on
     * @param search the search
     * @param vector the query embedding
     * @param k how many results
     * @param filter an optional SQL condition, or {@code null}
     * @param <T> the entity type
     * @return the k nearest entities with their exact distances
     * @since 0.1.0
     */
    public static <T> List<Nearest<T>> twoStage(EntityManager entityManager, Class<T> entityClass, TwoStageSearch search,
            Object vector, int k, Filter filter) {
        return twoStage(entityManager, entityClass, search, vector, k, filter, SearchSettings.none());
    }

    /**
     * Two-stage search with the caller's search settings merged with the ones the shortlist needs
     * ({@link TwoStageSearch#applyLocal}: {@code hnsw.ef_search} at least the shortlist size, a larger one of the
     * caller's kept), applied in the current transaction or, when none is active, in one of its own.
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass the entity type whose table the search is declared on
     * @param search the search
     * @param vector the query embedding
     * @param k how many results
     * @param filter an optional SQL condition, or {@code null}
     * @param settings the caller's settings (an iterative scan for a selective filter, say), or {@link SearchSettings#none()}
     * @param <T> the entity type
     * @return the k nearest entities with their exact distances
     * @since 0.1.0
     */
    public static <T> List<Nearest<T>> twoStage(EntityManager entityManager, Class<T> entityClass, TwoStageSearch search,
            Object vector, int k, Filter filter, SearchSettings settings) {
        Objects.requireNonNull(settings, "settings");
        SqlQuery query = search.query(vector, k, filter);
        Session session = entityManager.unwrap(Session.class);
        return SessionTransactions.withSettings(session, connection -> search.applyLocal(connection, settings), () -> {
            List<Object[]> rows = session.doReturningWork(connection -> rows(connection, query, 2));
            List<T> entities = load(entityManager, entityClass, rows);
            List<Nearest<T>> hits = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                hits.add(new Nearest<>(entities.get(i), ((Number) rows.get(i)[1]).doubleValue()));
            }
            return hits;
        });
    }

    /**
     * The {@link BatchSearch} of an entity's vector attribute: its table, id column, column, pgvector type and
     * dimensions, read from the mapping.
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass a single-table entity with a single-column id
     * @param attribute the vector attribute, with its dimensions declared ({@code @Array(length = n)})
     * @param metric the distance, whose operator the column's index serves
     * @param <T> the entity type
     * @return the search
     * @throws IllegalArgumentException if the entity or attribute does not have that shape
     * @since 0.1.0
     */
    public static <T> BatchSearch batchSearch(EntityManager entityManager, Class<T> entityClass, String attribute,
            Metric metric) {
        VectorColumnMapping m = VectorColumnMapping.of(entityManager, entityClass, attribute, "batch search");
        return BatchSearch.on(m.table(), m.idColumn(), m.column(), m.type(), m.dimensions(), metric);
    }

    /**
     * The {@link PartitionedSearch} of an entity mapped to a partitioned table (its partitions local tables or
     * postgres_fdw shards): the leaf partitions read from the catalog now, the columns from the mapping.
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass a single-table entity with a single-column id, mapped to the partitioned parent
     * @param attribute the vector attribute, with its dimensions declared
     * @param metric the distance, whose operator every partition's index serves
     * @param <T> the entity type
     * @return the search
     * @since 0.1.0
     */
    public static <T> PartitionedSearch partitionedSearch(EntityManager entityManager, Class<T> entityClass,
            String attribute, Metric metric) {
        VectorColumnMapping m = VectorColumnMapping.of(entityManager, entityClass, attribute, "partitioned search");
        return PartitionedSearch.on(partitions(entityManager, entityClass), m.idColumn(), m.column(), m.type(),
                m.dimensions(), metric);
    }

    /**
     * The leaf partitions of the partitioned table an entity is mapped to, read from the catalog now (one query on the
     * session's connection): what {@link HybridSearch#on(Partitions, String)} and
     * {@link TwoStageSearch#on(Partitions, String, String, io.github.vectororm.core.VectorType, int)} are made on for
     * the per-partition form, and {@link #partitionedSearch} uses. Read again after partitions are attached or
     * detached, or a shard's server options change.
     *
     * <pre>{@code
     * Partitions partitions = VectorQueries.partitions(session, Doc.class);
     * HybridSearch hybrid = HybridSearch.on(partitions, "id").vector("embedding", VectorType.VECTOR, Metric.L2)
     *         .text(TextSource.document("english", "body")).build();
     * List<HybridHit<Doc>> hits = VectorQueries.hybrid(session, Doc.class, hybrid, vector, "whales", 10, null);
     * }</pre>
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass a single-table entity mapped to the partitioned parent
     * @param <T> the entity type
     * @return the table's partitions, with their foreign servers and the settings those servers' sessions start with
     * @throws IllegalArgumentException if the entity spans several tables
     * @throws io.github.vectororm.core.VectorValidationException if its table has no partitions
     * @since 0.1.0
     */
    public static <T> Partitions partitions(EntityManager entityManager, Class<T> entityClass) {
        String table = VectorColumnMapping.table(entityManager, entityClass, "a per-partition search");
        return entityManager.unwrap(Session.class).doReturningWork(connection -> Partitions.of(connection, table));
    }

    /**
     * k-NN over a partitioned table in the form each partition's index serves (see {@link PartitionedSearch}): one
     * statement for the ids and distances, then one load of the entities.
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass the entity type
     * @param search the search, e.g. from {@link #partitionedSearch}
     * @param vector the query embedding
     * @param k how many entities
     * @param filter an optional SQL condition on the table, applied in every partition, or {@code null}
     * @param settings settings that already reach every shard (see {@link PartitionedSearch}), or
     *     {@link SearchSettings#none()}
     * @param <T> the entity type
     * @return the k nearest entities with their distances
     * @since 0.1.0
     */
    public static <T> List<Nearest<T>> partitioned(EntityManager entityManager, Class<T> entityClass,
            PartitionedSearch search, Object vector, int k, Filter filter, SearchSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Session session = entityManager.unwrap(Session.class);
        List<Hit> hits = session.doReturningWork(connection -> search.search(connection, vector, k, filter, settings));
        return entities(session, entityClass, List.of(hits)).get(0);
    }

    /**
     * k-NN for many query vectors at once: one statement for all probes (with the settings in the same round
     * trip), then one load of the entities found. Each probe's answer is what a single query for it gives.
     *
     * @param entityManager the EntityManager or Session; its transaction is used when one is active
     * @param entityClass the entity type the search reads
     * @param search the search, e.g. from {@link #batchSearch}
     * @param probes the query vectors, 1 to {@value BatchSearch#MAX_PROBES}
     * @param k how many entities per probe
     * @param filter an optional SQL condition on the table, or {@code null}
     * @param settings search settings (an iterative scan for a selective filter, say), or {@link SearchSettings#none()}
     * @param <T> the entity type
     * @return one list per probe, in the probes' order, nearest first
     * @since 0.1.0
     */
    public static <T> List<List<Nearest<T>>> batch(EntityManager entityManager, Class<T> entityClass, BatchSearch search,
            List<?> probes, int k, Filter filter, SearchSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Session session = entityManager.unwrap(Session.class);
        List<List<Hit>> hits = session.doReturningWork(
                connection -> search.search(connection, probes, k, filter, settings));
        return entities(session, entityClass, hits);
    }

    /** The entities of hits, loaded at once (entities already in the session are taken from it, not read again). */
    private static <T> List<List<Nearest<T>>> entities(Session session, Class<T> entityClass, List<List<Hit>> hits) {
        List<Object> ids = hits.stream().flatMap(List::stream).map(Hit::id).distinct().toList();
        List<T> loaded = session.byMultipleIds(entityClass).enableSessionCheck(true).multiLoad(ids);
        Map<Object, T> byId = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), Objects.requireNonNull(loaded.get(i),
                    () -> entityClass.getSimpleName() + " found by the search vanished before it was loaded"));
        }
        List<List<Nearest<T>>> result = new ArrayList<>(hits.size());
        for (List<Hit> probeHits : hits) {
            List<Nearest<T>> nearest = new ArrayList<>(probeHits.size());
            for (Hit hit : probeHits) {
                nearest.add(new Nearest<>(byId.get(hit.id()), hit.distance()));
            }
            result.add(nearest);
        }
        return result;
    }

    private static List<Object[]> run(EntityManager entityManager, SqlQuery query, int columns) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> rows(connection, query, columns));
    }

    private static List<Object[]> rows(Connection connection, SqlQuery query, int columns) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement statement = query.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static <T> List<T> load(EntityManager entityManager, Class<T> entityClass, List<Object[]> rows) {
        List<Object> ids = rows.stream().map(row -> row[0]).toList();
        List<T> entities = entityManager.unwrap(Session.class).byMultipleIds(entityClass).multiLoad(ids);
        for (int i = 0; i < entities.size(); i++) {
            Objects.requireNonNull(entities.get(i), () -> entityClass.getSimpleName() + " with id " + ids + " vanished");
        }
        return entities;
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
