package io.github.vectororm.benchmarks.adapters.spring;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;

/** The benchmarks' repository: Spring Data JPA plus vector-orm's search fragment and the derived vector search. */
public interface BenchItemRepository extends JpaRepository<BenchItem, Long>, VectorSearchRepository<BenchItem>,
        KnnRepository<BenchItem> {
}
