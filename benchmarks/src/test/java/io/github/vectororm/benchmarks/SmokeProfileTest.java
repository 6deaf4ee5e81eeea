package io.github.vectororm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.benchmarks.harness.BenchmarkCatalog;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.benchmarks.knn.ExactParallelBenchmark;
import io.github.vectororm.benchmarks.knn.FilteredKnnRecall;
import io.github.vectororm.benchmarks.knn.ProbesBenchmark;
import io.github.vectororm.benchmarks.knn.RoundTripCount;
import io.github.vectororm.benchmarks.knn.SearchPathsReport;
import io.github.vectororm.benchmarks.loadrun.FilteredKnnLoadRun;
import io.github.vectororm.benchmarks.report.MarkdownReport;
import io.github.vectororm.benchmarks.report.PathResult;
import io.github.vectororm.benchmarks.report.RunSummary;
import io.github.vectororm.benchmarks.report.SuiteTable;
import io.github.vectororm.benchmarks.report.Target;
import io.github.vectororm.benchmarks.stores.StoreComparison;
import io.github.vectororm.benchmarks.stores.StoreTargets;
import io.github.vectororm.benchmarks.twostage.TwoStagePath;
import io.github.vectororm.benchmarks.twostage.TwoStageRecall;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the smoke profile, as CI does, against the test database: every benchmark must produce a real number and
 * a ratio to its raw baseline, the bounded load run a rate and percentiles per adapter, the two-stage suite a recall
 * per path, the vector-store comparison a number per store (and pgvector's refusal of the peers' 3,072-d index), and
 * the report must render. No timing is asserted: the numbers of a smoke run
 * only prove that each path works.
 */
@PgVectorDatabase
class SmokeProfileTest {

