package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.core.SearchSettings;
import java.util.List;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Base of the {@link Suite#KNN_PROBES} benchmarks: every invocation answers {@value #PROBES} probes over the k-NN
 * table, one query each or one batch, so the latency of an invocation is the cost of {@value #PROBES} answers and the
 * ratios are throughput ratios. The suite's per-query settings are {@link #SETTINGS}.
 *
 * @since 0.1.0
 */
@InSuite(Suite.KNN_PROBES)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 1, time = 2)
public abstract class ProbesBenchmark extends KnnBenchmark {

    /** Probes answered per invocation. */
    public static final int PROBES = 100;

    /**
     * The settings of the "with settings" paths: {@code hnsw.ef_search = 40}, the server default, so the answers are
     * those without settings and only the mechanism that applies them costs.
     */
    public static final SearchSettings SETTINGS = SearchSettings.builder().hnswEfSearch(40).build();

    /** @return the next {@value #PROBES} probes of the rotation */
    protected final List<float[]> nextProbes() {
        return nextQueries(PROBES);
    }

    /**
     * Fails unless a batch answered every probe with k rows.
     *
     * @param answers rows per probe
     * @return the number of rows
     */
    protected final int checkBatch(List<? extends List<?>> answers) {
        if (answers.size() != PROBES) {
            throw new IllegalStateException(getClass().getSimpleName() + " answered " + answers.size() + " probes, expected "
                    + PROBES);
        }
        int rows = 0;
        for (List<?> answer : answers) {
            rows += checkFull(answer.size());
        }
        return rows;
    }
}
