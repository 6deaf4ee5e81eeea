package io.github.vectororm.spring.measure;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.spring.VectorSearchRepository;
import io.github.vectororm.spring.VectorSearchSettings;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ItemRepository extends JpaRepository<Item, Long>, VectorSearchRepository<Item> {

    SearchResults<Item> findByEmbeddingNear(Vector vector, Score maxDistance, Limit limit);

    SearchResults<Item> findByCategoryAndEmbeddingNear(int category, Vector vector, Score maxDistance, Limit limit);

    @VectorSearchSettings(iterativeScan = IterativeScan.STRICT_ORDER)
    SearchResults<Item> findIterativelyByCategoryAndEmbeddingNear(int category, Vector vector, Score maxDistance,
            Limit limit);
}
