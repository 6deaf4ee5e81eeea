package io.github.vectororm.jooq;

import org.jooq.Record;

/**
 * One row of a nearest-neighbour search and its <em>distance</em> to the probe (smaller is nearer; not a
 * similarity). For {@code Metric.INNER_PRODUCT} the distance is pgvector's negative inner product.
 *
 * @param record the row, as a record of the searched table
 * @param distance the metric's distance between the row's vector and the probe
 * @param <R> the record type
 * @since 0.1.0
 */
public record Neighbor<R extends Record>(R record, double distance) {
}
