package io.github.vectororm.benchmarks.adapters.loadrun;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;

/** The load run's repository: Spring Data JPA plus vector-orm's search fragment, over {@link LoadItem}. */
public interface LoadItemRepository extends JpaRepository<LoadItem, Long>, VectorSearchRepository<LoadItem> {
}
