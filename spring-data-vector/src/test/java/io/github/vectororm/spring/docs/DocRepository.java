package io.github.vectororm.spring.docs;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.spring.VectorSearchRepository;
import io.github.vectororm.spring.VectorSearchSettings;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.repository.JpaRepository;

// tag::repository[]
public interface DocRepository extends JpaRepository<Doc, Long>, VectorSearchRepository<Doc>, DocProbes {

    // Spring Data JPA's derived vector search; the Score's ScoringFunction picks the metric
    SearchResults<Doc> findByEmbeddingNear(Vector vector, Score maxDistance, Limit limit);

    SearchResults<Doc> findByCategoryAndEmbeddingNear(int category, Vector vector, Score maxDistance, Limit limit);

    // the same with an iterative index scan, so that a selective filter still fills the limit
    @VectorSearchSettings(iterativeScan = IterativeScan.STRICT_ORDER)
    SearchResults<Doc> findIterativelyByCategoryAndEmbeddingNear(int category, Vector vector, Score maxDistance,
            Limit limit);
}
// end::repository[]
