package io.github.vectororm.spring.measure;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChunkRepository extends JpaRepository<Chunk, Long>, VectorSearchRepository<Chunk> {

    SearchResults<Chunk> findByEmbeddingNear(Vector vector, Score maxDistance, Limit limit);
}
