package io.github.vectororm.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaf partitions of a partitioned table as the coordinator's catalog lists them, in one query: what per-partition
 * searches ({@code Partitions}) and index builds on shards ({@code IndexBuilder.buildOnShards}) are made from. Not API.
 */
public final class PartitionCatalog {

    /**
     * One leaf partition.
     *
     * @param schema its schema, as the catalog spells it
     * @param name its table name, as the catalog spells it
     * @param sql its schema-qualified name for SQL, quoted by the server where it needs to be
     * @param server its foreign server, or {@code null} for a local partition
     * @param serverOptions the server's options ({@code name=value}), empty for a local partition
     * @param remoteTable the table it reads on its server, quoted and schema-qualified, from the foreign table's
     *     {@code schema_name}/{@code table_name} options, which default to its own as postgres_fdw's do
     *     (its own name when local)
     * @param parentSchema the partitioned table's schema, as the catalog spells it
     * @param bypassesRowSecurity whether the parent has row-level security enabled and the leaf has not, so reading
     *     the leaf directly would return rows the parent's policies hide from a role they apply to (whoever reads the
     *     catalog now: a search made from it may run as another role)
     */
    public record Leaf(String schema, String name, String sql, String server, List<String> serverOptions,
            String remoteTable, String parentSchema, boolean bypassesRowSecurity) {
    }

    private PartitionCatalog() {
    }

    /**
     * Reads the leaves.
     *
     * @param connection a connection to the server holding the partitioned table
     * @param table the table's name for SQL, validated ({@link Identifiers#qualifiedName})
     * @return the leaves in name order, empty if the table has none (or is not partitioned)
     * @throws SQLException on a database error (the table does not exist, say)
     */
    public static List<Leaf> leaves(Connection connection, String table) throws SQLException {
        List<Leaf> leaves = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT n.nspname, c.relname,"
                + " quote_ident(n.nspname) || '.' || quote_ident(c.relname), fs.srvname, fs.srvoptions,"
                + " quote_ident(coalesce((SELECT substr(o, 13) FROM unnest(ft.ftoptions) o WHERE o LIKE 'schema_name=%'),"
                + " n.nspname)) || '.' || quote_ident(coalesce((SELECT substr(o, 12) FROM unnest(ft.ftoptions) o"
                + " WHERE o LIKE 'table_name=%'), c.relname)),"
                + " pn.nspname, p.relrowsecurity AND NOT c.relrowsecurity"
                + " FROM pg_class p JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + " CROSS JOIN LATERAL pg_partition_tree(p.oid) t JOIN pg_class c ON c.oid = t.relid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid"
                + " LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver WHERE t.isleaf AND t.level > 0"
                + " AND p.oid = CAST(? AS regclass) ORDER BY c.relname")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array options = rs.getArray(5);
                    leaves.add(new Leaf(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            options == null ? List.of() : List.of((String[]) options.getArray()), rs.getString(6),
                            rs.getString(7), rs.getBoolean(8)));
                }
            }
        }
        return leaves;
    }
}
