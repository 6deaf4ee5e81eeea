package io.github.vectororm.spring.shards;

import io.github.vectororm.spring.VectorSearchRepository;
import io.github.vectororm.spring.VectorSearchSettings;
import org.springframework.data.repository.Repository;

/** Exact search for every vector method: reaches the shards only through their servers' options. */
@VectorSearchSettings(exact = true)
public interface ExactShardItemRepository extends Repository<ShardItem, Long>, VectorSearchRepository<ShardItem> {
}
