package io.github.vectororm.benchmarks.adapters.spring;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.repository.JpaRepository;

/** The benchmarks' repository: Spring Data JPA plus vector-orm's search fragment. */
public interface BenchItemRepository extends JpaRepository<BenchItem, Long>, VectorSearchRepository<BenchItem> {

    /**
     * Spring Data JPA's derived vector search; the Score's function picks the metric.
     *
     * @param vector the probe
     * @param maxDistance the score bound
     * @param limit how many
     * @return the nearest, with their scores
     */
    SearchResults<BenchItem> findByEmbeddingNear(Vector vector, Score maxDistance, Limit limit);
}
