package io.github.vectororm.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * pgvector features that arrived after its first releases, with the version that brought each.
 * Hosted PostgreSQL services often run older pgvector versions, so features are checked against
 * the installed version before they are used.
 *
 * @since 0.1.0
 */
public enum PgVectorFeature {
    /** The {@code avg} aggregate on {@code vector}. */
    AVG_AGGREGATE("the avg aggregate on vector", "0.4.0"),
    /** The {@code sum} aggregate on {@code vector}. */
    SUM_AGGREGATE("the sum aggregate on vector", "0.5.0"),
    /** HNSW indexes. */
    HNSW("HNSW indexes", "0.5.0"),
    /** The {@code halfvec} type. */
    HALFVEC("the halfvec type", "0.7.0"),
    /** The {@code sparsevec} type. */
    SPARSEVEC("the sparsevec type", "0.7.0"),
    /** Hamming and Jaccard distance on {@code bit}, with index support. */
    BIT_DISTANCE("Hamming/Jaccard distance on bit", "0.7.0"),
    /** The {@code <+>} L1 distance operator and its opclasses. */
    L1_DISTANCE("L1 distance (<+>)", "0.7.0"),
    /** {@code binary_quantize}, {@code subvector} and {@code l2_normalize}. */
    QUANTIZATION_FUNCTIONS("binary_quantize/subvector/l2_normalize", "0.7.0"),
    /** {@code hnsw.iterative_scan}, {@code ivfflat.iterative_scan} and their limits. */
    ITERATIVE_SCAN("iterative index scans", "0.8.0");

    private final String description;
    private final PgVectorVersion since;

    PgVectorFeature(String description, String since) {
        this.description = description;
        this.since = PgVectorVersion.parse(since);
    }

    /** {@return the first pgvector version with this feature} */
    public PgVectorVersion since() {
        return since;
    }

    /** {@return a human-readable name of the feature} */
    public String description() {
        return description;
    }

    /**
     * Checks that a pgvector version has this feature.
     *
     * @param installed the installed version
     * @throws UnsupportedPgVectorFeatureException if the version is older than {@link #since()}
     */
    public void requireSupportedBy(PgVectorVersion installed) {
        requireSupportedBy(installed, description);
    }

    /**
     * Checks that a pgvector version has this feature, naming what needs it in the message.
     *
     * @param installed the installed version
     * @param what what needs the feature, first in the message (e.g. a function's name)
     * @throws UnsupportedPgVectorFeatureException if the version is older than {@link #since()}
     * @since 0.1.0
     */
    public void requireSupportedBy(PgVectorVersion installed, String what) {
        if (!installed.isAtLeast(since)) {
            throw new UnsupportedPgVectorFeatureException(what, this, installed);
        }
    }

    /**
     * What a nearest-neighbor query over a column of {@code type} ordered by {@code metric} needs beyond
     * pgvector 0.5.0, e.g. {@link #L1_DISTANCE} and {@link #HALFVEC} for L1 over a halfvec column.
     *
     * @param type the column's type
     * @param metric the distance
     * @return the features, empty when any supported pgvector serves the query
     */
    public static Set<PgVectorFeature> requiredFor(VectorType type, Metric metric) {
        Set<PgVectorFeature> features = EnumSet.noneOf(PgVectorFeature.class);
        type.requiredFeature().ifPresent(features::add);
        metric.requiredFeature().ifPresent(features::add);
        return features;
    }
}
