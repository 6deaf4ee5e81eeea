package io.github.vectororm.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    /**
     * A leaf partition as the coordinator sees it.
     *
     * @param name its quoted, schema-qualified name on the coordinator
     * @param server its foreign server, or {@code null} for a local partition
     * @param remoteTable the table it reads on that server, quoted and schema-qualified (its own name when local)
     */
    record Leaf(String name, String server, String remoteTable) {
    }

    private ShardedIndexBuild() {
    }

    /**
     * The leaves of a partitioned table, in name order; a foreign leaf's remote table from its {@code schema_name} and
     * {@code table_name} options, which default to the foreign table's own schema and name as postgres_fdw's do.
     */
    static List<Leaf> leaves(Connection coordinator, String table) throws SQLException {
        List<Leaf> leaves = new ArrayList<>();
        try (PreparedStatement s = coordinator.prepareStatement("SELECT quote_ident(n.nspname) || '.' ||"
                + " quote_ident(c.relname), fs.srvname, quote_ident(coalesce((SELECT substr(o, 13) FROM"
                + " unnest(ft.ftoptions) o WHERE o LIKE 'schema_name=%'), n.nspname)) || '.' || quote_ident(coalesce(("
                + "SELECT substr(o, 12) FROM unnest(ft.ftoptions) o WHERE o LIKE 'table_name=%'), c.relname))"
                + " FROM pg_partition_tree(CAST(? AS regclass)) t JOIN pg_class c ON c.oid = t.relid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid"
                + " LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver WHERE t.isleaf AND t.level > 0"
                + " ORDER BY c.relname")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    leaves.add(new Leaf(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return leaves;
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
            built.add(new IndexBuilder.ShardIndex(leaf.name(), leaf.server(), result));
        }
        progress.accept(new IndexBuilder.Progress("done", 0, 0, 0, 0, leaves.size(), leaves.size(), true));
        return List.copyOf(built);
    }
}
