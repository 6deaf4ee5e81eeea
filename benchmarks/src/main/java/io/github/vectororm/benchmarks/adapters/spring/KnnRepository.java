package io.github.vectororm.benchmarks.adapters.spring;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * What the k-NN benchmarks call on a repository, whatever its entity: vector-orm's search fragment and Spring Data
 * JPA's derived vector search, so one benchmark class serves the 768-d and the 64-d entity. Repositories also
 * extend {@link VectorSearchRepository} directly: Spring Data finds the fragment's implementation only through an
 * interface the repository declares itself.
 *
 * @param <T> the entity type
 */
@NoRepositoryBean
public interface KnnRepository<T> extends VectorSearchRepository<T> {

    /**
     * Spring Data JPA's derived vector search; the Score's function picks the metric.
     *
     * @param vector the probe
     * @param maxDistance the score bound
     * @param limit how many
     * @return the nearest, with their scores
     */
    SearchResults<T> findByEmbeddingNear(Vector vector, Score maxDistance, Limit limit);
}
