package io.github.vectororm.core.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.jdbc.VectorValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hybrid search in one statement: PostgreSQL full-text search and vector k-NN, each ranked on its own,
 * fused by reciprocal rank fusion, {@code score = w_v / (k + rank_v) + w_t / (k + rank_t)}.
 *
 * <p>Each side keeps the form its index serves: the vector side is {@code ORDER BY col <op> ? LIMIT n}
 * (HNSW/IVFFlat), the text side matches with {@code @@} a {@code tsquery} built from the user's text as
 * {@link TextMatch} says (GIN) and ranks its matches with {@code ts_rank_cd}; ties on either side are broken
 * by id, so the candidates each side contributes are deterministic. Result columns: {@code id}, {@code fused_score} (higher is better),
 * {@code vector_rank}, {@code text_rank} (1-based, null where a row came from one side only),
 * {@code distance} and {@code text_score}.
 *
 * @since 0.1.0
 */
public final class HybridSearch {

    /** The usual RRF constant. */
    public static final int DEFAULT_RRF_K = 60;

    private final String table;
    private final Partitions partitions;
    private final String idColumn;
    private final String vectorColumn;
    private final VectorType type;
    private final Metric metric;
    private final TextSource text;
    private final TextMatch textMatch;
    private final int vectorCandidates;
    private final int textCandidates;
    private final double vectorWeight;
    private final double textWeight;
    private final int rrfK;

    private HybridSearch(Builder b) {
        this.partitions = b.partitions;
        this.table = b.partitions != null ? b.partitions.table() : Identifiers.qualifiedName("table", b.table);
        this.idColumn = Identifiers.identifier("column", b.idColumn);
        this.vectorColumn = Identifiers.identifier("column", b.vectorColumn);
        this.type = Objects.requireNonNull(b.type);
        this.metric = Objects.requireNonNull(b.metric);
        this.text = Objects.requireNonNull(b.text, "text source");
        this.textMatch = Objects.requireNonNull(b.textMatch, "text match");
        this.vectorCandidates = positive("vector candidates", b.vectorCandidates);
        this.textCandidates = positive("text candidates", b.textCandidates);
        this.rrfK = positive("RRF k", b.rrfK);
        if (!(b.vectorWeight >= 0 && b.textWeight >= 0 && b.vectorWeight + b.textWeight > 0)) {
            throw new VectorValidationException("weights must be non-negative and not both zero, not "
                    + b.vectorWeight + " and " + b.textWeight);
        }
        this.vectorWeight = b.vectorWeight;
        this.textWeight = b.textWeight;
        metric.requireAppliesTo(type);
    }

    private static int positive(String what, int value) {
        if (value < 1) {
            throw new VectorValidationException(what + " must be at least 1, not " + value);
        }
        return value;
    }

    /**
     * Starts a hybrid search over a table.
     *
     * @param table the table
     * @param idColumn the column identifying rows (joins the two sides)
     * @return a builder
     */
    public static Builder on(String table, String idColumn) {
        return new Builder(Objects.requireNonNull(table, "table"), null, idColumn);
    }

    /**
     * Starts a hybrid search over a partitioned table in the per-partition form: each side runs its
     * {@code ORDER BY ... LIMIT} in every leaf partition (on a postgres_fdw shard, the shard runs it with its own
     * indexes) and merges the branches into its candidates; the fusion runs on the coordinator.
     *
     * @param partitions the partitioned table's leaves, from {@link Partitions#of}
     * @param idColumn the column identifying rows (joins the two sides)
     * @return a builder
     * @since 0.1.0
     */
    public static Builder on(Partitions partitions, String idColumn) {
        return new Builder(null, Objects.requireNonNull(partitions, "partitions"), idColumn);
    }

