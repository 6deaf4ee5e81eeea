package io.github.vectororm.springai;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * Spring AI's own conformance suite ({@code BaseVectorStoreTests} of {@code spring-ai-test} 2.0.1), every inherited
 * test unchanged, on the default store: cosine distance, HNSW over the vector column, adds by batched INSERT.
 */
@PgVectorDatabase
class CosineHnswConformanceTest extends BaseVectorStoreTests {

    private static TestDatabase db;

    @BeforeAll
    static void database(TestDatabase database) {
        db = database;
    }

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        ConformanceSupport.run(db, "conformance_cosine", builder -> builder, testFunction);
    }
}
