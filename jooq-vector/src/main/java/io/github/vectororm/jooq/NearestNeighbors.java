package io.github.vectororm.jooq;

import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
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
    private final List<Condition> conditions = new ArrayList<>();
    private Integer limit;
    private boolean exact;
    private SearchSettings settings = SearchSettings.none();

    private NearestNeighbors(Table<?> table, Field<?> column, Metric metric, Field<Double> distance,
            List<Field<?>> selected, Function<Record, R> mapper) {
        this.table = table;
        this.column = column;
        this.metric = metric;
        this.distance = distance;
        this.selected = selected;
        this.mapper = mapper;
    }

    private static <R extends Record> NearestNeighbors<R> create(Table<R> table, Field<?> column, Metric metric,
            Field<Double> distance) {
        Objects.requireNonNull(table, "table");
        return new NearestNeighbors<>(table, column, metric, distance, List.of(table.fields()), row -> row.into(table));
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
        return create(table, column, metric, PgVectorDSL.distance(metric, column, probe));
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
                PgVectorDSL.distance(metric, expression, column, probe));
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
        return create(table, column, metric, PgVectorDSL.distance(metric, column, probe));
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
        NearestNeighbors<Record> copy = new NearestNeighbors<>(table, column, metric, distance, columns, row -> row.into(array));
        copy.conditions.addAll(conditions);
        copy.limit = limit;
        copy.exact = exact;
        copy.settings = settings;
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
     * The distance expression, unaliased: {@code (col <op> probe)}.
     *
     * @return the distance field
     * @since 0.1.0
     */
    public Field<Double> distance() {
        return distance;
    }

    /**
     * The settings {@link #fetch(DSLContext)} applies: the given ones, plus exact mode if asked for.
     *
     * @return the effective settings
     * @since 0.1.0
     */
    public SearchSettings effectiveSettings() {
        return exact ? settings.withOverrides(SearchSettings.builder().exact(true).build()) : settings;
    }

    /**
     * The query as an unattached jOOQ select, to render, inspect or compose: the table's columns and the distance
     * aliased {@value #DISTANCE}.
     *
     * @return the select
     * @throws IllegalStateException if no limit was set and exact search was not asked for
     * @since 0.1.0
     */
    public Select<Record> asSelect() {
        if (selected.isEmpty()) {
            throw new IllegalStateException("nearest neighbors in " + table.getName() + ": the table declares no fields;"
                    + " call select(fields...) to name the columns to return");
        }
        List<SelectField<?>> fields = new ArrayList<>(selected);
        fields.add(distance.as(DISTANCE));
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

    /**
     * Runs the query and returns the rows nearest first, each with its distance. With settings (or exact mode) they travel
     * in the query's own statement (one round trip): in auto-commit mode they end with it, inside a caller's
     * transaction the caller's own values are restored after the query.
     *
     * @param dsl the context to run on
     * @return the neighbors, nearest first
     * @since 0.1.0
     */
    public List<Neighbor<R>> fetch(DSLContext dsl) {
        Select<Record> select = asSelect();
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
