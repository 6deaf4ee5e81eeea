package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.harness.BenchmarkCatalog;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.MultisetStatistics;

/**
 * One suite's results as a table: every path with its numbers and ratios to the suite's raw baseline, and
 * the JMH settings they were measured with.
 *
 * @param suite the suite
 * @param paths the paths, baseline first, then in JMH's order
 * @param settings the JMH settings of one round of the suite (from its first result)
 * @since 0.1.0
 */
public record SuiteTable(Suite suite, List<PathResult> paths, BenchmarkParams settings) {

    /**
     * Groups JMH results by suite, pools each path's rounds and computes the ratios.
     *
     * @param results what JMH returned, for all rounds
     * @return one table per suite that has results, in {@link Suite} order
     */
    public static List<SuiteTable> of(Collection<RunResult> results) {
        Map<Suite, Map<String, List<RunResult>>> bySuite = new EnumMap<>(Suite.class);
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            bySuite.computeIfAbsent(BenchmarkCatalog.suiteOf(benchmark), s -> new LinkedHashMap<>())
                    .computeIfAbsent(benchmark, b -> new ArrayList<>()).add(result);
        }
        List<SuiteTable> tables = new ArrayList<>();
        bySuite.forEach((suite, byBenchmark) -> tables.add(of(suite, byBenchmark.values())));
        return tables;
    }

    private static SuiteTable of(Suite suite, Collection<List<RunResult>> resultsPerBenchmark) {
        List<PathResult> paths = new ArrayList<>();
        for (List<RunResult> rounds : resultsPerBenchmark) {
            PathResult path = convert(suite, rounds);
            if (path.kind() == PathKind.RAW_BASELINE) {
                paths.addFirst(path);
            } else {
                paths.add(path);
            }
        }
        Optional<PathResult> baseline = paths.stream().filter(p -> p.kind() == PathKind.RAW_BASELINE).findFirst();
        List<PathResult> withRatios = paths.stream().map(p -> baseline
                .map(b -> p.withRatios(p.speed(suite.measure()) / b.speed(suite.measure()),
                        suite.measure() == Suite.Measure.LATENCY_PERCENTILES ? b.p99() / p.p99() : Double.NaN))
                .orElse(p)).toList();
        return new SuiteTable(suite, withRatios, resultsPerBenchmark.iterator().next().getFirst().getParams());
    }

    /** One path's results of every round, pooled: iteration scores, or latency samples, of all rounds together. */
    private static PathResult convert(Suite suite, List<RunResult> rounds) {
        BenchmarkParams params = rounds.getFirst().getParams();
        Compared compared = BenchmarkCatalog.comparedOf(params.getBenchmark());
        TimeUnit unit = params.getTimeUnit();
        MultisetStatistics statistics = new MultisetStatistics();
        for (RunResult round : rounds) {
            // per iteration (average time, single shot) or per sampled invocation (sample time)
            round.getPrimaryResult().getStatistics().getRawData()
                    .forEachRemaining(value -> statistics.addValue(value.getKey(), value.getValue()));
        }
        double median = micros(statistics.getPercentile(50), unit);
        double fastest = micros(statistics.getMin(), unit);
        double slowest = micros(statistics.getMax(), unit);
        String benchmark = BenchmarkCatalog.shortName(params.getBenchmark());
        return switch (suite.measure()) {
            case TIME_PER_OPERATION -> new PathResult(benchmark, compared.value(), compared.kind(), median, Double.NaN,
                    fastest, slowest, median / 1000, statistics.getN(), Double.NaN, Double.NaN);
            case ROWS_PER_SECOND -> {
                long rows = Long.parseLong(params.getParam(suite.rowsParameter()));
                yield new PathResult(benchmark, compared.value(), compared.kind(), rowsPerSecond(rows, median),
                        Double.NaN, rowsPerSecond(rows, slowest), rowsPerSecond(rows, fastest), median / 1000,
                        statistics.getN(), Double.NaN, Double.NaN);
            }
            case LATENCY_PERCENTILES -> new PathResult(benchmark, compared.value(), compared.kind(), median,
                    micros(statistics.getPercentile(99), unit), Double.NaN, Double.NaN, median / 1000,
                    statistics.getN(), Double.NaN, Double.NaN);
        };
    }

    private static double rowsPerSecond(long rows, double micros) {
        return rows / (micros / 1e6);
    }

    private static double micros(double value, TimeUnit unit) {
        return value * unit.toNanos(1) / 1000.0;
    }

    /**
     * @param benchmark {@code SimpleClassName.method}
     * @return the path, if this table has it
     */
    public Optional<PathResult> path(String benchmark) {
        return paths.stream().filter(p -> p.benchmark().equals(benchmark)).findFirst();
    }
}
