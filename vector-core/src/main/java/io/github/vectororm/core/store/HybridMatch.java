package io.github.vectororm.core.store;

/**
 * A document a hybrid search found, with its place in the fused ranking.
 *
 * @param document the document (without its embedding)
 * @param fusedScore the reciprocal-rank-fusion score, higher is better
 * @param vectorRank the 1-based rank on the vector side, {@code null} if only the text side found it
 * @param textRank the 1-based rank on the full-text side, {@code null} if only the vector side found it
 * @since 0.1.0
 */
public record HybridMatch(StoredDocument document, double fusedScore, Integer vectorRank, Integer textRank) {
}
