package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.loadrun.FilteredKnnLoadRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue #16's load-run target, "load run >= 0.95x for every adapter": each adapter's queries/s in the bounded load run
 * against the raw JDBC baseline's, medians over the rounds. The load run is not a JMH suite, so these rows are
 * judged here rather than by {@link Target}.
 *
 * @since 0.1.0
 */
final class LoadRunTargets {

    /** The least acceptable queries/s ratio to raw JDBC. */
    static final double MINIMUM = 0.95;

    private LoadRunTargets() {
    }

    /**
     * The target table's rows: target, required, measured, result.
     *
     * @param loadRun the load run, or {@code null} when it did not run
     * @return one row of cells per adapter path, none without a load run
     */
    static List<String[]> rows(FilteredKnnLoadRun.Report loadRun) {
        List<String[]> rows = new ArrayList<>();
        if (loadRun == null) {
            return rows;
        }
        for (FilteredKnnLoadRun.PathRuns path : loadRun.paths()) {
            if (path.kind() != PathKind.LIBRARY) {
                continue;
            }
            double ratio = loadRun.ratio(path);
            double worst = path.minQueriesPerSecond() / path.queriesPerSecond() * ratio;
            String result = ratio >= MINIMUM
                    ? (path.rounds().size() < 2 ? "met, from a single round"
                    : worst >= MINIMUM ? "met, even its slowest round reached " + MarkdownReport.ratio(worst)
                    : "met, but its slowest round reached " + MarkdownReport.ratio(worst))
                    : "**missed** by " + MarkdownReport.percent(1 - ratio / MINIMUM) + ". What it pays that raw JDBC does"
                            + " not: the framework's per-query work (session or transaction, entities built from the"
                            + " rows) on cores the " + loadRun.threads() + " threads and their backends already fill";
            rows.add(new String[] {"#16 load run >= 0.95x raw JDBC queries/s: " + path.label(),
                    ">= " + MarkdownReport.ratio(MINIMUM), MarkdownReport.ratio(ratio), result});
        }
        return rows;
    }
}
