package io.github.vectororm.benchmarks.adapters.spring;

import io.github.vectororm.benchmarks.adapters.SmallBenchItem;
import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;

/** The small-table suite's repository, over the 64-d {@link SmallBenchItem}. */
public interface SmallBenchItemRepository extends JpaRepository<SmallBenchItem, Long>,
        VectorSearchRepository<SmallBenchItem>, KnnRepository<SmallBenchItem> {
}
