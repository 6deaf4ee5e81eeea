package io.github.vectororm.hibernate;

import io.github.vectororm.core.Metric;

/**
 * The HQL/Criteria functions vector-orm registers for PostgreSQL, named by {@link Metric}'s rows. Each distance
 * function renders the bare pgvector operator, so {@code order by} one of them with a limit can use an index.
 *
 * <ul>
 *   <li>every name in {@link Metric#queryFunctionNames()} renders {@code (a <op> b)} with the metric's
 *       {@link Metric#operator()}: pgvector's function names ({@link Metric#functionName()}), the aliases Hibernate
 *       ORM's hibernate-vector uses (the Euclidean and taxicab names) and {@code negative_inner_product};</li>
 *   <li>a metric whose SQL function has the operator's opposite sign ({@link Metric#functionNegates()}: the inner
 *       product) also registers that function's name, rendered {@code ((a <op> b) * -1)}: the positive value, which
 *       no index serves.</li>
 * </ul>
 * Also: {@code vector_dims(v)}, {@code vector_norm(v)} (rendered with {@link io.github.vectororm.core.VectorType#normFunction()}
 * of the argument's type), {@code l2_normalize(v)}, {@code binary_quantize(v)}, {@code subvector(v, start, count)},
 * and the aggregates {@code vector_avg(v)} and {@code vector_sum(v)}. The names Spring Data JPA's derived
 * vector queries emit are among them. docs/hibernate.md lists every name.
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
     * @return {@link Metric#queryFunctionName()}, e.g. {@code negative_inner_product} for {@link Metric#INNER_PRODUCT}
     */
    public static String distanceFunction(Metric metric) {
        return metric.queryFunctionName();
    }
}
