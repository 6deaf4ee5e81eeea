/**
 * The vector-store comparison (issue #14): Spring AI's {@code PgVectorStore} and LangChain4j's
 * {@code PgVectorEmbeddingStore} beside vector-orm's {@code VectorOrmVectorStore} and {@code VectorOrmEmbeddingStore},
 * in one run on the same documents and embedding-shaped vectors: add throughput, top-10 latency and recall, a 10 %
 * metadata filter, and a 3,072-d collection. {@link io.github.vectororm.benchmarks.stores.StoreComparison} measures;
 * each store is one {@link io.github.vectororm.benchmarks.stores.ComparedStore}.
 */
package io.github.vectororm.benchmarks.stores;
