package io.github.vectororm.benchmarks.shards;

import java.util.Locale;

/**
 * The {@code BENCHMARKS.md} section of the sharded k-NN run: how it measured, then one row per shard count and path.
 *
 * @since 0.1.0
 */
public final class ShardedKnnSection {

    private ShardedKnnSection() {
    }

    /**
     * @param report what the run measured, or {@code null} when it did not run
     * @return the section's Markdown, empty when it did not run
     */
    public static String render(ShardedKnnRun.Report report) {
        if (report == null) {
            return "";
        }
        ShardedKnnRun.Settings s = report.settings();
        StringBuilder out = new StringBuilder();
        out.append("## Sharded top-10 k-NN on postgres_fdw: per-partition vs naive vs one node (cosine)\n\n");
        out.append(String.format(Locale.ROOT, "`scripts/shards.sh` starts a coordinator and %d shards on loopback"
                + " (PostgreSQL 15 clusters with pgvector, `shared_buffers = 32MB`, sharing this machine's cores; foreign"
                + " servers with `extensions 'vector'`), stopped after the run. At each shard count the same %,d rows x %d"
                + " dimensions (the k-NN suite's embedding-shaped generator and seed) are written through the coordinator"
                + " (one `INSERT ... SELECT` from a staging table into a parent hash-partitioned on `id` over one postgres_fdw foreign partition a shard, `batch_size` 1000) and each"
                + " shard builds the HNSW cosine index (m = 16, ef_construction = 64) on its partition over its own"
                + " connection; default `hnsw.ef_search` = 40 everywhere. Setup (clusters, loads, index builds) took %.0f s."
                + " One node is the one-shard layout's table queried on its own server, without the coordinator: the same"
                + " rows and index, so the one-shard rows differ from it by the coordinator's hop. Every path reads ids and"
                + " distances on one connection of its own, one query at a time, timed by wall clock around the call: %d"
                + " query vectors, %d untimed warm-up queries a path, then %d round(s) of every path in a seeded shuffle,"
                + " pooled. Recall@10 is counted for every timed query against an exact scan of the one-node table"
                + " (`SearchSettings.exact(true)`). The plan column is EXPLAIN's on the coordinator, then EXPLAIN on each"
                + " shard of the cursor postgres_fdw declares there for the remote SQL it sends.\n\n", report.settings().counts().stream()
                .mapToInt(Integer::intValue).max().orElse(0), s.rows(), s.dimensions(), report.setupSeconds(), s.probes(),
                s.warmUp(), s.rounds()));
        out.append("| shards | path | plan | median ms | p99 ms | samples | recall@10 (worst query) |\n");
        out.append("|---:|---|---|---:|---:|---:|---:|\n");
        for (ShardedKnnRun.Figures f : report.figures()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %d | %.3f (%.1f) |\n",
                    f.path() == ShardedKnnRun.Path.ONE_NODE ? "(one node)" : Integer.toString(f.shards()),
                    f.path().label(), f.plan().replace("|", "\\|"), f.medianMillis(), f.p99Millis(), f.samples(),
                    f.recall(), f.minRecall()));
        }
        out.append("\nThe naive query sends the shards no LIMIT: postgres_fdw opens a cursor over `ORDER BY"
                + " distance` on each and the coordinator merges the first rows. The shard plans that cursor for a fast"
                + " start (`cursor_tuple_fraction`), so it either sorts all its rows (exact, the cost of a full scan) or"
                + " walks its HNSW index without a limit (approximate, as the per-partition form, at up to `ef_search`"
                + " rows a shard): the plan column says which this run got, and the recall column shows it. The"
                + " per-partition form sends each shard `ORDER BY ... LIMIT 10`, which the shard's HNSW index answers"
                + " whatever its size. Each shard searches its own graph with its own `ef_search` candidates, so with more"
                + " shards the merged top 10 is picked from more candidates (compare the recall column); the coordinator"
                + " runs the foreign scans one after another, each a few round trips (remote transaction, cursor, fetch),"
                + " so latency grows with the shard count (postgres_fdw can run them concurrently with the servers'"
                + " `async_capable` option, not measured here).\n\n");
        return out.toString();
    }
}
