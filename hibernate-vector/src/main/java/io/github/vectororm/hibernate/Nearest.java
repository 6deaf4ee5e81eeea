package io.github.vectororm.hibernate;

/**
 * An entity found by a nearest-neighbor search, with its distance to the query vector.
 *
 * <p>vector-orm's types for "a row and its distance" differ by what the row is: this one holds a managed entity
 * (and is built by the Criteria query itself, as a constructor selection); jOOQ's {@code Neighbor} holds a typed
 * {@code Record}; vector-core's {@code Hit} an id, which {@link VectorQueries#twoStage} turns into
 * entities. {@link VectorQueries.HybridHit} is no distance result: it carries a fused score and both sides' ranks.
 * The adapters share no type, as they depend on vector-core only, never on each other.
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
