package io.github.vectororm.test.conformance;

/**
 * A pgvector function, operator, input or cast that a {@link PgVectorCase} calls.
 *
 * @since 0.1.0
 */
public enum Call {
    /** {@code l2_distance(a, b)}. */
    L2_DISTANCE("l2_distance", null, "L2"),
    /** {@code inner_product(a, b)}: the positive inner product. */
    INNER_PRODUCT("inner_product", null, "INNER_PRODUCT"),
    /** {@code cosine_distance(a, b)}. */
    COSINE_DISTANCE("cosine_distance", null, "COSINE"),
    /** {@code l1_distance(a, b)}. */
    L1_DISTANCE("l1_distance", null, "L1"),
    /** {@code hamming_distance(a, b)}. */
    HAMMING_DISTANCE("hamming_distance", null, "HAMMING"),
    /** {@code jaccard_distance(a, b)}. */
    JACCARD_DISTANCE("jaccard_distance", null, "JACCARD"),
    /** {@code a <-> b}. */
    L2_OPERATOR(null, "<->", "L2"),
    /** {@code a <#> b}: the negative inner product. */
    NEGATIVE_INNER_PRODUCT_OPERATOR(null, "<#>", "INNER_PRODUCT"),
    /** {@code a <=> b}. */
    COSINE_OPERATOR(null, "<=>", "COSINE"),
    /** {@code a <+> b}. */
    L1_OPERATOR(null, "<+>", "L1"),
    /** {@code vector_dims(v)}. */
    VECTOR_DIMS("vector_dims", null, null),
    /** {@code vector_norm(v)}, the norm of a {@code vector}. */
    VECTOR_NORM("vector_norm", null, null),
    /** {@code l2_norm(v)}, the norm of a {@code halfvec} or {@code sparsevec}. */
    L2_NORM("l2_norm", null, null),
    /** {@code l2_normalize(v)}. */
    L2_NORMALIZE("l2_normalize", null, null),
    /** {@code binary_quantize(v)}. */
    BINARY_QUANTIZE("binary_quantize", null, null),
    /** {@code subvector(v, start, count)}. */
    SUBVECTOR("subvector", null, null),
    /** The aggregate {@code avg(v)} over the arguments as rows (a {@code null} text is SQL NULL). */
    AVG("avg", null, null),
    /** The aggregate {@code sum(v)} over the arguments as rows. */
    SUM("sum", null, null),
    /** A value of the case's {@link PgVectorCase#target()} type from text, a float array or another vector type. */
    CAST(null, null, null);

    private final String function;
    private final String operator;
    private final String metric;

    Call(String function, String operator, String metric) {
        this.function = function;
        this.operator = operator;
        this.metric = metric;
    }

    /** {@return the SQL function name, or {@code null} for an operator or a cast} */
    public String function() {
        return function;
    }

    /** {@return the SQL operator, or {@code null} for a function or a cast} */
    public String operator() {
        return operator;
    }

    /**
     * The name of vector-core's {@code Metric} constant this call computes ({@code Metric.valueOf(...)}), for
     * distances only. Kept as a name because vector-test cannot depend on vector-core (which tests with it).
     *
     * @return the metric name, or {@code null} if the call is no distance
     */
    public String metric() {
        return metric;
    }

    /** {@return whether this is an aggregate over rows} */
    public boolean isAggregate() {
        return this == AVG || this == SUM;
    }

    /** {@return whether this is a distance function or operator} */
    public boolean isDistance() {
        return metric != null;
    }
}
