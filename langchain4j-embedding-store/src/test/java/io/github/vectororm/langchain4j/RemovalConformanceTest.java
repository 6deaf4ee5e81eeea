package io.github.vectororm.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * LangChain4j's own suite {@code EmbeddingStoreWithRemovalIT} ({@code langchain4j-core} 1.11.0, {@code tests} jar),
 * every inherited test run (remove by id, by ids, by filter, all; the refusals of null and empty arguments), on the
 * default store.
 */
@PgVectorDatabase
class RemovalConformanceTest extends EmbeddingStoreWithRemovalIT {

    private static TestDatabase db;
    private static VectorOrmEmbeddingStore store;

    @BeforeAll
    static void store(TestDatabase database) {
        db = database;
        store = Conformance.store(db, "conformance_removal", builder -> builder.searchSettings(Conformance.READS_ALL));
    }

    /** The suite expects an empty store per test and leaves clearing it to the store's test. */
    @BeforeEach
    void empty() {
        Conformance.clear(db, store);
    }

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return Conformance.MODEL;
    }
}
