package io.github.vectororm.spring;

import io.github.vectororm.core.IterativeScan;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * pgvector search settings for one repository method, applied with {@code SET LOCAL} inside the method's
 * transaction (one is opened when none is active) and over the {@code vectororm.search.*} defaults.
 *
 * <pre>{@code
 * @VectorSearchSettings(efSearch = 200, iterativeScan = IterativeScan.RELAXED_ORDER)
 * SearchResults<Doc> findByCategoryAndEmbeddingNear(int category, Vector vector, Score maxDistance, Limit limit);
 * }</pre>
 * Values left at their defaults are not set. The enum-valued members are arrays only so that "unset" can be
 * told apart: give one value. Out-of-range values fail when the repository is created, naming the method.
 *
 * @since 0.1.0
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VectorSearchSettings {

    /**
     * {@return hnsw.ef_search, 1 to 1000; 0 leaves it unset}
     * @since 0.1.0
     */
    int efSearch() default 0;

    /**
     * {@return hnsw.iterative_scan (pgvector 0.8.0+); empty leaves it unset}
     * @since 0.1.0
     */
    IterativeScan[] iterativeScan() default {};

    /**
     * {@return hnsw.max_scan_tuples (pgvector 0.8.0+); 0 leaves it unset}
     * @since 0.1.0
     */
    int maxScanTuples() default 0;

    /**
     * {@return ivfflat.probes, 1 to 32768; 0 leaves it unset}
     * @since 0.1.0
     */
    int probes() default 0;

    /**
     * {@return ivfflat.iterative_scan, OFF or RELAXED_ORDER (pgvector 0.8.0+); empty leaves it unset}
     * @since 0.1.0
     */
    IterativeScan[] ivfflatIterativeScan() default {};

    /**
     * {@return ivfflat.max_probes (pgvector 0.8.0+); 0 leaves it unset}
     * @since 0.1.0
     */
    int maxProbes() default 0;

    /**
     * {@return whether to search exactly (no index scan): for recall checks and small tables}
     * @since 0.1.0
     */
    boolean exact() default false;

    /**
     * {@return parallel workers for an exact search over a large table (max_parallel_workers_per_gather, see
     * SearchSettings.Builder#parallelWorkers); -1 leaves it unset, 0 turns parallel query off}
     * @since 0.1.0
     */
    int parallelWorkers() default -1;
}
