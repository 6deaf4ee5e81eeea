/**
 * Sharded k-NN on postgres_fdw (issue #15): the per-partition form against the naive plan and one node, on private
 * clusters that {@code scripts/shards.sh} starts for the run.
 */
package io.github.vectororm.benchmarks.shards;
