package io.github.vectororm.core;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * pgvector's SQL functions and aggregates on vector values (besides the distances, which are {@link Metric}'s rows, and
 * the norms, which are {@link VectorType#normFunction()}): their SQL names, the types they take and the version that
 * added them (from pgvector's CHANGELOG and upgrade scripts), read by the query-language adapters (Hibernate's HQL
 * functions, jOOQ's {@code PgVectorDSL}).
 *
 * @since 0.1.0
 */
public enum PgVectorFunction {
    /** {@code vector_dims(v)}: the number of dimensions. */
    VECTOR_DIMS("vector_dims", EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC), null),
    /** {@code l2_normalize(v)}: the vector scaled to unit length (pgvector 0.7.0+). */
    L2_NORMALIZE("l2_normalize", EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC, VectorType.SPARSEVEC),
            PgVectorFeature.QUANTIZATION_FUNCTIONS),
    /** {@code binary_quantize(v)}: one bit per dimension, set where the element is positive (pgvector 0.7.0+). */
    BINARY_QUANTIZE("binary_quantize", EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC),
            PgVectorFeature.QUANTIZATION_FUNCTIONS),
    /** {@code subvector(v, start, count)}: a slice, 1-based (pgvector 0.7.0+). */
    SUBVECTOR("subvector", EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC), PgVectorFeature.QUANTIZATION_FUNCTIONS),
    /** The aggregate {@code avg(v)}: the element-wise mean (pgvector 0.4.0+). */
    AVG("avg", EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC), PgVectorFeature.AVG_AGGREGATE),
    /** The aggregate {@code sum(v)}: the element-wise sum (pgvector 0.5.0+). */
    SUM("sum", EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC), PgVectorFeature.SUM_AGGREGATE);

    private final String sqlName;
    private final Set<VectorType> argumentTypes;
    private final PgVectorFeature feature;

    PgVectorFunction(String sqlName, Set<VectorType> argumentTypes, PgVectorFeature feature) {
        this.sqlName = sqlName;
        this.argumentTypes = argumentTypes;
        this.feature = feature;
    }

    /** {@return the function's SQL name} */
    public String sqlName() {
        return sqlName;
    }

    /** {@return the pgvector types the function takes as its vector argument} */
    public Set<VectorType> argumentTypes() {
        return EnumSet.copyOf(argumentTypes);
    }

    /** {@return the feature (version) the function needs, if newer than the oldest supported pgvector} */
    public Optional<PgVectorFeature> requiredFeature() {
        return Optional.ofNullable(feature);
    }

    /** {@return the first pgvector version with this function, if newer than the oldest supported pgvector} */
    public Optional<PgVectorVersion> since() {
        return requiredFeature().map(PgVectorFeature::since);
    }

    /**
     * Checks that a pgvector version has this function, before SQL calling it reaches the server.
     *
     * @param installed the installed version
     * @throws UnsupportedPgVectorFeatureException naming the function, the installed and the needed version
     * @since 0.1.0
     */
    public void requireSupportedBy(PgVectorVersion installed) {
        if (feature != null) {
            feature.requireSupportedBy(installed, sqlName);
        }
    }

    /**
     * Refuses an argument type the server has no such function for.
     *
     * @param type the argument's pgvector type
     * @param argument what the argument is, for the message (e.g. a column name)
     * @throws VectorValidationException if the function does not take that type
     */
    public void requireTakes(VectorType type, String argument) {
        if (!argumentTypes.contains(type)) {
            throw new VectorValidationException(sqlName + " applies to " + names(argumentTypes) + ", not " + argument
                    + " (" + type.sqlName() + ")");
        }
    }

    private static String names(Set<VectorType> types) {
        StringBuilder names = new StringBuilder();
        int i = 0;
        for (VectorType type : types) {
            names.append(i == 0 ? "" : i == types.size() - 1 ? " and " : ", ").append(type.sqlName());
            i++;
        }
        return names.toString();
    }
}
