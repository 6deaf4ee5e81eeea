package io.github.vectororm.spring.shards;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;

/** No search settings: what the shards' sessions start with is what they search with. */
public interface ShardItemRepository extends JpaRepository<ShardItem, Long>, VectorSearchRepository<ShardItem> {
}
