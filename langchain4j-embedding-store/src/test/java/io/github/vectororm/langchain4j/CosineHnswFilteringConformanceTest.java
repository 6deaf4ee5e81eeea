package io.github.vectororm.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's own suites {@code EmbeddingStoreWithFilteringIT}, {@code EmbeddingStoreIT} and
 * {@code EmbeddingStoreWithoutMetadataIT} ({@code langchain4j-core} 1.11.0, {@code tests} jar), every inherited test
 * run, on cosine distance, the default HNSW index over the vector column, adds by batched INSERT.
 */
@PgVectorDatabase
class CosineHnswFilteringConformanceTest extends EmbeddingStoreWithFilteringIT {

    private static TestDatabase db;
    private static VectorOrmEmbeddingStore store;

    @BeforeAll
    static void store(TestDatabase database) {
        db = database;
        store = Conformance.store(db, "conformance_cosine", builder -> builder.searchSettings(Conformance.READS_ALL));
    }

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return Conformance.MODEL;
    }

    @Override
    protected void clearStore() {
        Conformance.clear(db, store);
    }

    @Override
    protected boolean supportsContains() {
        return true;
    }

    /**
     * Overridden because the suite disables it for stores that support {@code ContainsString} (as this one does), and
     * a disabled test would be skipped: here it runs and asserts the opposite, that the request succeeds and filters.
     */
    @Override
    @Test
    protected void should_throw_exception_when_contains_is_not_supported() {
        Conformance.containsStringIsSupported(store);
    }
}
