package io.github.vectororm.core.search;

import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.internal.LocalTransaction;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Two-stage (quantized) nearest-neighbor search: a shortlist from a cheap index over an expression of the
 * column (binary quantization, a halfvec cast, a Matryoshka prefix), re-ranked exactly on the full vectors.
 * It is how vectors wider than an index allows (over 2,000 dimensions for {@code vector}) are searched fast.
 *
 * <pre>{@code
 * TwoStageSearch search = TwoStageSearch.on("items", "id", "embedding", VectorType.VECTOR, 3072)
 *         .shortlist(IndexedExpression.binaryQuantize("embedding", 3072), Metric.HAMMING, 200)
 *         .rerank(Metric.COSINE)
 *         .build();
 * List<Hit> hits = search.search(connection, probe, 10, null, SearchSettings.none());
 * }</pre>
 * The inner query is {@code ORDER BY <expression> <op> <expression of ?> LIMIT shortlist}, the form an index
 * on the same expression (declare it with {@link io.github.vectororm.core.IndexDefinition}) serves; the outer
 * query orders the shortlist by the exact distance.
 *
 * <p>An HNSW scan returns at most {@code hnsw.ef_search} rows (server default 40), so the inner query only gets
 * its full shortlist with {@code hnsw.ef_search} at least the shortlist size. {@link #search search} and the
 * adapters' two-stage methods apply that in the query's transaction ({@link #applyLocal}); whoever runs
 * {@link #query query}'s SQL directly applies {@link #settings(SearchSettings)} first. A caller's
 * {@code hnsw.ef_search} above the shortlist size is kept, one below it is raised to it. Shortlists are limited to
 * {@value #MAX_SHORTLIST_SIZE}, {@code hnsw.ef_search}'s maximum, and refused above it when the search is built.
 * With a selective filter HNSW may still find fewer candidates than the shortlist (it filters the ones it
 * found): add an iterative scan to the caller's settings.
 *
 * @since 0.1.0
 */
public final class TwoStageSearch {

    /**
     * The largest shortlist: {@code hnsw.ef_search}'s maximum, and an HNSW scan returns at most that many rows.
     *
     * @since 0.1.0
     */
    public static final int MAX_SHORTLIST_SIZE = 1000;

    private static final String EF_SEARCH = "hnsw.ef_search";

    private final String table;
    private final Partitions partitions;
    private final String idColumn;
    private final String column;
    private final VectorType type;
    private final int dimensions;
    private final IndexedExpression shortlistExpression;
    private final Metric shortlistMetric;
    private final int shortlistSize;
    private final Metric rerankMetric;

    private TwoStageSearch(Builder b) {
        this.partitions = b.partitions;
        this.table = b.partitions != null ? b.partitions.table() : Identifiers.qualifiedName("table", b.table);
        this.idColumn = Identifiers.identifier("column", b.idColumn);
        this.column = Identifiers.identifier("column", b.column);
        this.type = b.type;
        this.dimensions = b.dimensions;
        this.shortlistExpression = Objects.requireNonNull(b.shortlistExpression, "shortlist expression");
        this.shortlistMetric = b.shortlistMetric;
        this.shortlistSize = b.shortlistSize;
        this.rerankMetric = Objects.requireNonNull(b.rerankMetric, "rerank metric");
        if (!b.column.equals(shortlistExpression.column())) {
            throw new VectorValidationException("the shortlist expression reads column " + shortlistExpression.column()
                    + ", the search re-ranks column " + b.column);
        }
        shortlistMetric.requireOpclass(shortlistExpression.type(), IndexMethod.HNSW);
        rerankMetric.requireAppliesTo(type);
        if (shortlistSize < 1) {
            throw new VectorValidationException("shortlist size must be at least 1, not " + shortlistSize);
        }
        if (shortlistSize > MAX_SHORTLIST_SIZE) {
            throw new VectorValidationException("shortlist size must be at most " + MAX_SHORTLIST_SIZE
                    + " (the maximum of hnsw.ef_search: an HNSW scan returns at most ef_search rows), not "
                    + shortlistSize);
        }
    }

    /**
     * Starts a two-stage search over a table.
     *
     * @param table the table
     * @param idColumn the column identifying rows
     * @param column the full-precision vector column
     * @param type its type (vector or halfvec)
     * @param dimensions its dimensions
     * @return a builder
     */
    public static Builder on(String table, String idColumn, String column, VectorType type, int dimensions) {
        return new Builder(Objects.requireNonNull(table, "table"), null, idColumn, column, type, dimensions);
    }

    /**
     * Starts a two-stage search over a partitioned table in the per-partition form: every leaf partition returns its
     * own shortlist by its index (on a postgres_fdw shard, the shard runs it), the coordinator keeps the table's
     * shortlist (the nearest of them by the shortlist distance, as on one table) and re-ranks it. On foreign
     * partitions the shards' sessions must start with {@code hnsw.ef_search} at least the shortlist size (see
     * {@link Partitions}): {@link #search} and {@link #applyLocal} refuse the search otherwise.
     *
     * @param partitions the partitioned table's leaves, from {@link Partitions#of}
     * @param idColumn the column identifying rows
     * @param column the full-precision vector column
     * @param type its type (vector or halfvec)
     * @param dimensions its dimensions
     * @return a builder
     * @since 0.1.0
     */
    public static Builder on(Partitions partitions, String idColumn, String column, VectorType type, int dimensions) {
        return new Builder(null, Objects.requireNonNull(partitions, "partitions"), idColumn, column, type, dimensions);
    }

    /**
     * Renders the search for one probe. Result columns: {@code id}, {@code distance} (the re-rank metric's
     * operator value), nearest first. Run it in a transaction with {@link #applyLocal} (or {@link #settings()})
     * applied: at the server's default {@code hnsw.ef_search} of 40 the shortlist would be cut to 40. Made on
     * {@link Partitions} with foreign partitions, the shards' sessions must start with that {@code hnsw.ef_search}
     * themselves (settings on the coordinator do not reach them).
     *
     * @param probe the query vector, validated
     * @param k how many rows to return, at most the shortlist size
     * @param filter an optional condition on the table, or {@code null}
     * @return the statement and its parameters
     * @throws VectorValidationException if a foreign partition's server does not start its sessions with an
     *     {@code hnsw.ef_search} of at least the shortlist size
     */
    public SqlQuery query(Object probe, int k, Filter filter) {
        if (k < 1 || k > shortlistSize) {
            throw new VectorValidationException("k must be 1 to the shortlist size " + shortlistSize + ", not " + k);
        }
        Object parameter = VectorValues.toParameter(type, probe);
        type.requireDimensions("query vector", VectorValues.dimensions(type, probe), "column " + column, dimensions);
        if (partitions != null) {
            // whoever runs this SQL sets ef_search on the coordinator only: the shards must start with it
            partitions.requireAtLeastOnShards(EF_SEARCH, shortlistSize, shortlistNeed());
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT s.").append(idColumn).append(" AS id, s.").append(column)
                .append(' ').append(rerankMetric.operator()).append(" ? AS distance FROM (");
        parameters.add(parameter);
        String where = filter == null ? "" : " WHERE " + filter.sql();
        String shortlistDistance = shortlistExpression.sql() + ' ' + shortlistMetric.operator() + ' '
                + shortlistExpression.probeSql("?");
        if (partitions == null) {
            sql.append("SELECT ").append(idColumn).append(", ").append(column).append(" FROM ").append(table).append(where)
                    .append(" ORDER BY ").append(shortlistDistance).append(" LIMIT ?");
            addShortlist(parameters, parameter, filter);
        } else {
            // each leaf's shortlist by its own index; the nearest of them by the same distance are the table's shortlist
            sql.append("SELECT ").append(idColumn).append(", ").append(column).append(" FROM (")
                    .append(partitions.unionAll(partition -> {
                        parameters.add(parameter);
                        if (filter != null) {
                            parameters.addAll(filter.parameters());
                        }
                        parameters.add(shortlistSize);
                        return "SELECT " + idColumn + ", " + column + ", " + shortlistDistance + " AS shortlist_distance"
                                + " FROM " + partition + where + " ORDER BY shortlist_distance LIMIT ?";
                    })).append(") u ORDER BY u.shortlist_distance LIMIT ?");
            parameters.add(shortlistSize);
        }
        sql.append(") s ORDER BY distance LIMIT ?");
        parameters.add(k);
        return new SqlQuery(sql.toString(), parameters);
    }

    private void addShortlist(List<Object> parameters, Object parameter, Filter filter) {
        if (filter != null) {
            parameters.addAll(filter.parameters());
        }
        parameters.add(parameter);
        parameters.add(shortlistSize);
    }

    /**
     * Refuses settings that would not reach a foreign partition's shard, and a shard whose sessions start with an
     * {@code hnsw.ef_search} below the shortlist size (the shortlist would be cut there); nothing on a plain table.
     */
    private void requireReachesShards(SearchSettings callerSettings) {
        if (partitions != null) {
            partitions.requireReachesShards(callerSettings, Set.of(EF_SEARCH));
            partitions.requireAtLeastOnShards(EF_SEARCH, Math.max(shortlistSize,
                    Integer.parseInt(callerSettings.parameters().getOrDefault(EF_SEARCH, "0"))), shortlistNeed());
        }
    }

    private String shortlistNeed() {
        return "a shortlist of " + shortlistSize + " needs it: an HNSW scan returns at most ef_search rows";
    }

    /** {@return the partitions the search runs over in the per-partition form, or {@code null} for a plain table} */
    public Partitions partitions() {
        return partitions;
    }

    /**
     * How many candidates the first stage keeps.
     *
     * @return the shortlist size
     * @since 0.1.0
     */
    public int shortlistSize() {
        return shortlistSize;
    }

    /**
     * The settings the first stage needs to return its full shortlist: {@code hnsw.ef_search} = the shortlist size
     * (applied alone, this lowers a larger value in effect; {@link #applyLocal} keeps it).
     *
     * @return the settings
     * @since 0.1.0
     */
    public SearchSettings settings() {
        return SearchSettings.builder().hnswEfSearch(shortlistSize).build();
    }

    /**
     * A caller's settings with {@code hnsw.ef_search} raised to the shortlist size where it is unset or smaller (a
     * larger one is kept), the rest of them unchanged.
     *
     * @param callerSettings the caller's own settings, e.g. an iterative scan
     * @return the settings to apply in the query's transaction
     * @since 0.1.0
     */
    public SearchSettings settings(SearchSettings callerSettings) {
        Objects.requireNonNull(callerSettings, "callerSettings");
        String own = callerSettings.parameters().get(EF_SEARCH);
        if (own != null && Integer.parseInt(own) >= shortlistSize) {
            return callerSettings;
        }
        return callerSettings.withOverrides(settings());
    }

    /**
     * Applies {@link #settings(SearchSettings)} to the connection's current transaction; without an
     * {@code hnsw.ef_search} of the caller's, a larger one already in effect in the transaction is kept.
     *
     * @param connection a connection inside a transaction (auto-commit off)
     * @param callerSettings the caller's own settings, or {@link SearchSettings#none()}
     * @throws IllegalStateException if the connection is in auto-commit mode, where the settings would not last
     * @throws SQLException on a database error
     * @since 0.1.0
     */
    public void applyLocal(Connection connection, SearchSettings callerSettings) throws SQLException {
        Objects.requireNonNull(callerSettings, "callerSettings");
        requireReachesShards(callerSettings);
        if (callerSettings.parameters().containsKey(EF_SEARCH)) {
            settings(callerSettings).applyLocal(connection);
            return;
        }
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("a two-stage search needs hnsw.ef_search >= its shortlist size " + shortlistSize
                    + " set for its transaction (SET LOCAL), which has no effect in auto-commit mode; run the query"
                    + " inside a transaction");
        }
        callerSettings.applyLocal(connection);
        // pgvector's setting exists once its library is loaded in the session; before that current_setting(.., true)
        // is null and the placeholder set here is taken over when it loads
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('" + EF_SEARCH + "', greatest("
                + "nullif(current_setting('" + EF_SEARCH + "', true), '')::int, ?)::text, true)")) {
            statement.setInt(1, shortlistSize);
            statement.execute();
        }
    }

    /**
     * Runs the search with {@link #applyLocal its settings} in the connection's transaction, or, in auto-commit mode,
     * with {@link #settings(SearchSettings) its settings} in the query's own statement (one round trip).
     *
     * @param connection the connection
     * @param probe the query vector
     * @param k how many rows to return, at most the shortlist size
     * @param filter an optional condition on the table, or {@code null}
     * @param callerSettings the caller's own settings, or {@link SearchSettings#none()}
     * @return the hits, nearest first
     * @throws SQLException on a database error
     * @since 0.1.0
     */
    public List<Hit> search(Connection connection, Object probe, int k, Filter filter, SearchSettings callerSettings)
            throws SQLException {
        Objects.requireNonNull(callerSettings, "callerSettings");
        requireReachesShards(callerSettings);
        SqlQuery query = query(probe, k, filter);
        if (connection.getAutoCommit()) {
            // no transaction state to keep: the merged settings travel in the query's statement, one round trip
            return SettingsPipeline.execute(connection, settings(callerSettings), query, Hit::readAll);
        }
        // in the caller's transaction a larger hnsw.ef_search it already has is kept (applyLocal reads it there)
        return LocalTransaction.run(connection, c -> applyLocal(c, callerSettings), c -> {
            try (PreparedStatement statement = query.prepare(c); ResultSet rs = statement.executeQuery()) {
                return Hit.readAll(rs);
            }
        });
    }

    /** Collects the parts of a {@link TwoStageSearch}. */
    public static final class Builder {
        private final String table;
        private final Partitions partitions;
        private final String idColumn;
        private final String column;
        private final VectorType type;
        private final int dimensions;
        private IndexedExpression shortlistExpression;
        private Metric shortlistMetric;
        private int shortlistSize;
        private Metric rerankMetric;

        private Builder(String table, Partitions partitions, String idColumn, String column, VectorType type,
                int dimensions) {
            this.table = table;
            this.partitions = partitions;
            this.idColumn = idColumn;
            this.column = column;
            this.type = Objects.requireNonNull(type);
            type.checkDimensions(dimensions);
            this.dimensions = dimensions;
        }

        /**
         * Sets the first stage: the shortlist from an index on a (quantized) expression.
         *
         * @param expression the indexed expression of the first stage
         * @param metric its metric (Hamming or Jaccard for binary quantization)
         * @param size how many candidates to keep, 1 to {@value TwoStageSearch#MAX_SHORTLIST_SIZE}; larger raises
         *     recall and cost
         * @return this builder
         */
        public Builder shortlist(IndexedExpression expression, Metric metric, int size) {
            this.shortlistExpression = expression;
            this.shortlistMetric = Objects.requireNonNull(metric);
            this.shortlistSize = size;
            return this;
        }

        /**
         * Sets the second stage: the exact re-rank of the shortlist.
         *
         * @param metric the exact distance the shortlist is ordered by
         * @return this builder
         */
        public Builder rerank(Metric metric) {
            this.rerankMetric = metric;
            return this;
        }

        /** {@return the validated search} */
        public TwoStageSearch build() {
            return new TwoStageSearch(this);
        }
    }
}
