package io.github.vectororm.spring.docs;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Range;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PassageRepository extends JpaRepository<Passage, Long>, io.github.vectororm.spring.VectorSearchRepository<Passage> {

    SearchResults<Passage> findByEmbeddingNear(Vector vector, Score maxDistance, Limit limit);

    SearchResults<Passage> findByEmbeddingWithin(Vector vector, Range<Similarity> range, Limit limit);
}
