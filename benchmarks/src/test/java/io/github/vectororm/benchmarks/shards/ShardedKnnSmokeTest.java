package io.github.vectororm.benchmarks.shards;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.benchmarks.BenchmarkRunner;
import io.github.vectororm.benchmarks.Profile;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.report.MarkdownReport;
import io.github.vectororm.benchmarks.report.RunSummary;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The sharded k-NN run at smoke size, through the runner as {@code bash scripts/bench.sh} starts it: private clusters
 * on 127.0.0.1:5455-5459 ({@code scripts/shards.sh}, root or postgres and this machine's PostgreSQL binaries), so it is
 * a "clusters" test, kept out of the default smoke profile, which runs where no clusters can start. Every path must
 * produce a latency and a recall, each plan must be the one the section describes, and the section must render. No
 * timing is asserted.
 */
@Tag("clusters")
@PgVectorDatabase
class ShardedKnnSmokeTest {

    @Test
    void everyShardCountAndPathProducesFiguresAndThePlansAreTheExpectedOnes(TestDatabase database) throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        RunSummary run = BenchmarkRunner.run(Profile.SMOKE, Map.of(ShardedKnnRun.COUNTS_PARAMETER, "1,2,4",
                        ShardedKnnRun.PORT_PARAMETER, "5455", "shardsDir", "/var/tmp/vectororm-shards-bench-test"),
                new BenchmarkDatabase(database.jdbcUrl(), database.schema()), "shards\\.ShardedKnnRun", VerboseMode.SILENT);

        ShardedKnnRun.Report report = run.sharded();
        assertThat(report).as("sharded run").isNotNull();
        List<ShardedKnnRun.Figures> figures = report.figures();
        assertThat(figures).extracting(ShardedKnnRun.Figures::shards, ShardedKnnRun.Figures::path).containsExactlyInAnyOrder(
                org.assertj.core.api.Assertions.tuple(1, ShardedKnnRun.Path.ONE_NODE),
                org.assertj.core.api.Assertions.tuple(1, ShardedKnnRun.Path.PER_PARTITION),
                org.assertj.core.api.Assertions.tuple(1, ShardedKnnRun.Path.NAIVE),
                org.assertj.core.api.Assertions.tuple(2, ShardedKnnRun.Path.PER_PARTITION),
                org.assertj.core.api.Assertions.tuple(2, ShardedKnnRun.Path.NAIVE),
                org.assertj.core.api.Assertions.tuple(4, ShardedKnnRun.Path.PER_PARTITION),
                org.assertj.core.api.Assertions.tuple(4, ShardedKnnRun.Path.NAIVE));
        for (ShardedKnnRun.Figures f : figures) {
            String what = f.path() + " at " + f.shards();
            assertThat(f.samples()).as(what).isEqualTo(report.settings().probes() * report.settings().rounds());
            assertThat(f.medianMillis()).as(what + " median").isFinite().isPositive();
            assertThat(f.p99Millis()).as(what + " p99").isGreaterThanOrEqualTo(f.medianMillis());
            assertThat(f.recall()).as(what + " recall").isBetween(0.5, 1.0);
            switch (f.path()) {
                case PER_PARTITION -> assertThat(f.plan()).as(what)
                        .contains(f.shards() + " × Foreign Scan (remote SQL: ORDER BY, LIMIT 10)")
                        .contains("on the shards: Limit → Index Scan using <partition>_hnsw");
                case NAIVE -> {
                    assertThat(f.plan()).as(what).contains(f.shards() + " × Foreign Scan (remote SQL: ORDER BY, no LIMIT)");
                    if (!f.plan().contains("Index Scan")) {
                        assertThat(f.recall()).as(what + ": a shard that sorts every row is exact").isEqualTo(1.0);
                    }
                }
                case ONE_NODE -> assertThat(f.plan()).as(what).contains("Index Scan using <partition>_hnsw");
                default -> throw new IllegalStateException("unknown path " + f.path());
            }
        }
        assertThat(MarkdownReport.render(run)).contains("## Sharded top-10 k-NN on postgres_fdw").contains("(one node)");
    }
}
