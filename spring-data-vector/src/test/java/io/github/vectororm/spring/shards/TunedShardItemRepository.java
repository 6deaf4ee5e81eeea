package io.github.vectororm.spring.shards;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.spring.VectorSearchRepository;
import io.github.vectororm.spring.VectorSearchSettings;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Settings the shards' sessions do not start with: on the repository, and on a redeclared method. */
@VectorSearchSettings(efSearch = 100)
public interface TunedShardItemRepository extends Repository<ShardItem, Long>, VectorSearchRepository<ShardItem> {

    @Override
    @Transactional(readOnly = true)
    @VectorSearchSettings(iterativeScan = IterativeScan.RELAXED_ORDER)
    List<Nearest<ShardItem>> findNearestAcrossPartitions(String attribute, Metric metric, Object vector, Filter filter,
            Limit limit);
}
