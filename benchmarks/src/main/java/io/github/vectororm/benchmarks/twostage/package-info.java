/**
 * The two-stage search suite (issue #8): latency of the plain HNSW index and of vector-core's
 * {@link io.github.vectororm.core.search.TwoStageSearch} on the same table
 * ({@link io.github.vectororm.benchmarks.twostage.TwoStageBenchmark}), their recall@10 against an exact scan of the
 * same run ({@link io.github.vectororm.benchmarks.twostage.TwoStageRecall}), and the indexes' size and build time.
 */
package io.github.vectororm.benchmarks.twostage;
