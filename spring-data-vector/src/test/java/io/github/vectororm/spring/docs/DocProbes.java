package io.github.vectororm.spring.docs;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.spring.VectorSearchRepository;
import io.github.vectororm.spring.VectorSearchSettings;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.Query;

/** Test-only repository methods that show which settings are in force. */
public interface DocProbes extends VectorSearchRepository<Doc> {

    /** What hnsw.ef_search is while a method annotated with efSearch = 123 runs. */
    @VectorSearchSettings(efSearch = 123)
    @Query(value = "select current_setting('hnsw.ef_search')", nativeQuery = true)
    String efSearchDuringAnnotatedMethod();

    /** The parallel-query settings while a method annotated with exact = true, parallelWorkers = 3 runs. */
    @VectorSearchSettings(exact = true, parallelWorkers = 3)
    @Query(value = "select current_setting('max_parallel_workers_per_gather') || ' ' || current_setting('enable_indexscan')"
            + " || ' ' || current_setting('min_parallel_table_scan_size')", nativeQuery = true)
    String parallelSettingsDuringAnnotatedMethod();

    /** What hnsw.ef_search is in an unannotated, non-vector method (no settings applied). */
    @Query(value = "select current_setting('hnsw.ef_search')", nativeQuery = true)
    String efSearchDuringPlainMethod();

    /** A redeclared fragment method with its own settings. */
    @VectorSearchSettings(efSearch = 77)
    @Override
    List<Nearest<Doc>> findNeighbors(String attribute, Metric metric, Doc entity, PredicateSpecification<Doc> filter,
            Limit limit);
}
