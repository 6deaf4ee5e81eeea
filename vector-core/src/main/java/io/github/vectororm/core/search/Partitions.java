package io.github.vectororm.core.search;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.internal.PartitionCatalog;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leaf partitions of a partitioned table as the catalog lists them, with the foreign server of each one that is a
 * {@code postgres_fdw} shard: what the per-partition k-NN form is rendered over. A k-NN on a partitioned parent whose
 * partitions are foreign tables is a Merge Append of foreign scans that push no {@code LIMIT}, so no shard's index
 * serves it; {@link PartitionedSearch}, {@link HybridSearch} and {@link TwoStageSearch} made on a {@code Partitions}
 * instead run one {@code ORDER BY ... LIMIT} per leaf, which postgres_fdw pushes to the shard, and merge the branches.
 *
 * <p><b>Settings do not travel to shards.</b> postgres_fdw runs the branches in sessions of its own on each shard,
 * which see neither {@code SET} nor {@code set_config} on the coordinator. A search setting (ef_search, iterative scans,
 * probes, exact mode, parallel workers) is therefore refused ({@link #requireReachesShards}) unless every foreign
 * server of the table starts its sessions with that value ({@code -c name=value} in the server's {@code options}),
 * which the catalog shows; the message says how to set it. A role or database setting on the shards would also reach
 * them but cannot be seen from the coordinator, so it is not accepted in place of the server option.
 *
 * <p><b>Row-level security.</b> A policy applies to the table a query names, and the per-partition form names the
 * leaves, not the parent: {@link #of} refuses a table with row-level security enabled while a leaf has it not, since
 * the branches would return rows the parent's policies hide. The check does not depend on the role reading the
 * catalog (an instance made as the table's owner may serve searches run as a tenant's role). Give every local
 * partition row-level security and the parent's policies (the check sees that security is on, not that the policies
 * are the same).
 *
 * <p>The leaves are read once, when the instance is made ({@link #of}); make a new one after partitions are attached
 * or detached, or a server's options change. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Partitions {

    private static final Pattern OPTION = Pattern.compile("(?:-c\\s*|--)([A-Za-z_][\\w.]*)=(\\S+)");
    /** Planner settings of the coordinator's own statement, which need not reach the shards. */
    private static final Set<String> COORDINATOR_ONLY = Set.of("plan_cache_mode", "constraint_exclusion");

    private final String table;
    private final String schema;
    private final List<Partition> partitions;
    private final Map<String, Map<String, String>> serverSettings;

    /**
     * One leaf partition.
     *
     * @param schema its schema, as the catalog spells it
     * @param name its table name, as the catalog spells it
     * @param server its foreign server, or {@code null} for a local partition
     * @param sql its schema-qualified name for SQL, quoted by the server where it needs to be ({@code quote_ident})
     * @since 0.1.0
     */
    public record Partition(String schema, String name, String server, String sql) {
    }

    private Partitions(String table, String schema, List<Partition> partitions,
            Map<String, Map<String, String>> serverSettings) {
        this.table = table;
        this.schema = schema;
        this.partitions = partitions;
        this.serverSettings = serverSettings;
    }

    /**
     * Reads a partitioned table's leaf partitions, their foreign servers and the settings those servers' sessions
     * start with; one catalog query.
     *
     * @param connection a connection to the server holding the partitioned table (the coordinator)
     * @param table the partitioned table, optionally schema-qualified
     * @return its partitions
     * @throws VectorValidationException if the table has no partitions, or has row-level security enabled while one of
     *     its partitions has not
     * @throws SQLException on a database error (the table does not exist, say)
     */
    public static Partitions of(Connection connection, String table) throws SQLException {
        String name = Identifiers.qualifiedName("table", table);
        List<Partition> leaves = new ArrayList<>();
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        List<String> unguarded = new ArrayList<>();
        String schema = null;
        for (PartitionCatalog.Leaf leaf : PartitionCatalog.leaves(connection, name)) {
            Partition partition = new Partition(leaf.schema(), leaf.name(), leaf.server(), leaf.sql());
            leaves.add(partition);
            schema = leaf.parentSchema();
            if (leaf.bypassesRowSecurity()) {
                unguarded.add(leaf.sql() + (leaf.server() == null ? "" : " (on " + leaf.server() + ")"));
            }
            if (leaf.server() != null) {
                settings.put(leaf.server(), serverSettings(leaf.serverOptions()));
            }
        }
        if (leaves.isEmpty()) {
            throw new VectorValidationException(table + " has no partitions (is it a partitioned table?)");
        }
        if (!unguarded.isEmpty()) {
            // a policy applies to the table a query names: the per-partition form names the leaves, not the parent
            throw new VectorValidationException(table + " has row-level security, but its partitions "
                    + String.join(", ", unguarded) + " do not: the per-partition form reads each partition directly,"
                    + " where the parent's policies do not apply, so it would return other tenants' rows. Enable row-level"
                    + " security with the same policies on every local partition (ALTER TABLE ... ENABLE ROW LEVEL"
                    + " SECURITY; CREATE POLICY ...); a foreign partition cannot have them on the coordinator (its shard"
                    + " would have to enforce them): search the parent instead");
        }
        return new Partitions(name, schema, List.copyOf(leaves), Collections.unmodifiableMap(settings));
    }

    /** The {@code -c name=value} (and {@code --name=value}) settings in a foreign server's {@code options}. */
    private static Map<String, String> serverSettings(List<String> srvoptions) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String option : srvoptions) {
            if (option.startsWith("options=")) {
                Matcher m = OPTION.matcher(option.substring("options=".length()));
                while (m.find()) {
                    settings.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
                }
            }
        }
        return settings;
    }

    /** {@return the partitioned table, as SQL} */
    public String table() {
        return table;
    }

    /** {@return the partitioned table's schema, as the catalog spells it} */
    public String schema() {
        return schema;
    }

    /** {@return the leaf partitions, in name order} */
    public List<Partition> list() {
        return partitions;
    }

    /** {@return the foreign servers of the table's partitions, in name order; empty if every partition is local} */
    public Set<String> servers() {
        return Collections.unmodifiableSet(new TreeSet<>(serverSettings.keySet()));
    }

    /**
     * Refuses settings that would not take effect on every foreign partition's server: each must be what the
     * server's sessions start with. Coordinator-only planner settings ({@code plan_cache_mode},
     * {@code constraint_exclusion}) pass, and so does everything when no partition is foreign.
     *
     * @param settings the settings the search would apply
     * @throws VectorValidationException naming the setting, the servers and how to set it there
     */
    public void requireReachesShards(SearchSettings settings) {
        requireReachesShards(settings, Set.of());
    }

    /** As {@link #requireReachesShards(SearchSettings)}, leaving out settings the caller checks its own way. */
    void requireReachesShards(SearchSettings settings, Set<String> checkedElsewhere) {
        for (Map.Entry<String, String> setting : settings.parameters().entrySet()) {
            if (COORDINATOR_ONLY.contains(setting.getKey()) || checkedElsewhere.contains(setting.getKey())) {
                continue;
            }
            Set<String> missing = new TreeSet<>();
            serverSettings.forEach((server, own) -> {
                if (!sameValue(setting.getValue(), own.get(setting.getKey().toLowerCase(Locale.ROOT)))) {
                    missing.add(server);
                }
            });
            if (!missing.isEmpty()) {
                throw notOnShards(setting.getKey() + " = " + setting.getValue(), missing,
                        "-c " + setting.getKey() + "=" + setting.getValue());
            }
        }
    }

    /**
     * Whether a server's option gives a setting the value asked for, as PostgreSQL reads both: booleans in any of its
     * spellings ({@code off}, {@code false}, {@code 0}, ...), numbers by value ({@code 2.0} is {@code 2}), the rest as
     * written, case-insensitively.
     */
    static boolean sameValue(String wanted, String option) {
        if (option == null) {
            return false;
        }
        Boolean a = bool(wanted);
        Boolean b = bool(option);
        if (a != null && b != null) {
            return a.equals(b);
        }
        try {
            return new BigDecimal(wanted).compareTo(new BigDecimal(option)) == 0;
        } catch (NumberFormatException notNumbers) {
            return wanted.equalsIgnoreCase(option);
        }
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "t", "y" -> Boolean.TRUE;
            case "off", "false", "no", "f", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Refuses a search whose shards would use less than {@code minimum} for an integer setting (the
     * {@code hnsw.ef_search} a two-stage shortlist needs): each foreign server's sessions must start with at least it.
     */
    void requireAtLeastOnShards(String parameter, int minimum, String why) {
        Set<String> missing = new TreeSet<>();
        serverSettings.forEach((server, own) -> {
            String value = own.get(parameter.toLowerCase(Locale.ROOT));
            if (value == null || !value.matches("\\d+") || Integer.parseInt(value) < minimum) {
                missing.add(server);
            }
        });
        if (!missing.isEmpty()) {
            throw notOnShards(parameter + " >= " + minimum + " (" + why + ")", missing, "-c " + parameter + "=" + minimum);
        }
    }

    private static VectorValidationException notOnShards(String what, Set<String> servers, String option) {
        return new VectorValidationException(what + " would not reach the shards " + String.join(", ", servers)
                + ": postgres_fdw queries them in sessions of its own, which do not see the coordinator's settings."
                + " Start those sessions with it, e.g. ALTER SERVER " + servers.iterator().next() + " OPTIONS (ADD options '"
                + option + "') (SET instead of ADD if the server has options), for each of them; a role setting on"
                + " the shards (ALTER ROLE ... SET) works too but cannot be checked from here");
    }

    /**
     * Renders {@code (branch_1) UNION ALL (branch_2) ...}, one branch per leaf, each the same SQL over its partition.
     *
     * @param branch the branch's SQL for a partition name; it adds its parameters to {@code parameters} itself
     */
    String unionAll(Function<String, String> branch) {
        StringBuilder sql = new StringBuilder();
        for (Partition partition : partitions) {
            sql.append(sql.length() > 0 ? " UNION ALL (" : "(").append(branch.apply(partition.sql())).append(')');
        }
        return sql.toString();
    }

    @Override
    public String toString() {
        return "Partitions[" + table + ": " + partitions.stream()
                .map(p -> p.sql() + (p.server() == null ? "" : " on " + p.server())).toList() + "]";
    }
}
