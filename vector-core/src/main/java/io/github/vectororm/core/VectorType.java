package io.github.vectororm.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL column types that hold vectors, with pgvector's limits for each.
 *
 * @since 0.1.0
 */
public enum VectorType {
    /** {@code vector(n)}: single-precision floats, up to 16,000 dimensions, 2,000 indexable. */
    VECTOR("vector", 16_000, 2_000, "vector_norm", null),
    /** {@code halfvec(n)}: half-precision floats, up to 16,000 dimensions, 4,000 indexable. */
    HALFVEC("halfvec", 16_000, 4_000, "l2_norm", PgVectorFeature.HALFVEC),
    /** {@code sparsevec(n)}: up to 10^9 dimensions and 16,000 non-zero elements, 1,000 non-zero indexable (HNSW). */
    SPARSEVEC("sparsevec", 1_000_000_000, 1_000, "l2_norm", PgVectorFeature.SPARSEVEC),
    /** {@code bit(n)}: binary vectors for Hamming/Jaccard distance, up to 64,000 bits indexable. */
    BIT("bit", 83_886_080, 64_000, null, PgVectorFeature.BIT_DISTANCE);

    private final String sqlName;
    private final int maxDimensions;
    private final int maxIndexDimensions;
    private final String normFunction;
    private final PgVectorFeature feature;

    VectorType(String sqlName, int maxDimensions, int maxIndexDimensions, String normFunction, PgVectorFeature feature) {
        this.sqlName = sqlName;
        this.maxDimensions = maxDimensions;
        this.maxIndexDimensions = maxIndexDimensions;
        this.normFunction = normFunction;
        this.feature = feature;
    }

    /** {@return the SQL type name, e.g. {@code halfvec}} */
    public String sqlName() {
        return sqlName;
    }

    /** {@return the largest dimension count a column of this type may declare} */
    public int maxDimensions() {
        return maxDimensions;
    }

    /**
     * The largest dimension count an HNSW or IVFFlat index accepts for this type; for {@code sparsevec}
     * it limits the non-zero elements of each indexed value instead, and IVFFlat does not support it.
     *
     * @return the limit
     */
    public int maxIndexDimensions() {
        return maxIndexDimensions;
    }

    /**
     * The SQL function computing the Euclidean norm: {@code vector_norm} for vector,
     * {@code l2_norm} for halfvec and sparsevec; none for bit.
     *
     * @return the function name, if the type has a norm
     */
    public Optional<String> normFunction() {
        return Optional.ofNullable(normFunction);
    }

    /** {@return the pgvector feature this type needs beyond the base extension, if any} */
    public Optional<PgVectorFeature> requiredFeature() {
        return Optional.ofNullable(feature);
    }

    /**
     * The column type with its dimension, e.g. {@code vector(384)}.
     *
     * @param dimensions the declared dimension count
     * @return the SQL type
     * @throws VectorValidationException if the dimension count is out of range for this type
     */
    public String columnDefinition(int dimensions) {
        checkDimensions(dimensions);
        return sqlName + "(" + dimensions + ")";
    }

    /**
     * Checks a declared dimension count.
     *
     * @param dimensions the count
     * @throws VectorValidationException if it is below 1 or above {@link #maxDimensions()}
     */
    public void checkDimensions(int dimensions) {
        if (dimensions < 1 || dimensions > maxDimensions) {
            throw new VectorValidationException(sqlName + " dimensions must be 1 to " + maxDimensions + ", not " + dimensions);
        }
    }

    /**
     * Checks a value's dimension count (bit length for {@link #BIT}) against the one its column declares: the one
     * rule, and message, every adapter applies before a value reaches the server, which refuses a mismatch for a
     * typed column ({@code expected 3 dimensions, not 2}).
     *
     * @param subject what holds the value, e.g. {@code query vector} or {@code Item.embedding}
     * @param actual the value's dimension count
     * @param target what declares the dimensions, e.g. {@code column items.embedding}
     * @param declared the declared dimension count
     * @throws VectorValidationException "{@code <subject> has 2 dimensions, <target> is vector(3)}" if they differ
     * @since 0.1.0
     */
    public void requireDimensions(String subject, int actual, String target, int declared) {
        if (actual != declared) {
            throw new VectorValidationException(subject + " has " + actual + (this == BIT ? " bits" : " dimensions") + ", "
                    + target + " is " + columnDefinition(declared));
        }
    }

    /**
     * The types whose values cast to this one, as {@code pg_cast} has it: pgvector casts {@code vector},
     * {@code halfvec} and {@code sparsevec} to one another (each to itself for a dimension check), and PostgreSQL
     * casts {@code bit} only from bit strings (and integers), never from a vector.
     *
     * @return the source types, among these four
     * @since 0.1.0
     */
    public Set<VectorType> castSources() {
        return this == BIT ? EnumSet.of(BIT) : EnumSet.of(VECTOR, HALFVEC, SPARSEVEC);
    }

    /**
     * The pgvector features a cast from {@code source} to this type needs: those of the pgvector types involved
     * ({@code halfvec} and {@code sparsevec}, and their casts, came with 0.7.0); none for {@code bit}, a PostgreSQL type.
     *
     * @param source the value's type
     * @return the features, empty when every supported pgvector has the cast
     * @since 0.1.0
     */
    public Set<PgVectorFeature> castFeatures(VectorType source) {
        Set<PgVectorFeature> features = EnumSet.noneOf(PgVectorFeature.class);
        for (VectorType type : new VectorType[] {source, this}) {
            if (type != BIT) {
                type.requiredFeature().ifPresent(features::add);
            }
        }
        return features;
    }

    /**
     * Refuses a cast the server has not, before it reaches the server.
     *
     * @param source the value's type
     * @param value what the value is, for the message (e.g. a column name)
     * @throws VectorValidationException naming the value, its type and the types that do cast to this one
     * @since 0.1.0
     */
    public void requireCastsFrom(VectorType source, String value) {
        if (!castSources().contains(source)) {
            List<String> names = new ArrayList<>();
            castSources().forEach(t -> names.add(t.sqlName));
            throw new VectorValidationException("cannot cast " + value + " (" + source.sqlName + ") to " + sqlName
                    + "; " + sqlName + " casts from " + String.join(", ", names));
        }
    }

    /**
     * Finds a type by its SQL name, ignoring case and a dimension suffix ({@code vector(3)} gives VECTOR).
     *
     * @param sqlType the SQL type name
     * @return the type, if it is one of pgvector's vector types or bit
     */
    public static Optional<VectorType> fromSqlName(String sqlType) {
        if (sqlType == null) {
            return Optional.empty();
        }
        String name = sqlType.strip().toLowerCase(Locale.ROOT);
        int paren = name.indexOf('(');
        if (paren >= 0) {
            name = name.substring(0, paren).strip();
        }
        if (name.equals("varbit") || name.equals("bit varying")) {
            return Optional.of(BIT);
        }
        for (VectorType type : values()) {
            if (type.sqlName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
