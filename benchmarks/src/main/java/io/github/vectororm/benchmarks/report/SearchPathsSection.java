package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.knn.ProbesBenchmark;
import io.github.vectororm.benchmarks.knn.RoundTripCount;
import io.github.vectororm.benchmarks.knn.SearchPathsReport;
import java.util.Map;

/**
 * The report's sections of what the k-NN suites count outside the timing: round trips per path and the plans of the
 * exact search at each parallel-worker count.
 *
 * @since 0.1.0
 */
final class SearchPathsSection {

    private SearchPathsSection() {
    }

    /**
     * @param run what was measured
     * @return the Markdown of the sections, empty when nothing was counted
     */
    static String render(RunSummary run) {
        SearchPathsReport report = run.searchPaths();
        if (report == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (!report.roundTrips().isEmpty()) {
            out.append("## Round trips per k-NN path\n\n");
            out.append("Counted, not inferred: each path runs on a connection whose URL names vector-test's `RoundTrips`"
                    + " as pgjdbc's socket factory, which counts a round trip each time the driver reads after it has"
                    + " written (pipelined messages with one Sync count once). Each benchmark class is opened as its"
                    + " trial is, invoked once to warm it (prepared statements, type lookups, pooled connections), then"
                    + " counted over one invocation, outside the timing. An invocation is one query in the k-NN suites"
                    + " and " + ProbesBenchmark.PROBES + " probes in the 100-probe suite.\n\n");
            out.append("| suite | path | kind | round trips per invocation |\n|---|---|---|---:|\n");
            for (RoundTripCount count : report.roundTrips()) {
                out.append("| ").append(count.suite().title()).append(" | ").append(count.label()).append(" | ")
                        .append(count.kind().label()).append(" | ").append(count.roundTrips()).append(" |\n");
            }
            out.append('\n');
        }
        if (!report.parallelPlans().isEmpty()) {
            out.append("## Exact search with parallel workers: plans\n\n");
            out.append("`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)` of the exact top-10 with"
                    + " `SearchSettings.exact(true).parallelWorkers(n)` applied as the benchmark applies them, once,"
                    + " outside the timing (sort details left out).\n\n");
            out.append("| workers | plan |\n|---:|---|\n");
            for (Map.Entry<Integer, String> plan : report.parallelPlans().entrySet()) {
                out.append("| ").append(plan.getKey()).append(" | `").append(plan.getValue().replace("|", "\\|"))
                        .append("` |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
