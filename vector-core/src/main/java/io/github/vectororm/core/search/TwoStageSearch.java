package io.github.vectororm.core.search;

import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.jdbc.VectorValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Two-stage (quantized) nearest-neighbour search: a shortlist from a cheap index over an expression of the
 * column (binary quantization, a halfvec cast, a Matryoshka prefix), re-ranked exactly on the full vectors.
 * It is how vectors wider than an index allows (over 2,000 dimensions for {@code vector}) are searched fast.
 *
 * <pre>{@code
 * TwoStageSearch search = TwoStageSearch.on("items", "id", "embedding", VectorType.VECTOR, 3072)
 *         .shortlist(IndexedExpression.binaryQuantize("embedding", 3072), Metric.HAMMING, 200)
 *         .rerank(Metric.COSINE)
 *         .build();
 * SqlQuery query = search.query(probe, 10, null);
 * }</pre>
 * The inner query is {@code ORDER BY <expression> <op> <expression of ?> LIMIT shortlist}, the form an index
 * on the same expression (declare it with {@link io.github.vectororm.core.IndexDefinition}) serves; the outer
 * query orders the shortlist by the exact distance.
 *
 * @since 0.1.0
 */
public final class TwoStageSearch {

    private final String table;
    private final String idColumn;
    private final String column;
    private final VectorType type;
    private final int dimensions;
    private final IndexedExpression shortlistExpression;
    private final Metric shortlistMetric;
    private final int shortlistSize;
    private final Metric rerankMetric;

    private TwoStageSearch(Builder b) {
        this.table = Identifiers.qualifiedName("table", b.table);
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
        return new Builder(table, idColumn, column, type, dimensions);
    }

    /**
     * Renders the search for one probe. Result columns: {@code id}, {@code distance} (the re-rank metric's
     * operator value), nearest first.
     *
     * @param probe the query vector, validated
     * @param k how many rows to return, at most the shortlist size
     * @param filter an optional condition on the table, or {@code null}
     * @return the statement and its parameters
     */
    public SqlQuery query(Object probe, int k, Filter filter) {
        if (k < 1 || k > shortlistSize) {
            throw new VectorValidationException("k must be 1 to the shortlist size " + shortlistSize + ", not " + k);
        }
        Object parameter = VectorValues.toParameter(type, probe);
        int actual = VectorValues.dimensions(type, probe);
        if (actual != dimensions) {
            throw new VectorValidationException("query vector has " + actual + " dimensions, column " + column + " is "
                    + type.columnDefinition(dimensions));
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT s.").append(idColumn).append(" AS id, s.").append(column)
                .append(' ').append(rerankMetric.operator()).append(" ? AS distance FROM (SELECT ").append(idColumn)
                .append(", ").append(column).append(" FROM ").append(table);
        parameters.add(parameter);
        if (filter != null) {
            sql.append(" WHERE ").append(filter.sql());
            parameters.addAll(filter.parameters());
        }
        sql.append(" ORDER BY ").append(shortlistExpression.sql()).append(' ').append(shortlistMetric.operator())
                .append(' ').append(shortlistExpression.probeSql("?")).append(" LIMIT ?) s ORDER BY distance LIMIT ?");
        parameters.add(parameter);
        parameters.add(shortlistSize);
        parameters.add(k);
        return new SqlQuery(sql.toString(), parameters);
    }

    /** @return how many candidates the first stage keeps */
    public int shortlistSize() {
        return shortlistSize;
    }

    /** Collects the parts of a {@link TwoStageSearch}. */
    public static final class Builder {
        private final String table;
        private final String idColumn;
        private final String column;
        private final VectorType type;
        private final int dimensions;
        private IndexedExpression shortlistExpression;
        private Metric shortlistMetric;
        private int shortlistSize;
        private Metric rerankMetric;

        private Builder(String table, String idColumn, String column, VectorType type, int dimensions) {
            this.table = table;
            this.idColumn = idColumn;
            this.column = column;
            this.type = Objects.requireNonNull(type);
            type.checkDimensions(dimensions);
            this.dimensions = dimensions;
        }

        /**
         * @param expression the indexed expression of the first stage
         * @param metric its metric (Hamming or Jaccard for binary quantization)
         * @param size how many candidates to keep; larger raises recall and cost
         * @return this builder
         */
        public Builder shortlist(IndexedExpression expression, Metric metric, int size) {
            this.shortlistExpression = expression;
            this.shortlistMetric = Objects.requireNonNull(metric);
            this.shortlistSize = size;
            return this;
        }

        /**
         * @param metric the exact distance the shortlist is ordered by
         * @return this builder
         */
        public Builder rerank(Metric metric) {
            this.rerankMetric = metric;
            return this;
        }

        /** @return the validated search */
        public TwoStageSearch build() {
            return new TwoStageSearch(this);
        }
    }
}
