/**
 * vector-orm's benchmarks: JMH measurements of library paths beside raw pgjdbc baselines, in one run against
 * one database, reported with ratios in {@code BENCHMARKS.md}.
 *
 * <p>Layout:
 * <ul>
 *   <li>{@link io.github.vectororm.benchmarks.BenchmarkRunner} runs the suite through JMH's API in a
 *       {@link io.github.vectororm.benchmarks.Profile} (full or smoke) and writes the report;</li>
 *   <li>{@code harness}: {@link io.github.vectororm.benchmarks.harness.Suite},
 *       {@link io.github.vectororm.benchmarks.harness.InSuite} and
 *       {@link io.github.vectororm.benchmarks.harness.Compared} say which table a benchmark lands in and what it
 *       measures; the database, deterministic data and shared tables;</li>
 *   <li>{@code codec}, {@code load}, {@code read}, {@code knn}: one package per suite, each with an abstract base
 *       class (data, JMH settings, checks) and a {@code Jdbc...Benchmark} holding the raw baselines and the
 *       vector-core paths;</li>
 *   <li>{@code twostage}: plain HNSW against {@code TwoStageSearch} on one table, with a recall count against an
 *       exact scan and the indexes' sizes and build times;</li>
 *   <li>{@code loadrun}: the bounded load run, 4 threads per adapter for a fixed time (not JMH: the runner calls it
 *       after the JMH rounds);</li>
 *   <li>{@code report}: results to tables, targets, machine facts, Markdown.</li>
 * </ul>
 *
 * <p><b>Adding an adapter benchmark</b> (Hibernate, jOOQ, Spring Data) is one class: extend
 * {@link io.github.vectororm.benchmarks.knn.KnnBenchmark}, {@link io.github.vectororm.benchmarks.load.BulkLoadBenchmark}
 * or {@link io.github.vectororm.benchmarks.read.BulkReadBenchmark}, open the framework in {@code open(...)}, close it
 * in {@code close()}, and annotate each {@code @Benchmark} method with
 * {@code @Compared(value = "what it does", kind = PathKind.LIBRARY)}. The runner finds it, measures it in the same
 * rounds as the raw baseline and adds a row with its ratios to the suite's table; the smoke test then requires
 * its number too.
 */
package io.github.vectororm.benchmarks;
