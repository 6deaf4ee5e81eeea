package io.github.vectororm.hibernate;

import io.github.vectororm.core.Metric;

/**
 * The HQL/Criteria functions vector-orm registers for PostgreSQL. Each distance function renders the bare
 * pgvector operator, so {@code order by cosine_distance(e.embedding, :v)} with a limit can use an index.
 *
 * <table>
 *   <caption>Distance functions</caption>
 *   <tr><th>HQL</th><th>SQL</th></tr>
 *   <tr><td>{@code l2_distance}, {@code euclidean_distance}</td><td>{@code (a <-> b)}</td></tr>
 *   <tr><td>{@code negative_inner_product}</td><td>{@code (a <#> b)}</td></tr>
 *   <tr><td>{@code inner_product}</td><td>{@code ((a <#> b) * -1)}: the positive product, no index</td></tr>
 *   <tr><td>{@code cosine_distance}</td><td>{@code (a <=> b)}</td></tr>
 *   <tr><td>{@code l1_distance}, {@code taxicab_distance}</td><td>{@code (a <+> b)}</td></tr>
 *   <tr><td>{@code hamming_distance}</td><td>{@code (a <~> b)}</td></tr>
 *   <tr><td>{@code jaccard_distance}</td><td>{@code (a <%> b)}</td></tr>
 * </table>
 * Also: {@code vector_dims(v)}, {@code vector_norm(v)} (rendered as {@code l2_norm} for halfvec and
 * sparsevec), {@code l2_normalize(v)}, {@code binary_quantize(v)}, {@code subvector(v, start, count)},
 * and the aggregates {@code vector_avg(v)} and {@code vector_sum(v)}. The names Spring Data JPA's derived
 * vector queries emit ({@code euclidean_distance}, {@code taxicab_distance}, {@code negative_inner_product},
 * {@code cosine_distance}, {@code hamming_distance}) are among them.
 *
 * @since 0.1.0
 */
public final class VectorFunctions {

    private VectorFunctions() {
    }

    /**
     * The HQL function that renders a metric's bare operator.
     *
     * @param metric the metric
     * @return e.g. {@code cosine_distance}; {@code negative_inner_product} for {@link Metric#INNER_PRODUCT}
     */
    public static String distanceFunction(Metric metric) {
        return metric == Metric.INNER_PRODUCT ? "negative_inner_product" : metric.functionName();
    }
}
