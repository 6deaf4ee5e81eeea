/**
 * A Spring AI {@code VectorStore} on vector-orm: {@link io.github.vectororm.springai.VectorOrmVectorStore}, and the
 * translation of Spring AI's filter expressions into vector-orm's metadata filters.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.vectororm.springai;

import org.jspecify.annotations.NullMarked;
