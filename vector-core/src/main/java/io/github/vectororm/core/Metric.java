package io.github.vectororm.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * pgvector's distance metrics: the operator, the SQL function, which column types each applies to and
 * the operator class each index method uses for it. Every adapter renders metrics from here.
 *
 * <p>All are <em>distances</em>: smaller is nearer, and {@code ORDER BY col <op> ? LIMIT k} is the form
 * an index serves. {@link #INNER_PRODUCT}'s operator {@code <#>} is the <em>negative</em> inner product;
 * its function {@code inner_product} is the positive one.
 *
 * @since 0.1.0
 */
public enum Metric {
    /** Euclidean distance, {@code <->}. */
    L2("<->", "l2_distance", "l2", dense(), dense(), halfOrFull(), null),
    /** Negative inner product, {@code <#>}: for normalized vectors, ranks like cosine and is cheaper. */
    INNER_PRODUCT("<#>", "inner_product", "ip", dense(), dense(), halfOrFull(), null),
    /** Cosine distance, {@code <=>}: {@code 1 - cosine similarity}, in [0, 2]. */
    COSINE("<=>", "cosine_distance", "cosine", dense(), dense(), halfOrFull(), null),
    /** Manhattan (taxicab) distance, {@code <+>}. */
    L1("<+>", "l1_distance", "l1", dense(), dense(), EnumSet.noneOf(VectorType.class), PgVectorFeature.L1_DISTANCE),
    /** Hamming distance between bit vectors, {@code <~>}. */
    HAMMING("<~>", "hamming_distance", "hamming", EnumSet.of(VectorType.BIT), EnumSet.of(VectorType.BIT),
            EnumSet.of(VectorType.BIT), PgVectorFeature.BIT_DISTANCE),
    /** Jaccard distance between bit vectors, {@code <%>}. */
    JACCARD("<%>", "jaccard_distance", "jaccard", EnumSet.of(VectorType.BIT), EnumSet.of(VectorType.BIT),
            EnumSet.noneOf(VectorType.class), PgVectorFeature.BIT_DISTANCE);

    private final String operator;
    private final String functionName;
    private final String opclassSuffix;
    private final Set<VectorType> types;
    private final Set<VectorType> hnswTypes;
    private final Set<VectorType> ivfflatTypes;
    private final PgVectorFeature feature;

    Metric(String operator, String functionName, String opclassSuffix, Set<VectorType> types,
            Set<VectorType> hnswTypes, Set<VectorType> ivfflatTypes, PgVectorFeature feature) {
        this.operator = operator;
        this.functionName = functionName;
        this.opclassSuffix = opclassSuffix;
        this.types = types;
        this.hnswTypes = hnswTypes;
        this.ivfflatTypes = ivfflatTypes;
        this.feature = feature;
    }

    private static Set<VectorType> halfOrFull() {
        return EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC);
    }

    private static Set<VectorType> dense() {
        return EnumSet.of(VectorType.VECTOR, VectorType.HALFVEC, VectorType.SPARSEVEC);
    }

    /** {@return the operator, e.g. {@code <=>}} */
    public String operator() {
        return operator;
    }

    /**
     * The SQL function of this metric. For {@link #INNER_PRODUCT} it is {@code inner_product}, which
     * returns the positive inner product, the negation of the operator's value.
     *
     * @return the function name
     */
    public String functionName() {
        return functionName;
    }

    /**
     * Whether the operator is defined for two values of a type.
     *
     * @param type the column type
     * @return {@code true} if {@code col <op> value} is valid SQL for it
     */
    public boolean appliesTo(VectorType type) {
        return types.contains(type);
    }

    /**
     * The operator class an index method uses for this metric on a column type, e.g.
     * {@code halfvec_cosine_ops}.
     *
     * @param type the indexed column (or expression) type
     * @param method the index method
     * @return the opclass, or empty if the combination has no index support
     */
    public Optional<String> opclass(VectorType type, IndexMethod method) {
        Set<VectorType> supported = method == IndexMethod.HNSW ? hnswTypes : ivfflatTypes;
        return supported.contains(type) ? Optional.of(type.sqlName() + "_" + opclassSuffix + "_ops") : Optional.empty();
    }

    /**
     * Like {@link #opclass(VectorType, IndexMethod)}, but refuses an unsupported combination with a
     * message that names the valid ones.
     *
     * @param type the indexed column (or expression) type
     * @param method the index method
     * @return the opclass
     * @throws VectorValidationException if the combination has no index support
     */
    public String requireOpclass(VectorType type, IndexMethod method) {
        return opclass(type, method).orElseThrow(() -> new VectorValidationException(
                method.name() + " cannot index " + type.sqlName() + " by " + name() + "; valid opclasses for "
                        + method.name() + " on " + type.sqlName() + ": " + validOpclasses(type, method)
                        + "; " + name() + " is indexable with: " + validCombinations()));
    }

    private static List<String> validOpclasses(VectorType type, IndexMethod method) {
        List<String> valid = new ArrayList<>();
        for (Metric metric : values()) {
            metric.opclass(type, method).ifPresent(o -> valid.add(o + " (" + metric.name() + ")"));
        }
        return valid;
    }

    private String validCombinations() {
        List<String> valid = new ArrayList<>();
        for (IndexMethod method : IndexMethod.values()) {
            for (VectorType type : VectorType.values()) {
                opclass(type, method).ifPresent(o -> valid.add(method.name() + " " + o));
            }
        }
        return valid.isEmpty() ? "nothing" : String.join(", ", valid);
    }

    /**
     * Checks that the operator applies to a column type.
     *
     * @param type the column type
     * @throws VectorValidationException naming the metrics that do apply
     */
    public void requireAppliesTo(VectorType type) {
        if (!appliesTo(type)) {
            List<String> valid = new ArrayList<>();
            for (Metric m : values()) {
                if (m.appliesTo(type)) {
                    valid.add(m.name() + " " + m.operator);
                }
            }
            throw new VectorValidationException(name() + " (" + operator + ") does not apply to " + type.sqlName()
                    + "; metrics for " + type.sqlName() + ": " + String.join(", ", valid));
        }
    }

    /**
     * The function pgvector defines the operator by on a column type, as {@code pg_operator.oprcode} names it:
     * {@code l2_distance} for {@code vector <-> vector}, {@code halfvec_negative_inner_product} for
     * {@code halfvec <#> halfvec}. Equal to {@link #functionName()} except for {@link #INNER_PRODUCT}, whose
     * operator function is the negative product, per type.
     *
     * @param type a column type the metric applies to
     * @return the function's name
     * @throws VectorValidationException if the metric does not apply to the type
     * @since 0.1.0
     */
    public String operatorFunction(VectorType type) {
        requireAppliesTo(type);
        return this == INNER_PRODUCT ? type.sqlName() + "_negative_inner_product" : functionName;
    }

    /**
     * Whether {@link #functionName()} returns the negation of the operator's value: {@code true} only for
     * {@link #INNER_PRODUCT} ({@code inner_product(a, b) = -(a <#> b)}). A function form that negates orders
     * the other way round and no index serves it.
     *
     * @return whether the function negates the operator
     * @since 0.1.0
     */
    public boolean functionNegates() {
        return this == INNER_PRODUCT;
    }

    /**
     * The query-language name (HQL, and what Spring Data JPA's derived vector queries emit) of a function rendering
     * this metric's bare operator: {@link #functionName()}, but {@code negative_inner_product} for
     * {@link #INNER_PRODUCT}, whose SQL function has the opposite sign.
     *
     * @return the primary name
     * @since 0.1.0
     */
    public String queryFunctionName() {
        return functionNegates() ? "negative_" + functionName : functionName;
    }

    /**
     * Every query-language name rendering this metric's bare operator: {@link #queryFunctionName()} first, then
     * the aliases Hibernate ORM's hibernate-vector and Spring Data JPA use ({@code euclidean_distance} for
     * {@link #L2}, {@code taxicab_distance} for {@link #L1}).
     *
     * @return the names, none of them {@link #functionName()} when {@link #functionNegates()}
     * @since 0.1.0
     */
    public List<String> queryFunctionNames() {
        return switch (this) {
            case L2 -> List.of(queryFunctionName(), "euclidean_distance");
            case L1 -> List.of(queryFunctionName(), "taxicab_distance");
            default -> List.of(queryFunctionName());
        };
    }

    /**
     * The name of Spring Data's {@code ScoringFunction} for this metric's distance, as its
     * {@code VectorScoringFunctions} constants spell it ({@code EUCLIDEAN}, {@code COSINE}, {@code DOT_PRODUCT},
     * {@code TAXICAB}, {@code HAMMING}); {@code JACCARD}, which Spring Data does not name, for {@link #JACCARD}.
     *
     * @return the name
     * @since 0.1.0
     */
    public String scoringFunctionName() {
        return switch (this) {
            case L2 -> "EUCLIDEAN";
            case INNER_PRODUCT -> "DOT_PRODUCT";
            case L1 -> "TAXICAB";
            default -> name();
        };
    }

    /** {@return the pgvector feature (and so the minimum version) this metric needs, if any} */
    public Optional<PgVectorFeature> requiredFeature() {
        return Optional.ofNullable(feature);
    }

    /** {@return the first pgvector version with this metric's operator, if newer than the oldest supported pgvector} */
    public Optional<PgVectorVersion> since() {
        return requiredFeature().map(PgVectorFeature::since);
    }

    /**
     * Checks that a pgvector version has this metric's operator, before SQL using it reaches the server.
     *
     * @param installed the installed version
     * @throws UnsupportedPgVectorFeatureException naming the metric and its operator, the installed and the needed
     *     version, e.g. {@code L1 distance (<+>): pgvector 0.7.0 or newer is required, but the database has pgvector 0.5.0}
     * @since 0.1.0
     */
    public void requireSupportedBy(PgVectorVersion installed) {
        requireSupportedBy(installed, null);
    }

    /**
     * Like {@link #requireSupportedBy(PgVectorVersion)}, with the name the caller used first in the message, e.g.
     * {@code taxicab_distance: L1 distance (<+>): pgvector 0.7.0 or newer is required, ...} for a query language's alias.
     *
     * @param installed the installed version
     * @param calledAs the name the metric was called by, or {@code null}
     * @throws UnsupportedPgVectorFeatureException naming the metric, its operator and both versions
     * @since 0.1.0
     */
    public void requireSupportedBy(PgVectorVersion installed, String calledAs) {
        if (feature != null) {
            String what = name() + " distance (" + operator + ")";
            feature.requireSupportedBy(installed, calledAs == null ? what : calledAs + ": " + what);
        }
    }

    /**
     * The value {@code a <op> b} has on the server, computed in Java the way pgvector computes it
     * (single-precision sums): an oracle for tests and for client-side re-ranking.
     *
     * @param a a dense vector
     * @param b a dense vector of the same dimension
     * @return the operator's value (negative inner product for {@link #INNER_PRODUCT})
     * @throws VectorValidationException for bit metrics, mismatched dimensions, or a value no vector type holds
     *     (no element, NaN, infinity), as the server refuses it
     */
    public double distance(float[] a, float[] b) {
        requireHoldable(a);
        requireHoldable(b);
        if (a.length != b.length) {
            throw new VectorValidationException("different vector dimensions " + a.length + " and " + b.length);
        }
        switch (this) {
            case L2 -> {
                float sum = 0f;
                for (int i = 0; i < a.length; i++) {
                    float d = a[i] - b[i];
                    sum += d * d;
                }
                return Math.sqrt(sum);
            }
            case INNER_PRODUCT -> {
                float sum = 0f;
                for (int i = 0; i < a.length; i++) {
                    sum += a[i] * b[i];
                }
                return -(double) sum;
            }
            case COSINE -> {
                float dot = 0f;
                float normA = 0f;
                float normB = 0f;
                for (int i = 0; i < a.length; i++) {
                    dot += a[i] * b[i];
                    normA += a[i] * a[i];
                    normB += b[i] * b[i];
                }
                double similarity = dot / Math.sqrt((double) normA * (double) normB);
                return 1.0 - Math.max(-1.0, Math.min(1.0, similarity));
            }
            case L1 -> {
                float sum = 0f;
                for (int i = 0; i < a.length; i++) {
                    sum += Math.abs(a[i] - b[i]);
                }
                return sum;
            }
            default -> throw new VectorValidationException(name() + " is a bit-vector metric; pass boolean[] values");
        }
    }

    /** pgvector's vector types hold at least one element and finite values only. */
    private static void requireHoldable(float[] v) {
        if (v.length == 0) {
            throw new VectorValidationException("a vector must have at least 1 dimension");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new VectorValidationException("vector element [" + i + "] is " + v[i]
                        + "; pgvector accepts finite values only");
            }
        }
    }

    /**
     * The value {@code a <op> b} has on the server for bit vectors.
     *
     * @param a a bit vector
     * @param b a bit vector of the same length
     * @return the Hamming or Jaccard distance
     * @throws VectorValidationException for dense metrics or mismatched lengths
     */
    public double distance(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new VectorValidationException("different bit lengths " + a.length + " and " + b.length);
        }
        long both = 0;
        long onlyOne = 0;
        long countA = 0;
        long countB = 0;
        for (int i = 0; i < a.length; i++) {
            both += a[i] && b[i] ? 1 : 0;
            onlyOne += a[i] != b[i] ? 1 : 0;
            countA += a[i] ? 1 : 0;
            countB += b[i] ? 1 : 0;
        }
        return switch (this) {
            case HAMMING -> onlyOne;
            case JACCARD -> both == 0 ? 1.0 : 1.0 - both / (double) (countA + countB - both);
            default -> throw new VectorValidationException(name() + " is a dense-vector metric; pass float[] values");
        };
    }
}
