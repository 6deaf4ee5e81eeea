package io.github.vectororm.jooq;

import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.jooq.internal.PerPartitionSelect;
import io.github.vectororm.jooq.internal.PipelinedFetch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.SelectSeekStep1;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A k-nearest-neighbor query on one vector column: the {@code k} rows of a table nearest to a probe vector (a
 * value, or any vector expression such as another row's column in a scalar subquery), with their distance.
 *
 * <p>It renders {@code select t.*, (col <op> probe) as distance from t where ... order by (col <op> probe) limit k}:
 * the bare operator, ascending, the only ordering an HNSW or IVFFlat index serves. A search without
 * {@link #limit(int)} is refused unless {@link #exact()} asks for an exact scan explicitly.
 * {@link #fetch(DSLContext)} runs it with the {@link #settings(SearchSettings) search settings} applied to its own
 * transaction. Instances are mutable builders, not shared between threads.
 *
 * <p>On a partitioned table whose partitions are {@code postgres_fdw} foreign tables (shards), the parent's own k-NN
 * pushes no {@code LIMIT} to the shards, so no shard's index serves it: {@link #perPartition(Partitions)} renders one
 * {@code ORDER BY distance LIMIT k} per leaf partition instead, which each shard runs with its own index, merged by
 * distance on the coordinator.
 *
 * <pre>{@code
 * List<Neighbor<AnimalsRecord>> nearest = NearestNeighbors.of(ANIMALS, ANIMALS.EMBEDDING, Metric.COSINE, probe)
 *         .where(ANIMALS.NAME.ne("shark"))
 *         .limit(3)
 *         .fetch(dsl);
 * }</pre>
 *
 * @param <R> the table's record type
 * @since 0.1.0
 */
public final class NearestNeighbors<R extends Record> {

    /**
     * The alias of the distance column in the select list.
     *
     * @since 0.1.0
     */
    public static final String DISTANCE = "distance";

    private final Table<?> table;
    private final Field<?> column;
    private final Metric metric;
    private final Field<Double> distance;
    private final List<Field<?>> selected;
    private final Function<Record, R> mapper;
    /** Whether the probe is an expression (e.g. a subquery) rather than a bound value. */
    private final boolean probeExpression;
    private final List<Condition> conditions = new ArrayList<>();
    private Integer limit;
    private boolean exact;
    private SearchSettings settings = SearchSettings.none();
    private Partitions partitions;

    private NearestNeighbors(Table<?> table, Field<?> column, Metric metric, Field<Double> distance,
            List<Field<?>> selected, Function<Record, R> mapper, boolean probeExpression) {
        this.table = table;
        this.column = column;
        this.metric = metric;
        this.distance = distance;
        this.selected = selected;
        this.mapper = mapper;
        this.probeExpression = probeExpression;
    }

    private static <R extends Record> NearestNeighbors<R> create(Table<R> table, Field<?> column, Metric metric,
            Field<Double> distance, boolean probeExpression) {
        Objects.requireNonNull(table, "table");
        return new NearestNeighbors<>(table, column, metric, distance, List.of(table.fields()), row -> row.into(table),
                probeExpression);
    }

    /**
     * Rows nearest to a vector value.
     *
     * @param table the table to search
     * @param column its vector column, with a pgvector data type
     * @param metric the distance metric (use the one the column's index was built for)
     * @param probe the vector to search near
     * @param <R> the record type
     * @param <U> the vector's Java type
     * @return the query builder
     * @since 0.1.0
     */
    public static <R extends Record, U> NearestNeighbors<R> of(Table<R> table, Field<U> column, Metric metric, U probe) {
        return create(table, column, metric, PgVectorDSL.distance(metric, column, probe), false);
    }

    /**
     * Rows nearest to a vector value by an indexed expression of the column (a halfvec cast, a binary quantization,
     * a leading subvector): both sides are rendered by {@link PgVectorDSL#indexed}, the SQL of the expression index,
     * so that index serves the query. The distances are the expression's (e.g. Hamming between the quantized bits).
     *
     * @param table the table to search
     * @param expression the indexed expression, e.g. {@code IndexedExpression.binaryQuantize("embedding", 768)}
     * @param column the vector column the expression reads, with a pgvector data type
     * @param metric the metric of the expression's index
     * @param probe the vector to search near, bound with the column's data type
     * @param <R> the record type
     * @param <U> the vector's Java type
     * @return the query builder
     * @throws io.github.vectororm.core.VectorValidationException if the expression does not apply to the column's type
     *         or the metric to the expression's
     * @since 0.1.0
     */
    public static <R extends Record, U> NearestNeighbors<R> of(Table<R> table, IndexedExpression expression,
            Field<U> column, Metric metric, U probe) {
        return create(table, PgVectorDSL.indexed(expression, column), metric,
                PgVectorDSL.distance(metric, expression, column, probe), false);
    }

    /**
     * Rows nearest to a vector expression, e.g. another row's vector:
     * {@code DSL.field(DSL.select(ANIMALS.EMBEDDING).from(ANIMALS).where(ANIMALS.NAME.eq("shark")))}.
     *
     * @param table the table to search
     * @param column its vector column
     * @param metric the distance metric
     * @param probe the vector expression
     * @param <R> the record type
     * @param <U> the vector's Java type
     * @return the query builder
     * @since 0.1.0
     */
    public static <R extends Record, U> NearestNeighbors<R> of(Table<R> table, Field<U> column, Metric metric, Field<U> probe) {
        return create(table, column, metric, PgVectorDSL.distance(metric, column, probe), true);
    }

    /**
     * Selects these columns instead of all the table's (needed for a table declared without fields, such as
     * {@code DSL.table(DSL.name("items"))}); each {@link Neighbor#record()} then holds exactly them.
     *
     * @param fields the columns to return
     * @return a builder with this one's state and the new selection
     * @since 0.1.0
     */
    public NearestNeighbors<Record> select(Field<?>... fields) {
        List<Field<?>> columns = List.of(fields);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("nearest neighbors of " + column.getName() + ": select at least one column");
        }
        Field<?>[] array = columns.toArray(Field<?>[]::new);
        NearestNeighbors<Record> copy = new NearestNeighbors<>(table, column, metric, distance, columns,
                row -> row.into(array), probeExpression);
        copy.conditions.addAll(conditions);
        copy.limit = limit;
        copy.exact = exact;
        copy.settings = settings;
        copy.partitions = partitions;
        if (partitions != null) {
            copy.requireNoDistanceColumn();
        }
        return copy;
    }

    /**
     * Adds filter conditions (combined with AND). With an HNSW index, a selective filter may leave fewer than
     * {@code k} rows: turn on an iterative scan in the {@link #settings(SearchSettings) settings}.
     *
     * @param filters the conditions
     * @return this builder
     * @since 0.1.0
     */
    public NearestNeighbors<R> where(Condition... filters) {
        conditions.addAll(List.of(filters));
        return this;
    }

    /**
     * How many neighbors to return: the {@code LIMIT} that lets an index serve the query. A step of the query, as
     * jOOQ's own {@code limit} and Hibernate {@code VectorSearch.limit(k)} are; {@link #fetch(DSLContext)} runs it.
     *
     * @param k at least 1
     * @return this builder
     * @since 0.1.0
     */
    public NearestNeighbors<R> limit(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("nearest neighbors of " + column.getName() + ": limit must be at least 1, not " + k);
        }
        this.limit = k;
        return this;
    }

    /**
     * Exact search: index scans are switched off for the query's transaction ({@code SearchSettings.exact}), so the
     * result is the exact nearest rows by a sequential scan; also allows a query without a limit.
     *
     * @return this builder
     * @since 0.1.0
     */
    public NearestNeighbors<R> exact() {
        this.exact = true;
        return this;
    }

    /**
     * Search settings (ef_search, probes, iterative scans) applied to the query's transaction by {@link #fetch(DSLContext)}.
     *
     * @param searchSettings the settings
     * @return this builder
     * @since 0.1.0
     */
    public NearestNeighbors<R> settings(SearchSettings searchSettings) {
        this.settings = Objects.requireNonNull(searchSettings, "searchSettings");
        return this;
    }

    /**
     * Searches each leaf partition of a partitioned table on its own and merges them: the per-partition form that
     * {@code postgres_fdw} shards serve with their indexes. Each branch is this query (the selected columns, the
     * distance aliased {@value #DISTANCE}, the {@link #where conditions}, {@code ORDER BY distance LIMIT k}) over one
     * leaf, and the coordinator keeps the nearest {@code k} of them:
     * <pre>{@code
     * select u.* from ((select ..., col <op> ? as distance from leaf_1 where ... order by distance limit k)
     *     union all (select ... from leaf_2 ...)) u order by distance limit k
     * }</pre>
     * postgres_fdw sends each branch's {@code ORDER BY ... LIMIT} to its shard, whose HNSW/IVFFlat index serves it;
     * local partitions are searched the same way. Values stay bound parameters, typed as in the plain form.
     *
     * <p>A branch is the same jOOQ query rendered with a runtime table mapping ({@code Settings.withRenderMapping})
     * from the table to the leaf, so the table's fields and the conditions render against the leaf, for a generated
     * (schema-qualified) table as for {@code DSL.table(DSL.name("items"))}. The mapping renames the table wherever the
     * branch names it, subqueries included: a condition that must read the whole table (a subquery over it) reads
     * the branch's leaf instead. For an unqualified table the leaf is rendered in its catalog schema, and so is
     * every other unqualified table in the branch (qualify those); a leaf in a schema other than a qualified table's
     * maps that schema for the branch (a render mapping of your own for it does not apply there).
     *
     * <p>{@link #fetch(DSLContext)} first refuses settings that would not reach the shards
     * ({@link Partitions#requireReachesShards}: postgres_fdw's sessions do not see the coordinator's settings, so
     * each one, exact mode included, must be in every foreign server's {@code options}), then runs the statement with
     * partition pruning ({@link SearchSettings.Builder#partitionPruning()}), so a filter on the partition key skips the
     * other partitions' branches. The leaves are read once, by {@link Partitions#of}; read them again after partitions
     * change. {@link #asSelect()} returns the per-partition select.
     *
     * <p>Row-level security: the branches read the leaves themselves, where the partitioned table's policies do not
     * apply (PostgreSQL applies a table's policies only to queries naming it). {@link Partitions#of} refuses a table
     * with row-level security whose leaves lack it, and a role with SELECT on the parent only is refused by the server
     * ({@code permission denied for table <leaf>}); give each leaf the policy before granting SELECT on it.
     *
     * @param leaves the partitioned table's leaves, read from the catalog ({@link Partitions#of})
     * @return this builder
     * @throws IllegalArgumentException if the partitions are another table's, the probe is an expression (it would be
     *         evaluated in each branch against its leaf: fetch the vector first and pass it as a value), or a selected
     *         column is named {@value #DISTANCE}
     * @since 0.1.0
     */
    public NearestNeighbors<R> perPartition(Partitions leaves) {
        Objects.requireNonNull(leaves, "partitions");
        String bare = Identifiers.bareName(leaves.table());
        String schema = table.getSchema() == null ? "" : table.getSchema().getName();
        if (!bare.equals(table.getName()) || !schema.isEmpty() && !schema.equals(leaves.schema())) {
            throw new IllegalArgumentException("nearest neighbors in " + (schema.isEmpty() ? "" : schema + ".")
                    + table.getName() + ": the partitions are " + leaves.schema() + "." + bare + "'s, not this table's");
        }
        if (probeExpression) {
            throw new IllegalArgumentException("nearest neighbors of " + column.getName() + " per partition: the probe"
                    + " is an expression, which each branch would evaluate against its own leaf; fetch the vector"
                    + " first and search near the value");
        }
        this.partitions = leaves;
        requireNoDistanceColumn();
        return this;
    }

    private void requireNoDistanceColumn() {
        for (Field<?> field : selected) {
            if (DISTANCE.equals(field.getName())) {
                throw new IllegalArgumentException("nearest neighbors in " + table.getName() + " per partition: the"
                        + " selected column " + field.getName() + " has the name of the distance column; select(...)"
                        + " the columns without it, or alias it");
            }
        }
    }

    /**
     * The distance expression, unaliased: {@code (col <op> probe)}.
     *
     * @return the distance field
     * @since 0.1.0
     */
    public Field<Double> distance() {
        return distance;
    }

    /**
     * The settings {@link #fetch(DSLContext)} applies: the given ones, plus exact mode if asked for, plus partition
     * pruning ({@link SearchSettings.Builder#partitionPruning()}) for a {@link #perPartition per-partition} search.
     *
     * @return the effective settings
     * @since 0.1.0
     */
    public SearchSettings effectiveSettings() {
        SearchSettings effective = exact ? settings.withOverrides(SearchSettings.builder().exact(true).build()) : settings;
        return partitions == null ? effective
                : effective.withOverrides(SearchSettings.builder().partitionPruning().build());
    }

    /**
     * The query as an unattached jOOQ select, to render, inspect or compose: the table's columns and the distance
     * aliased {@value #DISTANCE}. For a {@link #perPartition per-partition} search it is the merge of the branches,
     * whose columns are the selected columns' names (unqualified) and {@value #DISTANCE}; each branch is rendered for
     * its leaf when the select is rendered, with the rendering context's settings.
     *
     * @return the select
     * @throws IllegalStateException if no limit was set and exact search was not asked for, or a per-partition
     *         search has no limit
     * @since 0.1.0
     */
    public Select<Record> asSelect() {
        if (selected.isEmpty()) {
            throw new IllegalStateException("nearest neighbors in " + table.getName() + ": the table declares no fields;"
                    + " call select(fields...) to name the columns to return");
        }
        List<SelectField<?>> fields = new ArrayList<>(selected);
        fields.add(distance.as(DISTANCE));
        if (partitions != null) {
            return perPartitionSelect(fields);
        }
        SelectSeekStep1<Record, Double> ordered = DSL.select(fields).from(table).where(conditions).orderBy(distance.asc());
        if (limit != null) {
            // unfiltered, k is written into the SQL, so PostgreSQL reuses a generic plan of the prepared statement
            // (a bound limit makes it plan every execution); with filters it stays bound, planned per filter value
            return conditions.isEmpty() ? ordered.limit(DSL.inline(limit)) : ordered.limit(limit);
        }
        if (!exact) {
            throw new IllegalStateException("nearest neighbors of " + column.getName() + " by " + metric.name() + " ("
                    + metric.operator() + ") without a limit: no index serves that, it sorts the whole table;"
                    + " call limit(k), or exact() to scan exactly on purpose");
        }
        return ordered;
    }

    /** The per-partition form: one {@code ORDER BY distance LIMIT k} branch per leaf, merged by distance. */
    private Select<Record> perPartitionSelect(List<SelectField<?>> fields) {
        if (limit == null) {
            throw new IllegalStateException("nearest neighbors of " + column.getName() + " per partition without a limit:"
                    + " each partition's branch needs its LIMIT for its index (or its shard) to serve it; call limit(k)"
                    + " (exact() scans each partition exactly, still for its k nearest)");
        }
        Field<Object> distanceAlias = DSL.field(DSL.name(DISTANCE));
        // as in the plain form: k written into the SQL unfiltered (a generic plan can be reused), bound with filters
        Field<Integer> k = conditions.isEmpty() ? DSL.inline(limit) : DSL.val(limit);
        Select<Record> branch = DSL.select(fields).from(table).where(conditions).orderBy(distanceAlias.asc()).limit(k);
        List<SelectField<?>> merged = new ArrayList<>();
        for (Field<?> field : selected) {
            merged.add(DSL.field(DSL.name(field.getName()), field.getDataType()));
        }
        merged.add(DSL.field(DSL.name(DISTANCE), Double.class));
        return DSL.select(merged).from(PerPartitionSelect.unionAll(branch, table, partitions.list()).as("u"))
                .orderBy(distanceAlias.asc()).limit(conditions.isEmpty() ? DSL.inline(limit) : DSL.val(limit));
    }

    /**
     * Runs the query and returns the rows nearest first, each with its distance. With settings (or exact mode) they travel
     * in the query's own statement (one round trip): in auto-commit mode they end with it, inside a caller's
     * transaction the caller's own values are restored after the query. A {@link #perPartition per-partition} search
     * first checks that every setting reaches the shards, before any SQL.
     *
     * @param dsl the context to run on
     * @return the neighbors, nearest first
     * @throws io.github.vectororm.core.VectorValidationException if a setting would not take effect on a foreign
     *         partition's server (per partition), naming the setting and the servers
     * @throws org.jooq.exception.DataAccessException on a database error; a shard that is down fails the query naming
     *         its server
     * @since 0.1.0
     */
    public List<Neighbor<R>> fetch(DSLContext dsl) {
        Select<Record> select = asSelect();
        if (partitions != null) { // before any SQL: postgres_fdw's sessions on the shards would not see them
            partitions.requireReachesShards(effectiveSettings());
        }
        VectorDataTypes.vectorTypeOf(column).ifPresent(type -> requireFeatures(dsl, type, metric));
        SearchSettings effective = effectiveSettings();
        // the settings travel in the query's own statement: no round trip of their own
        Result<Record> rows = PipelinedFetch.fetch(dsl, effective, select);
        Field<Double> distanceColumn = DSL.field(DSL.name(DISTANCE), Double.class);
        List<Neighbor<R>> neighbors = new ArrayList<>(rows.size());
        for (Record row : rows) {
            neighbors.add(new Neighbor<>(mapper.apply(row), row.get(distanceColumn)));
        }
        return neighbors;
    }

    /**
     * Refuses a metric or type newer than the database's pgvector (e.g. L1 on 0.5.0), naming both versions, before
     * the server sees the query; the version is read once per connection.
     */
    static void requireFeatures(DSLContext dsl, VectorType type, Metric metric) {
        Set<PgVectorFeature> features = PgVectorFeature.requiredFor(type, metric);
        if (!features.isEmpty()) {
            dsl.connection(connection -> PgVectorExtension.require(connection, features));
        }
    }
}
