/**
 * The bounded load run ({@link io.github.vectororm.benchmarks.loadrun.FilteredKnnLoadRun}): a fixed number of
 * threads for a fixed time per adapter, queries/s and latency percentiles; not a JMH suite, the runner calls it after
 * the JMH rounds.
 */
package io.github.vectororm.benchmarks.loadrun;
