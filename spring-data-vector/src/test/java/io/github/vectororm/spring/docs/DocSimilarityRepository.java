package io.github.vectororm.spring.docs;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.spring.VectorSearchSettings;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Range;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;
import org.springframework.data.repository.Repository;

/** Spring Data JPA's {@code Within} keyword, score ranges and {@link Similarity} bounds on a vector-orm mapping. */
public interface DocSimilarityRepository extends Repository<Doc, Long> {

    /** A range of raw scores (distances): Spring Data JPA swaps the bounds, see SpringDataVectorTest. */
    SearchResults<Doc> findByEmbeddingWithin(Vector vector, Range<Score> range, Limit limit);

    /** A maximum distance, as with {@code Near}. */
    SearchResults<Doc> findByEmbeddingWithin(Vector vector, Score maxDistance, Limit limit);

    /** A minimum similarity: Spring Data turns it into a maximum distance and the distances into similarities. */
    SearchResults<Doc> findByEmbeddingNear(Vector vector, Similarity minSimilarity, Limit limit);

    /** A similarity range on a filtered search; the iterative scan keeps a selective filter from starving it. */
    @VectorSearchSettings(iterativeScan = IterativeScan.STRICT_ORDER)
    SearchResults<Doc> findByCategoryAndEmbeddingWithin(int category, Vector vector, Range<Similarity> range,
            Limit limit);
}
