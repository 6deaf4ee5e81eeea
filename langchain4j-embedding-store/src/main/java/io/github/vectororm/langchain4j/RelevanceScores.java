package io.github.vectororm.langchain4j;

import dev.langchain4j.store.embedding.RelevanceScore;
import io.github.vectororm.core.Metric;

/**
 * LangChain4j's relevance scores (0 to 1, higher is more relevant; its {@code minScore} is one) from pgvector
 * distances and back, per metric, both ways monotonic, so a minimum score becomes a largest distance the query filters
 * by. Cosine: {@link RelevanceScore#fromCosineSimilarity} of {@code 1 - d}, as LangChain4j's own PgVector store
 * returns ({@code (2 - d) / 2}); inner product: the same of the inner product {@code -d} (the cosine similarity of
 * normalized embeddings); L2 and L1: {@code 1 / (1 + d)}.
 */
final class RelevanceScores {

    private RelevanceScores() {
    }

    static double score(Metric metric, double distance) {
        return switch (metric) {
            case COSINE -> RelevanceScore.fromCosineSimilarity(1 - distance);
            case INNER_PRODUCT -> RelevanceScore.fromCosineSimilarity(-distance);
            default -> 1 / (1 + distance);
        };
    }

    /** The largest distance whose score reaches {@code minScore}, which is above 0 (0 needs no bound). */
    static double maxDistance(Metric metric, double minScore) {
        return switch (metric) {
            case COSINE -> 2 - 2 * minScore;
            case INNER_PRODUCT -> 1 - 2 * minScore;
            default -> 1 / minScore - 1;
        };
    }
}
