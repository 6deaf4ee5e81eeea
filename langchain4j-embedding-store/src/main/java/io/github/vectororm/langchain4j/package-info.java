/**
 * A LangChain4j {@code EmbeddingStore<TextSegment>} on vector-orm's {@link io.github.vectororm.core.store.DocumentStore}:
 * {@link io.github.vectororm.langchain4j.VectorOrmEmbeddingStore} and the translation of LangChain4j's metadata
 * {@code Filter}s, {@link io.github.vectororm.langchain4j.LangChain4jFilters}.
 *
 * @since 0.1.0
 */
package io.github.vectororm.langchain4j;
