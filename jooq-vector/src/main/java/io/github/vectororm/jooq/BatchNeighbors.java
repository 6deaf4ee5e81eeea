package io.github.vectororm.jooq;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.search.BatchSearch;
import io.github.vectororm.jooq.internal.PipelinedFetch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * k-NN for many query vectors in one statement: the probes travel as one array parameter, and each is searched by
 * its own {@link NearestNeighbors} query (a lateral join), so every probe is an index scan and its answer is what
 * that single query gives.
 *
 * <pre>{@code
 * List<List<Neighbor<Record>>> perProbe = BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, probes)
 *         .where(CATEGORY.eq(3)).limit(10).fetch(dsl);
 * }</pre>
 *
 * @param <R> the table's record type
 * @since 0.1.0
 */
public final class BatchNeighbors<R extends Record> {

    /** The result column holding the probe's position in the list (1-based). */
    public static final String PROBE = "probe";

    private final Table<R> table;
    private final Field<?> column;
    private final Metric metric;
    private final VectorType type;
    private final String probeArray;
    private final int probeCount;
    private final List<Condition> conditions = new ArrayList<>();
    private List<Field<?>> selected;
    /** The row as the table's record, or, after {@link #select}, as a record of the selected columns. */
    private Function<Record, R> mapper;
    private Integer limit;
    private SearchSettings settings = SearchSettings.none();

    private BatchNeighbors(Table<R> table, Field<?> column, Metric metric, List<?> probes) {
        this.table = Objects.requireNonNull(table, "table");
        this.column = Objects.requireNonNull(column, "column");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.type = VectorDataTypes.vectorTypeOf(column).orElseThrow(() -> new IllegalArgumentException(
                column.getName() + " is not a pgvector field (its data type is not bound by VectorDataTypes)"));
        metric.requireAppliesTo(type);
        int declared = VectorDataTypes.binding(column.getDataType()).map(b -> b.dimensions()).orElse(0);
        this.probeArray = BatchSearch.probeArray(type, declared == 0 ? null : declared, probes);
        this.probeCount = probes.size();
        this.selected = List.of(table.fields());
        this.mapper = row -> row.into(table);
    }

    /**
     * A batch search over a table's vector column.
     *
     * @param table the table
     * @param column its vector column
     * @param metric the distance, whose operator the column's index serves
     * @param probes the query vectors, 1 to {@value BatchSearch#MAX_PROBES}
     * @param <R> the table's record type
     * @param <U> the column's user type
     * @return the search
     */
    public static <R extends Record, U> BatchNeighbors<R> of(Table<R> table, Field<U> column, Metric metric,
            List<? extends U> probes) {
        return new BatchNeighbors<>(table, column, metric, probes);
    }

    /**
     * Selects these columns instead of all the table's (needed for a table declared without fields, such as
     * {@code DSL.table(DSL.name("items"))}); each {@link Neighbor#record()} then holds exactly them.
     *
     * @param fields the columns to return
     * @return this search, now returning plain records
     */
    @SuppressWarnings("unchecked")
    public BatchNeighbors<Record> select(Field<?>... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("select at least one column");
        }
        this.selected = List.of(fields);
        Field<?>[] columns = fields.clone();
        BatchNeighbors<Record> plain = (BatchNeighbors<Record>) this;
        plain.mapper = row -> row.into(columns);
        return plain;
    }

    /**
     * Adds conditions every probe's search applies.
     *
     * @param filters conditions on the table's fields
     * @return this search
     */
    public BatchNeighbors<R> where(Condition... filters) {
        conditions.addAll(Arrays.asList(filters));
        return this;
    }

    /**
     * Sets how many rows each probe returns.
     *
     * @param k at least 1
     * @return this search
     */
    public BatchNeighbors<R> limit(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        this.limit = k;
        return this;
    }

    /**
     * Sets the search settings of the statement (they apply to every probe).
     *
     * @param searchSettings the settings
     * @return this search
     */
    public BatchNeighbors<R> settings(SearchSettings searchSettings) {
        this.settings = Objects.requireNonNull(searchSettings, "settings");
        return this;
    }

    /**
     * The statement as an unattached jOOQ select: {@value #PROBE}, the table's columns and
     * {@value NearestNeighbors#DISTANCE}, ordered by probe, then distance.
     *
     * @return the select
     * @throws IllegalStateException if no limit was set
     */
    public Select<Record> asSelect() {
        if (limit == null) {
            throw new IllegalStateException("a batch search needs limit(k): without it no index serves a probe");
        }
        Table<?> probes = DSL.table("unnest(cast({0} as " + type.sqlName() + "[])) with ordinality as q(v, i)",
                DSL.val(probeArray));
        Select<Record> perProbe = perProbe(column);
        Table<Record> neighbors = DSL.lateral(perProbe.asTable("n"));
        Field<Long> position = DSL.field(DSL.name("q", "i"), SQLDataType.BIGINT);
        List<Field<?>> fields = new ArrayList<>();
        fields.add(position.as(PROBE));
        fields.addAll(Arrays.asList(neighbors.fields()));
        return DSL.select(fields).from(probes).crossJoin(neighbors)
                .orderBy(position, neighbors.field(NearestNeighbors.DISTANCE).asc());
    }

    /** One probe's search: the table's NearestNeighbors query with the probe column {@code q.v} as its vector. */
    private <U> Select<Record> perProbe(Field<U> vectorColumn) {
        Field<U> probe = DSL.field(DSL.name("q", "v"), vectorColumn.getDataType());
        return NearestNeighbors.of(table, vectorColumn, metric, probe).select(selected.toArray(Field<?>[]::new))
                .where(conditions.toArray(Condition[]::new)).limit(limit).asSelect();
    }

    /**
     * Runs the statement, its settings in the same round trip (inside a caller's transaction the caller's own values
     * are restored after it).
     *
     * @param dsl the context to run on
     * @return one list per probe, in the probes' order, nearest first
     */
    public List<List<Neighbor<R>>> fetch(DSLContext dsl) {
        Select<Record> select = asSelect();
        NearestNeighbors.requireFeatures(dsl, type, metric);
        // the settings travel in the query's own statement: no round trip of their own
        Result<Record> rows = PipelinedFetch.fetch(dsl, settings, select);
        List<List<Neighbor<R>>> perProbe = new ArrayList<>(probeCount);
        for (int i = 0; i < probeCount; i++) {
            perProbe.add(new ArrayList<>(limit));
        }
        Field<Long> position = DSL.field(DSL.name(PROBE), Long.class);
        Field<Double> distance = DSL.field(DSL.name(NearestNeighbors.DISTANCE), Double.class);
        for (Record row : rows) {
            perProbe.get(row.get(position).intValue() - 1).add(new Neighbor<>(mapper.apply(row), row.get(distance)));
        }
        return perProbe;
    }
}
