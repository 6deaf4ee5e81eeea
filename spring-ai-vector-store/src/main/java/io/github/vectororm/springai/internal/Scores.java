package io.github.vectororm.springai.internal;

import io.github.vectororm.core.Metric;

/**
 * Spring AI's similarity scores (higher is more similar; its similarity threshold is one) from pgvector distances and
 * back, per metric, both ways monotonic, so that a threshold becomes a largest distance the query filters by.
 * Cosine: {@code 1 - d}; inner product: the inner product itself, {@code -d} (the cosine similarity of normalized
 * embeddings); L2 and L1: {@code 1 / (1 + d)}.
 */
public final class Scores {

    private Scores() {
    }

    /**
     * @param metric the store's metric
     * @param distance the operator's value
     * @return the similarity score
     */
    public static double score(Metric metric, double distance) {
        return switch (metric) {
            case COSINE -> 1 - distance;
            case INNER_PRODUCT -> -distance;
            default -> 1 / (1 + distance);
        };
    }

    /**
     * @param metric the store's metric
     * @param threshold a similarity threshold above 0 (0 accepts everything and needs no bound)
     * @return the largest distance whose score reaches the threshold
     */
    public static double maxDistance(Metric metric, double threshold) {
        return switch (metric) {
            case COSINE -> 1 - threshold;
            case INNER_PRODUCT -> -threshold;
            default -> 1 / threshold - 1;
        };
    }
}