    @Test
    void everyBenchmarkProducesANumberAndARatio(TestDatabase database) throws Exception {
        System.setProperty("jmh.ignoreLock", "true"); // another JMH run on the machine must not fail the build

        long started = System.nanoTime();
        BenchmarkDatabase benchmarkDatabase = new BenchmarkDatabase(database.jdbcUrl(), database.schema());
        RunSummary run = BenchmarkRunner.run(Profile.SMOKE, Map.of(), benchmarkDatabase, ".*", VerboseMode.NORMAL);
        System.out.printf("smoke profile took %.1f s%n", (System.nanoTime() - started) / 1e9);

        List<PathResult> paths = run.tables().stream().flatMap(t -> t.paths().stream()).toList();
        assertThat(paths).extracting(PathResult::benchmark).containsExactlyInAnyOrderElementsOf(
                BenchmarkCatalog.list(".*").stream().map(BenchmarkCatalog::shortName).toList());
        assertThat(run.tables()).extracting(SuiteTable::suite).containsExactlyInAnyOrder(Suite.values());
        for (SuiteTable table : run.tables()) {
            for (PathResult path : table.paths()) {
                assertThat(path.value()).as(path.benchmark()).isFinite().isPositive();
                assertThat(path.ratio()).as(path.benchmark() + " ratio").isFinite().isPositive();
                assertThat(path.samples()).as(path.benchmark() + " samples").isPositive();
                if (table.suite().measure() == Suite.Measure.LATENCY_PERCENTILES) {
                    assertThat(path.p99()).as(path.benchmark() + " p99").isFinite().isGreaterThanOrEqualTo(path.value());
                    assertThat(path.p99Ratio()).as(path.benchmark() + " p99 ratio").isFinite().isPositive();
                }
            }
        }
        assertThat(run.targets()).hasSize(Target.ISSUE_TARGETS.size())
                .allSatisfy(t -> assertThat(t.ratio()).isFinite().isPositive());

        assertThat(run.filteredCounts()).hasSize(3).allSatisfy(count -> {
            assertThat(count.queries()).isEqualTo(Profile.SMOKE.filteredQueries());
            assertThat(count.rowsReturned()).isPositive();
        });
        FilteredKnnRecall.Count forced = run.filteredCounts().get(1);
        assertThat(forced.plan()).startsWith("HNSW");
        assertThat(forced.fullResults()).as("HNSW without iterative scan loses rows to a 10 % filter")
                .isLessThan(forced.queries());
        FilteredKnnRecall.Count iterative = run.filteredCounts().get(2);
        assertThat(iterative.fullResults()).as("relaxed-order iterative scan returns all 10 rows")
                .isEqualTo(iterative.queries());

        assertThat(run.knnRecall()).as("plain HNSW recall count").isNotNull();
        assertThat(run.knnRecall().queries()).isEqualTo(Profile.SMOKE.filteredQueries());
        assertThat(run.knnRecall().recall()).as("plain HNSW recall@10 on embedding-shaped vectors").isBetween(0.5, 1.0);
        System.out.printf("[measure] smoke k-NN plain HNSW recall@10 = %.3f (worst query %.1f)%n", run.knnRecall().recall(),
                run.knnRecall().minRecall());

        FilteredKnnLoadRun.Report loadRun = run.loadRun();
        assertThat(loadRun).as("bounded load run").isNotNull();
        assertThat(loadRun.threads()).isEqualTo(4);
        assertThat(loadRun.paths()).hasSize(5).allSatisfy(path -> {
            assertThat(path.rounds()).as(path.label()).hasSize(Profile.SMOKE.rounds());
            assertThat(path.queriesPerSecond()).as(path.label() + " q/s").isFinite().isPositive();
            assertThat(path.p99Millis()).as(path.label() + " p99").isGreaterThanOrEqualTo(path.p50Millis());
            assertThat(path.rowsPerQuery()).as(path.label() + ": iterative scan returns all 10 rows").isEqualTo(10.0);
            assertThat(loadRun.ratio(path)).as(path.label() + " ratio").isFinite().isPositive();
        });
        assertThat(loadRun.paths().getFirst().kind()).isEqualTo(PathKind.RAW_BASELINE);

        TwoStageRecall.Report twoStage = run.twoStage();
        assertThat(twoStage).as("two-stage recall count").isNotNull();
        assertThat(twoStage.recall()).containsOnlyKeys(TwoStagePath.values())
                .allSatisfy((path, recall) -> assertThat(recall).as(path + " recall@10").isBetween(0.1, 1.0));
        assertThat(twoStage.dataset().indexes()).hasSize(3)
                .allSatisfy(index -> assertThat(index.sizeBytes()).as(index.index().name()).isPositive());
        assertThat(twoStage.exactMedianMillis()).isPositive();

        SearchPathsReport searchPaths = run.searchPaths();
        assertThat(searchPaths).as("round trips and parallel plans").isNotNull();
        Map<String, Long> roundTrips = searchPaths.roundTrips().stream()
                .collect(Collectors.toMap(RoundTripCount::benchmark, RoundTripCount::roundTrips));
        assertThat(roundTrips).as("every k-NN path counted").hasSize(run.tables().stream()
                .filter(t -> RoundTripCount.COUNTED.contains(t.suite())).mapToInt(t -> t.paths().size()).sum());
        assertThat(roundTrips.get("JdbcProbesBenchmark.rawSingleIds")).isEqualTo((long) ProbesBenchmark.PROBES);
        assertThat(roundTrips.get("JdbcProbesBenchmark.rawSingleIdsWithSettings")).isEqualTo((long) ProbesBenchmark.PROBES);
        assertThat(roundTrips.get("JdbcProbesBenchmark.settingsPipelineIds")).as("settings in the query's round trip")
                .isEqualTo((long) ProbesBenchmark.PROBES);
        assertThat(roundTrips.get("JooqProbesBenchmark.nearestNeighborsWithSettings")).as("settings in the query's round trip")
                .isEqualTo((long) ProbesBenchmark.PROBES);
        assertThat(roundTrips.get("JdbcProbesBenchmark.batchSearch")).as("100 probes in one statement").isEqualTo(1L);
        assertThat(roundTrips.get("JooqProbesBenchmark.batchNeighbors")).as("100 probes in one statement").isEqualTo(1L);
        assertThat(roundTrips.get("HibernateProbesBenchmark.batch")).isLessThan(ProbesBenchmark.PROBES / 10);
        assertThat(roundTrips.get("SpringDataProbesBenchmark.findNearestBatch")).isLessThan(ProbesBenchmark.PROBES / 10);
        assertThat(searchPaths.parallelPlans()).containsOnlyKeys(ExactParallelBenchmark.WORKERS);
        assertThat(searchPaths.parallelPlans().get(0)).doesNotContain("Gather").contains("Seq Scan");
        assertThat(searchPaths.parallelPlans().get(2)).contains("Gather").contains("Workers Planned: 2");

        StoreComparison.Report stores = run.storeComparison();
        assertThat(stores).as("vector-store comparison").isNotNull();
        assertThat(stores.stores()).hasSize(4).allSatisfy(store -> {
            assertThat(store.docsPerSecond()).as(store.label() + " docs/s").isFinite().isPositive();
            assertThat(store.rows()).as(store.label() + " documents added").isEqualTo(
                    StoreComparison.Sizes.SMOKE.addRows());
            assertThat(store.search().count()).as(store.label()).isEqualTo(StoreComparison.Sizes.SMOKE.queries());
            assertThat(store.search().meanRecall()).as(store.label() + " recall@10").isBetween(0.5, 1.0);
            assertThat(store.search().p99Micros()).as(store.label() + " p99").isGreaterThanOrEqualTo(
                    store.search().medianMicros());
        });
        assertThat(stores.stores()).filteredOn(StoreComparison.StoreResult::vectorOrm).hasSize(2).allSatisfy(store -> {
            assertThat(store.filtered().fullShare()).as(store.label() + ": iterative scan fills k").isEqualTo(1.0);
            assertThat(store.ladder()).as(store.label() + ": ef_search ladder and exact mode")
                    .extracting(StoreComparison.OperatingPoint::efSearch)
                    .containsExactlyElementsOf(java.util.stream.Stream.concat(
                            StoreComparison.EF_SEARCH_LADDER.stream(), java.util.stream.Stream.of(0)).toList());
            assertThat(store.ladder()).allSatisfy(point -> {
                assertThat(point.search().count()).as(point.name()).isEqualTo(StoreComparison.Sizes.SMOKE.ladderQueries());
                assertThat(point.search().meanRecall()).as(store.label() + " " + point.name()).isBetween(0.5, 1.0);
            });
            assertThat(store.ladder().getLast().search().meanRecall()).as(store.label() + ": exact mode")
                    .isGreaterThanOrEqualTo(0.95);
        });
        assertThat(stores.stores()).filteredOn(store -> !store.vectorOrm()).hasSize(2)
                .allSatisfy(store -> assertThat(store.ladder()).as(store.label() + ": no search settings").isEmpty());
        assertThat(stores.wide()).hasSize(4).allSatisfy(store -> {
            if (store.vectorOrm()) {
                assertThat(store.indexed()).as(store.label() + ": halfvec expression index").isTrue();
            } else {
                assertThat(store.indexed()).as(store.label() + ": pgvector refuses a 3,072-d vector index").isFalse();
                assertThat(store.index()).contains("2000 dimensions");
            }
            assertThat(store.search().meanRecall()).as(store.label() + " 3,072-d recall@10").isBetween(0.5, 1.0);
        });
        assertThat(StoreTargets.of(stores)).hasSize(8);

        String markdown = MarkdownReport.render(run);
        assertThat(markdown).contains("## Targets").contains("## Machine").contains("## Filtered k-NN")
                .contains("## Bounded load run").contains("recall@10").contains("What the latency buys").contains("`bit_hamming_ops`")
                .contains("## Vector stores").contains("store add >= 3x").contains("Search at equal recall")
                .contains("## Round trips per k-NN path").contains("## Exact search with parallel workers: plans");
        for (Suite suite : Suite.values()) {
            assertThat(markdown).contains("## " + suite.title());
        }
    }
}
