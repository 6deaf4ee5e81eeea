package io.github.vectororm.benchmarks.knn;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the k-NN suites count once per run, outside the timing: the round trips of each path's invocation and the
 * plans of the exact search at each parallel-worker count.
 *
 * @param roundTrips one count per k-NN path that ran
 * @param parallelPlans per worker count, the plan's lines from {@code EXPLAIN (ANALYZE)} (empty when the suite did not
 *     run)
 * @since 0.1.0
 */
public record SearchPathsReport(List<RoundTripCount> roundTrips, Map<Integer, String> parallelPlans) {

    /** Copies the lists. */
    public SearchPathsReport {
        roundTrips = List.copyOf(roundTrips);
        parallelPlans = Collections.unmodifiableMap(new TreeMap<>(parallelPlans));
    }
}
