package io.github.vectororm.spring.docs;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChunkRepository extends JpaRepository<Chunk, Long>, VectorSearchRepository<Chunk> {
}
