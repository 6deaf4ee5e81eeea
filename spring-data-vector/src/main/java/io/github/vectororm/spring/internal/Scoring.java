package io.github.vectororm.spring.internal;

import io.github.vectororm.core.Metric;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.VectorScoringFunctions;

/**
 * The Spring Data {@link ScoringFunction} of each pgvector metric, found by {@link Metric#scoringFunctionName()}:
 * Spring Data's own constant where {@link VectorScoringFunctions} has one, else a function of that name.
 */
public final class Scoring {

    /** Jaccard distance, which Spring Data's {@link VectorScoringFunctions} does not name. */
    public static final ScoringFunction JACCARD = named(Metric.JACCARD.scoringFunctionName());

    private Scoring() {
    }

    /**
     * @param metric a pgvector metric
     * @return the scoring function whose distance the metric's operator computes
     */
    public static ScoringFunction of(Metric metric) {
        String name = metric.scoringFunctionName();
        for (VectorScoringFunctions function : VectorScoringFunctions.values()) {
            if (function.name().equals(name)) {
                return function;
            }
        }
        return name.equals(JACCARD.getName()) ? JACCARD : named(name);
    }

    private static ScoringFunction named(String name) {
        return () -> name;
    }
}
