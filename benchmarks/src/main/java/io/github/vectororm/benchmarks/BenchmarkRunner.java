package io.github.vectororm.benchmarks;

import io.github.vectororm.benchmarks.harness.BenchmarkCatalog;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.benchmarks.knn.FilteredKnnRecall;
import io.github.vectororm.benchmarks.knn.KnnRecall;
import io.github.vectororm.benchmarks.knn.SearchPathsCounts;
import io.github.vectororm.benchmarks.knn.SearchPathsReport;
import io.github.vectororm.benchmarks.loadrun.FilteredKnnLoadRun;
import io.github.vectororm.benchmarks.shards.ShardedKnnRun;
import io.github.vectororm.benchmarks.stores.StoreComparison;
import io.github.vectororm.benchmarks.stores.StoreTargets;
import io.github.vectororm.benchmarks.twostage.TwoStageDataset;
import io.github.vectororm.benchmarks.twostage.TwoStageRecall;
import io.github.vectororm.benchmarks.report.LoadSampler;
import io.github.vectororm.benchmarks.report.MachineFacts;
import io.github.vectororm.benchmarks.report.MarkdownReport;
import io.github.vectororm.benchmarks.report.RunSummary;
import io.github.vectororm.benchmarks.report.SuiteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmark suite through JMH's API and writes {@code BENCHMARKS.md}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--smoke] [--output FILE] [--include REGEX] [--param NAME=VALUE]...
 * </pre>
 * {@code --smoke} runs the tiny CI profile; {@code --include} narrows the run to benchmarks matching a JMH
 * regular expression (useful while writing one; the filtered k-NN count runs when a k-NN benchmark is
 * included, the bounded load run when the expression matches {@code loadrun.FilteredKnnLoadRun}, the vector-store comparison
 * when it matches {@code stores.StoreComparison}, the sharded k-NN run on private clusters when it matches
 * {@code shards.ShardedKnnRun}: in the full profile, or in the smoke profile with {@code --param shardCounts=1,2});
 * {@code --param} overrides a JMH parameter of the profile, e.g. {@code --param loadRows=20000}.
 * The database comes from {@code VECTORORM_JDBC_URL}, as for the tests.
 *
 * @since 0.1.0
 */
public final class BenchmarkRunner {

    /** The command documented in the README; the report names it. */
    public static final String COMMAND = "bash scripts/bench.sh";

    private BenchmarkRunner() {
    }

    /**
     * Command-line entry point.
     *
     * @param args {@code [--smoke] [--output FILE] [--include REGEX] [--param NAME=VALUE]...}
     * @throws Exception if a benchmark fails; the report is then not written
     */
    public static void main(String[] args) throws Exception {
        Profile profile = Profile.FULL;
        Path output = Path.of("BENCHMARKS.md");
        String include = ".*";
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> profile = Profile.SMOKE;
                case "--output" -> output = Path.of(args[++i]);
                case "--include" -> include = args[++i];
                case "--param" -> {
                    String[] parameter = args[++i].split("=", 2);
                    parameters.put(parameter[0], parameter[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--smoke] [--output FILE] [--include REGEX] [--param NAME=VALUE]...");
            }
        }
        RunSummary summary = run(profile, parameters, BenchmarkDatabase.fromEnvironment(), include, VerboseMode.NORMAL);
        Files.writeString(output, MarkdownReport.render(summary));
        System.out.println("Wrote " + output.toAbsolutePath() + " (" + summary.duration().toSeconds() + " s)");
        summary.targets().forEach(t -> System.out.printf("%s: %.2fx (needs %.2fx) %s%n", t.target().description(),
                t.ratio(), t.target().minimum(), t.met() ? "met" : "MISSED"));
        if (summary.storeComparison() != null) {
            StoreTargets.of(summary.storeComparison()).forEach(v -> System.out.printf("%s: %s (needs %s) %s%n",
                    v.description(), v.measured(), v.required(), v.met() ? "met" : "MISSED"));
        }
    }

    /**
     * The order of one round: suite after suite; the first round in JMH's (alphabetical) order, later rounds each
     * in a shuffle seeded by the round number. No path then always runs first (cold caches) or always follows the
     * same neighbor: a fixed or rotated order let every load follow the same I/O-heavy text insert.
     *
     * @param benchmarks every benchmark of the run
     * @param round the round, from 0
     * @return the benchmarks in this round's order
     */
    static List<String> roundOrder(List<String> benchmarks, int round) {
        List<String> order = new ArrayList<>();
        for (Suite suite : Suite.values()) {
            List<String> paths = new ArrayList<>(
                    benchmarks.stream().filter(b -> BenchmarkCatalog.suiteOf(b) == suite).toList());
            if (round > 0) {
                Collections.shuffle(paths, new Random(round));
            }
            order.addAll(paths);
        }
        return order;
    }

