package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.knn.FilteredKnnRecall;
import io.github.vectororm.benchmarks.knn.KnnRecall;
import io.github.vectororm.benchmarks.knn.SearchPathsReport;
import io.github.vectororm.benchmarks.loadrun.FilteredKnnLoadRun;
import io.github.vectororm.benchmarks.shards.ShardedKnnRun;
import io.github.vectororm.benchmarks.stores.StoreComparison;
import io.github.vectororm.benchmarks.twostage.TwoStageRecall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, ready to be rendered.
 *
 * @param profile the profile's name
 * @param command the command that reproduces the run
 * @param started when the run started
 * @param duration how long it took
 * @param machine what it ran on
 * @param meanLoad mean one-minute load average during the run (NaN if unknown)
 * @param maxLoad largest one-minute load average during the run (NaN if unknown)
 * @param parameters the JMH parameters the profile set
 * @param rounds how many times the suite ran; each path's rounds are pooled
 * @param tables one table per suite
 * @param filteredCounts the filtered k-NN counts (empty when not run)
 * @param filteredQueries query vectors per setting in the filtered counts
 * @param loadRun the bounded load run, or {@code null} when it did not run
 * @param twoStage the two-stage suite's recall count, or {@code null} when the suite did not run
 * @param knnRecall recall@10 of the k-NN suite's plain HNSW query against exact search, or {@code null} when the
 *     suite did not run
 * @param searchPaths the k-NN paths' round-trip counts and the parallel exact search's plans, or {@code null} when no
 *     counted suite ran
 * @param sharded the sharded k-NN run (1, 2, 4 shards on private clusters), or {@code null} when it did not run
 * @param storeComparison the vector-store comparison (issue #14), or {@code null} when it did not run
 * @since 0.1.0
 */
public record RunSummary(String profile, String command, Instant started, Duration duration, MachineFacts machine,
        double meanLoad, double maxLoad, Map<String, String> parameters, int rounds, List<SuiteTable> tables,
        List<FilteredKnnRecall.Count> filteredCounts, int filteredQueries, FilteredKnnLoadRun.Report loadRun,
        TwoStageRecall.Report twoStage, KnnRecall.Report knnRecall, SearchPathsReport searchPaths,
        ShardedKnnRun.Report sharded, StoreComparison.Report storeComparison) {

    /**
     * The issue's targets evaluated against this run.
     *
     * @return one line per target whose paths ran
     */
    public List<TargetResult> targets() {
        return Target.ISSUE_TARGETS.stream()
                .flatMap(t -> t.measuredRatio(tables)
                        .map(r -> new TargetResult(t, r, t.bestIterationRatio(tables).orElse(Double.NaN),
                                t.worstIterationRatio(tables).orElse(Double.NaN))).stream())
                .toList();
    }

    /**
     * A target and what this run measured for it.
     *
     * @param target the target
     * @param ratio the measured speed ratio subject / reference (medians)
     * @param bestIterationRatio the subject's best iteration against the reference's median
     * @param worstIterationRatio the subject's worst iteration against the reference's median
     */
    public record TargetResult(Target target, double ratio, double bestIterationRatio, double worstIterationRatio) {

        /** @return whether the ratio reaches the target */
        public boolean met() {
            return ratio >= target.minimum();
        }
    }
}
