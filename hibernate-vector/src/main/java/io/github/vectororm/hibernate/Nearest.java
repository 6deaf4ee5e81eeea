package io.github.vectororm.hibernate;

/**
 * An entity found by a nearest-neighbour search, with its distance to the query vector.
 *
 * <p>{@code distance} is the value of the metric's operator: smaller is nearer. For cosine it is
 * {@code 1 - cosine similarity}; for inner product it is the <em>negative</em> inner product.
 *
 * @param entity the entity, managed by the session that ran the search
 * @param distance the operator's value for this entity
 * @param <T> the entity type
 * @since 0.1.0
 */
public record Nearest<T>(T entity, double distance) {
}
