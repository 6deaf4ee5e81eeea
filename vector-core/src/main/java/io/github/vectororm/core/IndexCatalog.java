package io.github.vectororm.core;

import io.github.vectororm.core.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the catalog says about a declared index and its table: partitions, attached indexes, validity, sizes. */
final class IndexCatalog {

    private IndexCatalog() {
    }

    /** A leaf partition, with its name quoted from the catalog and its regclass text for messages. */
    record Partition(long oid, String schema, String name, String display, String relkind) {
        String qualifiedName() {
            return IndexNames.quote(schema) + "." + IndexNames.quote(name);
        }
    }

    /** The index's name as SQL, in its table's schema (an index lives there). */
    static String indexName(IndexDefinition index) {
        return indexName(index, index.name());
    }

    /** Another index name on the declared table, as SQL. */
    static String indexName(IndexDefinition index, String name) {
        return Identifiers.schemaPrefix("table", index.table()) + Identifiers.identifier("index", name);
    }

    /** The partitions directly under the declared table, ordered by name. */
    static List<Partition> partitions(Connection connection, IndexDefinition index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.oid, n.nspname, c.relname,"
                + " c.oid::regclass::text, c.relkind FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.inhparent = to_regclass(?) ORDER BY 4")) {
            statement.setString(1, Identifiers.qualifiedName("table", index.table()));
            List<Partition> partitions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    partitions.add(new Partition(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return partitions;
        }
    }

    /** Whether some index of the partition is attached to the parent index. */
    static boolean hasAttachedIndex(Connection connection, String parentIndex, Partition partition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_inherits h"
                + " JOIN pg_index x ON x.indexrelid = h.inhrelid WHERE h.inhparent = to_regclass(?) AND x.indrelid = ?)")) {
            statement.setString(1, parentIndex);
            statement.setLong(2, partition.oid());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** {@link IndexBuilder#sizeBytes(Connection, IndexDefinition)}. */
    static long sizeBytes(Connection connection, IndexDefinition index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce((SELECT sum(pg_relation_size(relid)) FROM pg_partition_tree(r)), pg_relation_size(r), 0)"
                        + " FROM to_regclass(?) r")) {
            statement.setString(1, indexName(index));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {@link IndexBuilder#partitionIndexes(Connection, IndexDefinition)}. */
    static List<IndexBuilder.PartitionIndex> partitionIndexes(Connection connection, IndexDefinition index)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT i.indrelid::regclass::text,"
                + " t.relid::regclass::text, pg_relation_size(t.relid) FROM pg_partition_tree(to_regclass(?)) t"
                + " JOIN pg_index i ON i.indexrelid = t.relid WHERE t.isleaf AND t.level > 0 ORDER BY 1")) {
            statement.setString(1, indexName(index));
            List<IndexBuilder.PartitionIndex> partitions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    partitions.add(new IndexBuilder.PartitionIndex(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return partitions;
        }
    }

    /**
     * Drops the index if it exists: {@code CONCURRENTLY} when so declared, except for a partitioned index, which
     * PostgreSQL drops only without it.
     */
    static void drop(Connection connection, IndexDefinition index) throws SQLException {
        String name = indexName(index);
        boolean concurrently = index.concurrently();
        if (concurrently) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT relkind FROM pg_class WHERE oid = to_regclass(?)")) {
                statement.setString(1, name);
                try (ResultSet rs = statement.executeQuery()) {
                    concurrently = !(rs.next() && "I".equals(rs.getString(1)));
                }
            }
        }
        execute(connection, "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF EXISTS " + name);
    }

    /** Runs one statement (DDL: nothing to bind). */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
