package io.github.vectororm.core.store;

/**
 * A document a search found and its distance to the query.
 *
 * @param document the document ({@link StoredDocument#embedding()} set when the query asked for it)
 * @param distance the metric's operator value, smaller is nearer (the negative inner product for
 *     {@link io.github.vectororm.core.Metric#INNER_PRODUCT}); computed on what the index covers (so at half precision
 *     for a halfvec index) and exactly for a binary-quantized one, whose shortlist is re-ranked
 * @since 0.1.0
 */
public record DocumentMatch(StoredDocument document, double distance) {
}
