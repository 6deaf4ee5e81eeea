package io.github.vectororm.spring.internal;

import io.github.vectororm.core.Metric;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.VectorScoringFunctions;

/** The Spring Data {@link ScoringFunction} of each pgvector metric. */
public final class Scoring {

    /** Jaccard distance, which Spring Data's {@link VectorScoringFunctions} does not name. */
    public static final ScoringFunction JACCARD = () -> "JACCARD";

    private Scoring() {
    }

    /**
     * @param metric a pgvector metric
     * @return the scoring function whose distance the metric's operator computes
     */
    public static ScoringFunction of(Metric metric) {
        return switch (metric) {
            case L2 -> VectorScoringFunctions.EUCLIDEAN;
            case COSINE -> VectorScoringFunctions.COSINE;
            case INNER_PRODUCT -> VectorScoringFunctions.DOT_PRODUCT;
            case L1 -> VectorScoringFunctions.TAXICAB;
            case HAMMING -> VectorScoringFunctions.HAMMING;
            case JACCARD -> JACCARD;
        };
    }
}
