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
                + " (`COPY` into a parent hash-partitioned on `id` over one postgres_fdw foreign partition a shard) and each"
                + " shard builds the HNSW cosine index (m = 16, ef_construction = 64) on its partition over its own"
                + " connection; default `hnsw.ef_search` = 40 everywhere. Setup (clusters, loads, index builds) took %.0f s."
                + " One node is the one-shard layout's table queried on its own server, without the coordinator: the same"
                + " rows and index, so the one-shard rows differ from it by the coordinator's hop. Every path reads ids and"
                + " distances on one connection of its own, one query at a time, timed by wall clock around the call: %d"
                + " query vectors, %d untimed warm-up queries a path, then %d round(s) of every path in a seeded shuffle,"
                + " pooled. Recall@10 is counted for every timed query against an exact scan of the one-node table"
                + " (`SearchSettings.exact(true)`). The plan column is EXPLAIN's on the coordinator, then EXPLAIN on each"
                + " shard of the remote SQL postgres_fdw sends it.\n\n", report.settings().counts().stream()
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
        out.append("\nThe naive query is exact: each shard sorts all its rows (no LIMIT reaches it), so it costs a full"
                + " scan of the largest shard plus the transfer, whatever the shard count. The per-partition form sends"
                + " each shard `ORDER BY ... LIMIT 10`, which its HNSW index answers; each shard searches its own graph"
                + " with its own `ef_search` candidates, so more shards return more candidates in all and recall rises,"
                + " while the coordinator queries the shards one after another (postgres_fdw's Append is not asynchronous"
                + " unless the servers set `async_capable`).\n\n");
        return out.toString();
    }
}
