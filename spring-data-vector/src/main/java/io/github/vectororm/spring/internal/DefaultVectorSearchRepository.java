package io.github.vectororm.spring.internal;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.PartitionedSearch;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorQueries;
import io.github.vectororm.hibernate.VectorBulkLoader;
import io.github.vectororm.hibernate.VectorSearch;
import io.github.vectororm.spring.VectorSearchRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.From;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import java.util.Objects;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.repository.core.RepositoryMethodContext;
import org.springframework.data.repository.core.support.RepositoryMetadataAccess;

/**
 * vector-orm's implementation of {@link VectorSearchRepository}, registered for Spring Data in
 * {@code META-INF/spring.factories}: each call runs hibernate-vector's {@link VectorSearch} for the
 * repository's domain type (read from the {@link RepositoryMethodContext}) on the transactional EntityManager.
 *
 * @param <T> the entity type
 */
public class DefaultVectorSearchRepository<T> implements VectorSearchRepository<T>, RepositoryMetadataAccess {

    private final EntityManager entityManager;

    /** @param entityManager the shared (transaction-bound) EntityManager */
    public DefaultVectorSearchRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public List<Nearest<T>> findNearest(String attribute, Metric metric, Object vector, Limit limit) {
        return search(attribute, metric).to(probe(vector)).limit(max(limit)).list();
    }

    @Override
    public List<Nearest<T>> findNearest(String attribute, Metric metric, Object vector, PredicateSpecification<T> filter,
            Limit limit) {
        return filtered(search(attribute, metric).to(probe(vector)), filter).limit(max(limit)).list();
    }

    @Override
    public List<Nearest<T>> findNeighbors(String attribute, Metric metric, T entity, PredicateSpecification<T> filter,
            Limit limit) {
        return filtered(search(attribute, metric).toNeighborsOf(entity), filter).limit(max(limit)).list();
    }

    @Override
    public SearchResults<T> searchNearest(String attribute, Metric metric, Object vector, PredicateSpecification<T> filter,
            Limit limit) {
        List<SearchResult<T>> results = findNearest(attribute, metric, vector, filter, limit).stream()
                .map(hit -> new SearchResult<>(hit.entity(), Score.of(hit.distance(), Scoring.of(metric))))
                .toList();
        return new SearchResults<>(results);
    }

    @Override
    public long copyAll(Collection<? extends T> entities) {
        return VectorBulkLoader.copy(entityManager, domainType(), entities);
    }

    @Override
    public Slice<Nearest<T>> findNearest(String attribute, Metric metric, Object vector, PredicateSpecification<T> filter,
            Pageable pageable) {
        if (pageable.isUnpaged()) {
            throw new IllegalArgumentException("a nearest-neighbor search needs a page size: an ANN index is used only"
                    + " with a limit; pass PageRequest.of(page, size)");
        }
        List<Nearest<T>> rows = filtered(search(attribute, metric).to(probe(vector)), filter)
                .offset(Math.toIntExact(pageable.getOffset())).limit(pageable.getPageSize() + 1).list();
        boolean hasNext = rows.size() > pageable.getPageSize();
        return new SliceImpl<>(hasNext ? rows.subList(0, pageable.getPageSize()) : rows, pageable, hasNext);
    }

    /**
     * Runs in the method's transaction, where its settings are already in effect on the coordinator; those settings
     * are checked against the shards (and re-applied, to the same values, in the search's own statement).
     */
    @Override
    public List<Nearest<T>> findNearestAcrossPartitions(String attribute, Metric metric, Object vector, Filter filter,
            Limit limit) {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(metric, "metric");
        int k = max(limit);
        PartitionedSearch search = VectorQueries.partitionedSearch(entityManager, domainType(), attribute, metric);
        return VectorQueries.partitioned(entityManager, domainType(), search, probe(vector), k, filter,
                MethodSearchSettings.current());
    }

    /**
     * Runs in the method's transaction, where the {@code vectororm.search.*} defaults or the method's
     * {@code @VectorSearchSettings} are already in effect: {@code hnsw.ef_search} is raised to the shortlist size
     * if it is smaller there, a larger one is kept. On partitions, the method's settings go to the search, which
     * checks them (and the shortlist's ef_search) against the shards.
     */
    @Override
    public List<Nearest<T>> findNearestTwoStage(TwoStageSearch search, Object vector, int k, Filter filter) {
        return VectorQueries.twoStage(entityManager, domainType(), search, probe(vector), k, filter,
                search.partitions() == null ? SearchSettings.none() : MethodSearchSettings.current());
    }

    /** Runs in the method's transaction, where its search settings are already in effect. */
    @Override
    public List<List<Nearest<T>>> findNearestBatch(String attribute, Metric metric, List<?> vectors, Filter filter,
            Limit limit) {
        Objects.requireNonNull(vectors, "vectors");
        List<Object> probes = vectors.stream().map(DefaultVectorSearchRepository::probe).toList();
        return VectorQueries.batch(entityManager, domainType(),
                VectorQueries.batchSearch(entityManager, domainType(), attribute, metric), probes, max(limit), filter,
                SearchSettings.none());
    }

    @Override
    public List<VectorQueries.HybridHit<T>> findHybrid(HybridSearch search, Object vector, String text, int limit,
            Filter filter) {
        if (search.partitions() != null) {
            search.partitions().requireReachesShards(MethodSearchSettings.current());
        }
        return VectorQueries.hybrid(entityManager, domainType(), search, probe(vector), text, limit, filter);
    }

    private VectorSearch<T> search(String attribute, Metric metric) {
        return VectorSearch.nearest(entityManager, domainType(), attribute, metric);
    }

    private static <T> VectorSearch<T> filtered(VectorSearch<T> search, PredicateSpecification<T> filter) {
        Objects.requireNonNull(filter, "filter (use PredicateSpecification.unrestricted() for none)");
        return search.where((cb, root) -> {
            var predicate = filter.toPredicate((From<?, T>) root, cb);
            return predicate == null ? cb.conjunction() : predicate; // PredicateSpecification.unrestricted() gives null
        });
    }

    /** Spring Data's Vector is unwrapped; vector-core validates and converts everything else. */
    private static Object probe(Object vector) {
        Objects.requireNonNull(vector, "vector");
        return vector instanceof Vector springVector ? springVector.toFloatArray() : vector;
    }

    private static int max(Limit limit) {
        if (limit.isUnlimited()) {
            throw new IllegalArgumentException("a nearest-neighbor search needs a limit: without one no ANN index is"
                    + " used and every row is sorted; pass Limit.of(k)");
        }
        return limit.max();
    }

    @SuppressWarnings("unchecked")
    private Class<T> domainType() {
        return (Class<T>) RepositoryMethodContext.getContext().getMetadata().getDomainType();
    }
}