    /**
     * Runs the benchmarks of a profile, the filtered k-NN count, the two-stage recall count and the bounded load
     * run, then drops the benchmark schema.
     *
     * @param profile how much to measure
     * @param overrides JMH parameters that replace the profile's, by name (usually empty)
     * @param database where
     * @param include a JMH include regular expression, {@code ".*"} for everything
     * @param verbosity JMH's console output
     * @return what was measured
     * @throws Exception if a benchmark fails (JMH runs with fail-on-error)
     */
    public static RunSummary run(Profile profile, Map<String, String> overrides, BenchmarkDatabase database,
            String include, VerboseMode verbosity) throws Exception {
        Map<String, String> parameters = profile.parameters(overrides);
        List<String> benchmarks = BenchmarkCatalog.list(include); // fails fast on a benchmark without @Compared
        boolean loadRunIncluded = Pattern.compile(include).matcher(FilteredKnnLoadRun.class.getName()).find();
        ShardedKnnRun.Settings shards = ShardedKnnRun.Settings.of(profile == Profile.FULL, parameters);
        boolean shardsIncluded = !shards.counts().isEmpty()
                && Pattern.compile(include).matcher(ShardedKnnRun.class.getName()).find();
        boolean storesIncluded = Pattern.compile(include).matcher(StoreComparison.class.getName()).find();
        if (benchmarks.isEmpty() && !loadRunIncluded && !shardsIncluded && !storesIncluded) {
            throw new IllegalArgumentException("no benchmark matches " + include);
        }
        Instant started = Instant.now();
        database.createSchema();
        MachineFacts machine = MachineFacts.collect(database);
        Properties savedProperties = (Properties) System.getProperties().clone();
        try (LoadSampler load = new LoadSampler()) {
            // forks read these; with forks = 0 (smoke) the benchmarks run in this JVM and read them here
            System.setProperty(BenchmarkDatabase.URL_PROPERTY, database.jdbcUrl());
            System.setProperty(BenchmarkDatabase.SCHEMA_PROPERTY, database.schema());
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .shouldFailOnError(true)
                    .verbosity(verbosity)
                    .jvmArgsAppend("-D" + BenchmarkDatabase.URL_PROPERTY + "=" + database.jdbcUrl(),
                            "-D" + BenchmarkDatabase.SCHEMA_PROPERTY + "=" + database.schema());
            Options jmhOptions = profile.configure(options, overrides).build();
            boolean twoStageIncluded = benchmarks.stream().anyMatch(b -> BenchmarkCatalog.suiteOf(b) == Suite.TWO_STAGE);
            int twoStageRows = Integer.parseInt(parameters.get("twoStageRows"));
            int dimensions = Integer.parseInt(parameters.get("knnDimensions"));
            if (twoStageIncluded) {
                // built here, once, so its index build times are taken on a quiet connection; the forks reuse it
                System.out.println("vector-orm benchmarks: building the two-stage table and its three HNSW indexes");
                TwoStageDataset.prepare(database, twoStageRows, dimensions);
            }
            List<RunResult> results = new ArrayList<>();
            for (int round = 0; round < profile.rounds(); round++) {
                List<String> order = roundOrder(benchmarks, round);
                System.out.println("vector-orm benchmarks: round " + (round + 1) + " of " + profile.rounds() + ": "
                        + order.stream().map(BenchmarkCatalog::shortName).toList());
                for (String benchmark : order) {
                    results.addAll(new Runner(new OptionsBuilder().parent(jmhOptions)
                            .include("^" + Pattern.quote(benchmark) + "$").build()).run());
                }
            }
            boolean knnIncluded = benchmarks.stream().anyMatch(b -> BenchmarkCatalog.suiteOf(b) == Suite.KNN);
            List<FilteredKnnRecall.Count> filtered = knnIncluded
                    ? FilteredKnnRecall.measure(database, Integer.parseInt(parameters.get("knnRows")),
                            Integer.parseInt(parameters.get("knnDimensions")), profile.filteredQueries())
                    : List.of();
            KnnRecall.Report knnRecall = knnIncluded
                    ? KnnRecall.measure(database, Integer.parseInt(parameters.get("knnRows")),
                            Integer.parseInt(parameters.get("knnDimensions")), profile.filteredQueries())
                    : null;
            TwoStageRecall.Report twoStage = twoStageIncluded ? TwoStageRecall.measure(database, twoStageRows, dimensions,
                    Integer.parseInt(parameters.get("twoStageQueries"))) : null;
            FilteredKnnLoadRun.Report loadRun = null;
            if (loadRunIncluded) {
                System.out.println("vector-orm benchmarks: bounded load run, " + profile.rounds() + " round(s)");
                loadRun = FilteredKnnLoadRun.measure(database, Integer.parseInt(parameters.get("knnRows")),
                        Integer.parseInt(parameters.get("knnDimensions")),
                        Duration.ofMillis(Long.parseLong(parameters.get("loadRunWarmUpMillis"))),
                        Duration.ofMillis(Long.parseLong(parameters.get("loadRunMillis"))), profile.rounds());
            }
            SearchPathsReport searchPaths = SearchPathsCounts.measure(database, parameters, benchmarks);
            ShardedKnnRun.Report sharded = null;
            if (shardsIncluded) {
                System.out.println("vector-orm benchmarks: sharded k-NN at " + shards.counts() + " shard(s), clusters on"
                        + " 127.0.0.1:" + shards.port() + "+");
                sharded = ShardedKnnRun.measure(shards);
            }
            StoreComparison.Report stores = storesIncluded ? StoreComparison.measure(database,
                    (profile == Profile.SMOKE ? StoreComparison.Sizes.SMOKE : StoreComparison.Sizes.FULL).with(overrides))
                    : null;
            return new RunSummary(profile.name().toLowerCase(Locale.ROOT),
                    COMMAND + (profile == Profile.SMOKE ? " --smoke" : ""), started,
                    Duration.between(started, Instant.now()), machine, load.mean(), load.max(),
                    Map.copyOf(parameters), profile.rounds(), SuiteTable.of(results), filtered, profile.filteredQueries(),
                    loadRun, twoStage, knnRecall, searchPaths, sharded, stores);
        } finally {
            System.setProperties(savedProperties);
            database.dropSchema();
        }
    }
}
