package io.github.vectororm.core;

import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.internal.PartitionCatalog;
import io.github.vectororm.core.internal.PartitionCatalog.Leaf;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@link IndexBuilder#buildOnShards}: the leaves of a partitioned table on the coordinator, each foreign leaf's server
 * and remote table, and one build a leaf on the server that holds its rows.
 */
final class ShardedIndexBuild {

    private ShardedIndexBuild() {
    }

    private static List<Leaf> leaves(Connection coordinator, String table) throws SQLException {
        return PartitionCatalog.leaves(coordinator, Identifiers.qualifiedName("table", table));
    }

    /** Whether any leaf of the table is a foreign table (then CREATE INDEX on the parent fails). */
    static boolean hasForeignLeaves(Connection coordinator, String table) throws SQLException {
        return leaves(coordinator, table).stream().anyMatch(leaf -> leaf.server() != null);
    }

    static List<IndexBuilder.ShardIndex> build(IndexBuilder coordinator, DataSource coordinatorSource, IndexDefinition index,
            Map<String, DataSource> shards, Consumer<IndexBuilder.Progress> progress) throws SQLException {
        Objects.requireNonNull(shards, "shards");
        List<Leaf> leaves;
        try (Connection c = coordinatorSource.getConnection()) {
            leaves = leaves(c, index.table());
        }
        if (leaves.isEmpty()) {
            throw new VectorValidationException(index.table() + " has no partitions (is it a partitioned table?):"
                    + " build its index with build(...)");
        }
        List<String> missing = leaves.stream().map(Leaf::server).filter(server -> server != null && !shards.containsKey(server))
                .distinct().toList();
        if (!missing.isEmpty()) {
            throw new VectorValidationException("no DataSource for the foreign server(s) " + String.join(", ", missing)
                    + " of " + index.table() + "'s partitions: pass one a server, by its name, that connects to the"
                    + " shard's database as a role that may create the index there");
        }
        List<IndexBuilder.ShardIndex> built = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            Leaf leaf = leaves.get(i);
            IndexDefinition onLeaf = index.on(leaf.remoteTable(), index.nameOn(leaf.remoteTable()));
            DataSource target = leaf.server() == null ? coordinatorSource : shards.get(leaf.server());
            int done = i;
            IndexBuilder.Result result = coordinator.copyFor(target).build(onLeaf, p -> {
                if (!p.done()) {
                    progress.accept(new IndexBuilder.Progress(p.phase(), p.blocksDone(), p.blocksTotal(), p.tuplesDone(),
                            p.tuplesTotal(), done, leaves.size(), false));
                }
            });
            built.add(new IndexBuilder.ShardIndex(leaf.sql(), leaf.server(), result));
        }
        progress.accept(new IndexBuilder.Progress("done", 0, 0, 0, 0, leaves.size(), leaves.size(), true));
        return List.copyOf(built);
    }
}
