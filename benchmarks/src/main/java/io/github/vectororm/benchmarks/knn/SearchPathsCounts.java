package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.BenchmarkCatalog;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Suite;
import java.util.List;
import java.util.Map;

/**
 * Runs the k-NN suites' counts that are taken once per run, outside the timing: round trips per path
 * ({@link RoundTripCount}) and the parallel exact search's plans ({@link ExactParallelBenchmark#plans}).
 *
 * @since 0.1.0
 */
public final class SearchPathsCounts {

    private SearchPathsCounts() {
    }

    /**
     * Counts what the run's benchmarks call for.
     *
     * @param database the database
     * @param parameters the run's JMH parameters
     * @param benchmarks the run's benchmarks
     * @return the counts, or {@code null} when none of the suites ran
     * @throws Exception if a path fails
     */
    public static SearchPathsReport measure(BenchmarkDatabase database, Map<String, String> parameters,
            List<String> benchmarks) throws Exception {
        boolean counted = benchmarks.stream().anyMatch(b -> RoundTripCount.COUNTED.contains(BenchmarkCatalog.suiteOf(b)));
        boolean parallel = benchmarks.stream().anyMatch(b -> BenchmarkCatalog.suiteOf(b) == Suite.KNN_EXACT_PARALLEL);
        if (!counted && !parallel) {
            return null;
        }
        System.out.println("vector-orm benchmarks: counting round trips per k-NN path");
        List<RoundTripCount> roundTrips = RoundTripCount.count(database, parameters, benchmarks);
        Map<Integer, String> plans = parallel ? ExactParallelBenchmark.plans(database,
                Integer.parseInt(parameters.get("knnRows")), Integer.parseInt(parameters.get("knnDimensions"))) : Map.of();
        return new SearchPathsReport(roundTrips, plans);
    }
}
