package io.github.vectororm.core.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * k-NN over a partitioned table in the form each partition's index serves: one {@code ORDER BY col <op> ? LIMIT k}
 * per leaf partition, merged by distance. On a table whose partitions are {@code postgres_fdw} foreign tables (shards
 * on other servers), a k-NN on the parent is a Merge Append of foreign scans whose {@code LIMIT} is not pushed down, so
 * no shard is asked for its top k (each sorts all its rows, or walks its index without a limit and ships every fetched
 * row's vector); in this form each branch is a single foreign table, postgres_fdw pushes its
 * {@code ORDER BY ... LIMIT} to the shard, and the shard's HNSW/IVFFlat index serves it. Local partitions are searched
 * the same way.
 *
 * <p>The leaves are read from the catalog when the search is made ({@link #on}); make a new one after partitions are
 * added or dropped. A filter is applied in every branch, and {@code constraint_exclusion = on} for the query lets the
 * planner skip a branch whose partition bound contradicts it (a filter on the partition key prunes shards).
 *
 * <p><b>Settings do not travel to shards.</b> postgres_fdw runs the branches in sessions of its own on each shard,
 * which see neither {@code SET} nor {@code set_config} on the coordinator. A search setting (ef_search, iterative
 * scans, probes, exact mode, parallel workers) is therefore refused unless every foreign server of the table starts
 * its sessions with that value ({@code -c name=value} in the server's {@code options}); the message says how to set
 * it. A role or database setting on the shards would also reach them but cannot be seen from the coordinator, so it is
 * not accepted in place of the server option.
 *
 * @since 0.1.0
 */
public final class PartitionedSearch {

    private static final Pattern OPTION = Pattern.compile("(?:-c\\s*|--)([A-Za-z_][\\w.]*)=(\\S+)");
    /** Planner settings of the coordinator's own statement, which need not reach the shards. */
    private static final Set<String> COORDINATOR_ONLY = Set.of("plan_cache_mode", "constraint_exclusion");

    private final String idColumn;
    private final String column;
    private final VectorType type;
    private final int dimensions;
    private final Metric metric;
    private final List<Leaf> leaves;

    /**
     * A leaf partition.
     *
     * @param name its quoted, schema-qualified name
     * @param server its foreign server, or {@code null} for a local partition
     * @param serverSettings the settings the foreign server's sessions start with ({@code -c} options)
     */
    record Leaf(String name, String server, Map<String, String> serverSettings) {
    }

    private PartitionedSearch(String idColumn, String column, VectorType type, int dimensions, Metric metric,
            List<Leaf> leaves) {
        this.idColumn = idColumn;
        this.column = column;
        this.type = type;
        this.dimensions = dimensions;
        this.metric = metric;
        this.leaves = leaves;
    }

    /**
     * Reads a partitioned table's leaf partitions and their foreign servers.
     *
     * @param connection a connection to the server holding the partitioned table (the coordinator)
     * @param table the partitioned table, optionally schema-qualified
     * @param idColumn the column identifying rows
     * @param column the vector column
     * @param type its pgvector type
     * @param dimensions its dimensions
     * @param metric the distance, whose operator every partition's index serves
     * @return the search
     * @throws VectorValidationException if the table is not partitioned
     * @throws SQLException on a database error (the table does not exist, say)
     */
    public static PartitionedSearch on(Connection connection, String table, String idColumn, String column,
            VectorType type, int dimensions, Metric metric) throws SQLException {
        String name = Identifiers.qualifiedName("table", table);
        Objects.requireNonNull(type, "type").checkDimensions(dimensions);
        Objects.requireNonNull(metric, "metric").requireAppliesTo(type);
        List<Leaf> leaves = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT quote_ident(n.nspname) || '.' ||"
                + " quote_ident(c.relname), fs.srvname, fs.srvoptions FROM pg_partition_tree(CAST(? AS regclass)) t"
                + " JOIN pg_class c ON c.oid = t.relid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver"
                + " WHERE t.isleaf AND t.level > 0 ORDER BY c.relname")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array options = rs.getArray(3);
                    leaves.add(new Leaf(rs.getString(1), rs.getString(2),
                            serverSettings(options == null ? new String[0] : (String[]) options.getArray())));
                }
            }
        }
        if (leaves.isEmpty()) {
            throw new VectorValidationException(table + " has no partitions (is it a partitioned table?)");
        }
        return new PartitionedSearch(Identifiers.identifier("column", idColumn), Identifiers.identifier("column", column),
                type, dimensions, metric, List.copyOf(leaves));
    }

    /** The {@code -c name=value} (and {@code --name=value}) settings in a foreign server's {@code options}. */
    private static Map<String, String> serverSettings(String[] srvoptions) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String option : srvoptions) {
            if (option.startsWith("options=")) {
                Matcher m = OPTION.matcher(option.substring("options=".length()));
                while (m.find()) {
                    settings.put(m.group(1), m.group(2));
                }
            }
        }
        return settings;
    }

    /** {@return the leaf partitions' names, quoted and schema-qualified, in the order the statement lists them} */
    public List<String> partitions() {
        return leaves.stream().map(Leaf::name).toList();
    }

    /**
     * Renders the search: result columns {@code id}, {@code distance}, nearest first.
     *
     * @param probe the query vector, validated
     * @param k how many rows
     * @param filter an optional condition on the table's columns, applied in every branch, or {@code null}
     * @return the statement and its parameters
     */
    public SqlQuery query(Object probe, int k, Filter filter) {
        if (k < 1) {
            throw new VectorValidationException("k must be at least 1, not " + k);
        }
        Object parameter = VectorValues.toParameter(type, probe);
        type.requireDimensions("query vector", VectorValues.dimensions(type, probe), "column " + column, dimensions);
        StringBuilder sql = new StringBuilder("SELECT u.id, u.distance FROM (");
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            sql.append(i > 0 ? " UNION ALL " : "").append("(SELECT ").append(idColumn).append(" AS id, ").append(column)
                    .append(' ').append(metric.operator()).append(" ? AS distance FROM ").append(leaves.get(i).name());
            parameters.add(parameter);
            if (filter != null) {
                sql.append(" WHERE ").append(filter.sql());
                parameters.addAll(filter.parameters());
            }
            sql.append(" ORDER BY distance LIMIT ?)");
            parameters.add(k);
        }
        sql.append(") u ORDER BY u.distance LIMIT ?");
        parameters.add(k);
        return new SqlQuery(sql.toString(), parameters);
    }

    /**
     * Runs the search on the coordinator, with the planner settings of its own statement in the same round trip.
     *
     * @param connection a connection to the coordinator
     * @param probe the query vector
     * @param k how many rows
     * @param filter an optional condition, or {@code null}
     * @param settings search settings: each must already be what every shard's sessions start with (see the class
     *     comment), or {@link SearchSettings#none()}
     * @return the hits, nearest first
     * @throws VectorValidationException if a setting would not take effect on a shard, saying how to make it
     * @throws SQLException on a database error; a shard that is down fails the query naming its server
     */
    public List<Hit> search(Connection connection, Object probe, int k, Filter filter, SearchSettings settings)
            throws SQLException {
        requireReachesShards(settings);
        SqlQuery query = query(probe, k, filter);
        Set<PgVectorFeature> features = PgVectorFeature.requiredFor(type, metric);
        if (!features.isEmpty()) {
            PgVectorExtension.require(connection, features);
        }
        // constraint exclusion skips branches whose partition bound the filter contradicts; custom plans let it see
        // the filter's values
        SearchSettings coordinator = settings.withOverrides(SearchSettings.builder().partitionPruning().build());
        return SettingsPipeline.execute(connection, coordinator, query, Hit::readAll);
    }

    /**
     * Refuses settings that would not take effect on every foreign partition's server.
     *
     * @param settings the settings
     * @throws VectorValidationException naming the setting, the servers and how to set it there
     */
    public void requireReachesShards(SearchSettings settings) {
        for (Map.Entry<String, String> setting : settings.parameters().entrySet()) {
            if (COORDINATOR_ONLY.contains(setting.getKey())) {
                continue;
            }
            Set<String> missing = new TreeSet<>();
            for (Leaf leaf : leaves) {
                if (leaf.server() != null && !setting.getValue().equals(leaf.serverSettings().get(setting.getKey()))) {
                    missing.add(leaf.server());
                }
            }
            if (!missing.isEmpty()) {
                String first = missing.iterator().next();
                throw new VectorValidationException(setting.getKey() + " = " + setting.getValue() + " would not reach the"
                        + " shards " + String.join(", ", missing) + ": postgres_fdw queries them in sessions of its own,"
                        + " which do not see the coordinator's settings. Start those sessions with it, e.g. ALTER SERVER "
                        + first + " OPTIONS (ADD options '-c " + setting.getKey() + "=" + setting.getValue() + "') (SET"
                        + " instead of ADD if the server has options), for each of them; a role setting on the shards"
                        + " (ALTER ROLE ... SET) works too but cannot be checked from here");
            }
        }
    }

    /** {@return the foreign servers of the table's partitions, in name order} */
    public Set<String> servers() {
        Set<String> servers = new TreeSet<>();
        leaves.stream().map(Leaf::server).filter(Objects::nonNull).forEach(servers::add);
        return Collections.unmodifiableSet(servers);
    }
}
