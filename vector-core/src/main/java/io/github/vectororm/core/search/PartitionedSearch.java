package io.github.vectororm.core.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * k-NN over a partitioned table in the form each partition's index serves: one {@code ORDER BY col <op> ? LIMIT k}
 * per leaf partition, merged by distance. On a table whose partitions are {@code postgres_fdw} foreign tables (shards
 * on other servers), a k-NN on the parent is a Merge Append of foreign scans whose {@code LIMIT} is not pushed down, so
 * no shard is asked for its top k (each sorts all its rows, or walks its index without a limit and ships every fetched
 * row's vector); in this form each branch is a single foreign table, postgres_fdw pushes its
 * {@code ORDER BY ... LIMIT} to the shard, and the shard's HNSW/IVFFlat index serves it. Local partitions are searched
 * the same way.
 *
 * <p>The leaves are the {@link Partitions} the search was made on. A filter is applied in every branch, and
 * {@code constraint_exclusion = on} for the query lets the planner skip a branch whose partition bound contradicts it
 * (a filter on the partition key prunes shards). Settings must reach the shards: see {@link Partitions}.
 *
 * @since 0.1.0
 */
public final class PartitionedSearch {

    private final Partitions partitions;
    private final String idColumn;
    private final String column;
    private final VectorType type;
    private final int dimensions;
    private final Metric metric;

    private PartitionedSearch(Partitions partitions, String idColumn, String column, VectorType type, int dimensions,
            Metric metric) {
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.idColumn = Identifiers.identifier("column", idColumn);
        this.column = Identifiers.identifier("column", column);
        this.type = Objects.requireNonNull(type, "type");
        type.checkDimensions(dimensions);
        this.dimensions = dimensions;
        this.metric = Objects.requireNonNull(metric, "metric");
        metric.requireAppliesTo(type);
    }

    /**
     * Reads a partitioned table's leaf partitions ({@link Partitions#of}) and makes the search over them.
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
        Objects.requireNonNull(type, "type").checkDimensions(dimensions);
        Objects.requireNonNull(metric, "metric").requireAppliesTo(type);
        return on(Partitions.of(connection, table), idColumn, column, type, dimensions, metric);
    }

    /**
     * The search over partitions already read.
     *
     * @param partitions the partitioned table's leaves
     * @param idColumn the column identifying rows
     * @param column the vector column
     * @param type its pgvector type
     * @param dimensions its dimensions
     * @param metric the distance, whose operator every partition's index serves
     * @return the search
     */
    public static PartitionedSearch on(Partitions partitions, String idColumn, String column, VectorType type,
            int dimensions, Metric metric) {
        return new PartitionedSearch(partitions, idColumn, column, type, dimensions, metric);
    }

    /** {@return the partitions the search runs over} */
    public Partitions partitions() {
        return partitions;
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
        List<Object> parameters = new ArrayList<>();
        String union = partitions.unionAll(partition -> {
            parameters.add(parameter);
            String where = "";
            if (filter != null) {
                where = " WHERE " + filter.sql();
                parameters.addAll(filter.parameters());
            }
            parameters.add(k);
            return "SELECT " + idColumn + " AS id, " + column + ' ' + metric.operator() + " ? AS distance FROM "
                    + partition + where + " ORDER BY distance LIMIT ?";
        });
        parameters.add(k);
        return new SqlQuery("SELECT u.id, u.distance FROM (" + union + ") u ORDER BY u.distance LIMIT ?", parameters);
    }

    /**
     * Runs the search on the coordinator, with the planner settings of its own statement in the same round trip.
     *
     * @param connection a connection to the coordinator
     * @param probe the query vector
     * @param k how many rows
     * @param filter an optional condition, or {@code null}
     * @param settings search settings: each must already be what every shard's sessions start with (see
     *     {@link Partitions}), or {@link SearchSettings#none()}
     * @return the hits, nearest first
     * @throws VectorValidationException if a setting would not take effect on a shard, saying how to make it
     * @throws SQLException on a database error; a shard that is down fails the query naming its server
     */
    public List<Hit> search(Connection connection, Object probe, int k, Filter filter, SearchSettings settings)
            throws SQLException {
        partitions.requireReachesShards(settings);
        SqlQuery query = query(probe, k, filter);
        Set<PgVectorFeature> features = PgVectorFeature.requiredFor(type, metric);
        if (!features.isEmpty()) {
            PgVectorExtension.require(connection, features);
        }
        return SettingsPipeline.execute(connection, coordinatorSettings(settings), query, Hit::readAll);
    }

    /**
     * The settings of the coordinator's own statement: the caller's plus partition pruning (constraint exclusion skips
     * branches whose partition bound the filter contradicts; custom plans let it see the filter's values).
     */
    static SearchSettings coordinatorSettings(SearchSettings settings) {
        return settings.withOverrides(SearchSettings.builder().partitionPruning().build());
    }
}
