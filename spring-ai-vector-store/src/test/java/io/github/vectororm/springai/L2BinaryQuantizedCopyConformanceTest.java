package io.github.vectororm.springai;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * Spring AI's conformance suite, every inherited test unchanged, on an L2 store with a binary-quantized HNSW index
 * (two-stage search) whose adds all go by COPY (threshold 1).
 */
@PgVectorDatabase
class L2BinaryQuantizedCopyConformanceTest extends BaseVectorStoreTests {

    private static TestDatabase db;

    @BeforeAll
    static void database(TestDatabase database) {
        db = database;
    }

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        ConformanceSupport.run(db, "conformance_l2_bq", builder -> builder.metric(Metric.L2)
                .index(DocumentIndex.hnsw().binaryQuantized(50).build()).copyThreshold(1), testFunction);
    }
}