    /**
     * Renders the search.
     *
     * @param vector the query embedding
     * @param queryText the user's query, read as the search's {@link TextMatch} says
     * @param limit how many fused results to return
     * @param filter an optional condition applied to both sides, or {@code null}
     * @return the statement and its parameters
     */
    public SqlQuery query(Object vector, String queryText, int limit, Filter filter) {
        Objects.requireNonNull(queryText, "query text");
        positive("limit", limit);
        Object probe = VectorValues.toParameter(type, vector);
        List<Object> parameters = new ArrayList<>();
        String where = filter == null ? "" : " WHERE " + filter.sql();
        String andFilter = filter == null ? "" : " AND (" + filter.sql() + ")";
        String vectorSelect = "SELECT " + idColumn + " AS id, " + vectorColumn + ' ' + metric.operator() + " ? AS distance"
                + " FROM ";
        String vectorOrder = where + " ORDER BY distance LIMIT ?";
        StringBuilder sql = new StringBuilder("WITH vector_hits AS (");
        if (partitions == null) {
            sql.append(vectorSelect).append(table).append(vectorOrder);
            addVectorSide(parameters, probe, filter);
        } else {
            // each leaf's top candidates (its index serves them), merged into the table's
            sql.append("SELECT id, distance FROM (").append(partitions.unionAll(partition -> {
                addVectorSide(parameters, probe, filter);
                return vectorSelect + partition + vectorOrder;
            })).append(") p ORDER BY distance LIMIT ?");
            parameters.add(vectorCandidates);
        }
        sql.append("), vector_ranked AS (SELECT id, distance, row_number() OVER (ORDER BY distance, id) AS rank FROM vector_hits), ");
        sql.append("text_hits AS (");
        String tsquery = textMatch.tsquerySql(text.config());
        if (partitions == null) {
            sql.append("SELECT t.").append(idColumn).append(" AS id, ts_rank_cd(").append(text.documentSql())
                    .append(", q) AS score FROM ").append(table).append(" t, ").append(tsquery)
                    .append(" q WHERE ").append(text.documentSql()).append(" @@ q").append(andFilter)
                    .append(" ORDER BY score DESC, t.").append(idColumn).append(" LIMIT ?");
            addTextSide(parameters, queryText, filter);
        } else {
            // the tsquery is written out in each branch (not joined from a FROM item) so the whole branch ships to a shard
            sql.append("SELECT id, score FROM (").append(partitions.unionAll(partition -> {
                parameters.add(queryText);
                addTextSide(parameters, queryText, filter);
                return "SELECT " + idColumn + " AS id, ts_rank_cd(" + text.documentSql() + ", " + tsquery + ") AS score"
                        + " FROM " + partition + " WHERE " + text.documentSql() + " @@ " + tsquery + andFilter
                        + " ORDER BY score DESC, id LIMIT ?";
            })).append(") p ORDER BY score DESC, id LIMIT ?");
            parameters.add(textCandidates);
        }
        sql.append("), ");
        sql.append("text_ranked AS (SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS rank FROM text_hits) ");
        sql.append("SELECT coalesce(v.id, t.id) AS id, coalesce(?::float8 / (?::int + v.rank), 0)")
                .append(" + coalesce(?::float8 / (?::int + t.rank), 0) AS fused_score, v.rank AS vector_rank,")
                .append(" t.rank AS text_rank, v.distance, t.score AS text_score")
                .append(" FROM vector_ranked v FULL OUTER JOIN text_ranked t ON v.id = t.id")
                .append(" ORDER BY fused_score DESC, id LIMIT ?");
        parameters.add(vectorWeight);
        parameters.add(rrfK);
        parameters.add(textWeight);
        parameters.add(rrfK);
        parameters.add(limit);
        return new SqlQuery(sql.toString(), parameters);
    }

    private void addVectorSide(List<Object> parameters, Object probe, Filter filter) {
        parameters.add(probe);
        addFilter(parameters, filter);
        parameters.add(vectorCandidates);
    }

    private void addTextSide(List<Object> parameters, String queryText, Filter filter) {
        parameters.add(queryText);
        addFilter(parameters, filter);
        parameters.add(textCandidates);
    }

    private static void addFilter(List<Object> parameters, Filter filter) {
        if (filter != null) {
            parameters.addAll(filter.parameters());
        }
    }

    /** {@return the partitions the search runs over in the per-partition form, or {@code null} for a plain table} */
    public Partitions partitions() {
        return partitions;
    }

    /** Collects the parts of a {@link HybridSearch}. */
    public static final class Builder {
        private final String table;
        private final Partitions partitions;
        private final String idColumn;
        private String vectorColumn;
        private VectorType type;
        private Metric metric;
        private TextSource text;
        private TextMatch textMatch = TextMatch.ALL_TERMS;
        private int vectorCandidates = 40;
        private int textCandidates = 40;
        private double vectorWeight = 1;
        private double textWeight = 1;
        private int rrfK = DEFAULT_RRF_K;

        private Builder(String table, Partitions partitions, String idColumn) {
            this.table = table;
            this.partitions = partitions;
            this.idColumn = Objects.requireNonNull(idColumn);
        }

        /**
         * Sets the vector side of the search.
         *
         * @param column the vector column
         * @param type its type
         * @param metric the distance; an index on the column must serve it to be used
         * @return this builder
         */
        public Builder vector(String column, VectorType type, Metric metric) {
            this.vectorColumn = column;
            this.type = type;
            this.metric = metric;
            return this;
        }

        /**
         * Sets the full-text side of the search.
         *
         * @param source where the text is
         * @return this builder
         */
        public Builder text(TextSource source) {
            this.text = source;
            return this;
        }

        /**
         * Sets how the query text is matched.
         *
         * @param match how the query text becomes a {@code tsquery} (default {@link TextMatch#ALL_TERMS})
         * @return this builder
         */
        public Builder textMatch(TextMatch match) {
            this.textMatch = match;
            return this;
        }

        /**
         * Sets how many candidates each side ranks.
         *
         * @param vector how many rows the vector side ranks (default 40)
         * @param text how many rows the text side ranks (default 40)
         * @return this builder
         */
        public Builder candidates(int vector, int text) {
            this.vectorCandidates = vector;
            this.textCandidates = text;
            return this;
        }

        /**
         * Sets the weight of each side in the fused ranking.
         *
         * @param vector weight of the vector ranking (default 1)
         * @param text weight of the text ranking (default 1)
         * @return this builder
         */
        public Builder weights(double vector, double text) {
            this.vectorWeight = vector;
            this.textWeight = text;
            return this;
        }

        /**
         * Sets the reciprocal rank fusion constant.
         *
         * @param k the RRF constant (default 60); larger flattens the difference between ranks
         * @return this builder
         */
        public Builder rrfK(int k) {
            this.rrfK = k;
            return this;
        }

        /** {@return the validated search} */
        public HybridSearch build() {
            return new HybridSearch(this);
        }
    }
}
