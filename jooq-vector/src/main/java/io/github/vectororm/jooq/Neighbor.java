package io.github.vectororm.jooq;

import org.jooq.Record;

/**
 * One row of a nearest-neighbor search and its <em>distance</em> to the probe (smaller is nearer; not a
 * similarity). For {@code Metric.INNER_PRODUCT} the distance is pgvector's negative inner product.
 *
 * <p>It holds the searched table's typed {@code Record} (or the selected fields'), where Hibernate's {@code Nearest}
 * holds a managed entity and vector-core's {@code Hit} an id only; the adapters depend on vector-core
 * alone, never on each other, so each has its own.
 *
 * @param record the row, as a record of the searched table
 * @param distance the metric's distance between the row's vector and the probe
 * @param <R> the record type
 * @since 0.1.0
 */
public record Neighbor<R extends Record>(R record, double distance) {
}
