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
 * Spring AI's conformance suite, every inherited test unchanged, on a negative-inner-product store with an HNSW index
 * over the halfvec cast of the embeddings (m 8, ef_construction 32).
 */
@PgVectorDatabase
class InnerProductHalfvecConformanceTest extends BaseVectorStoreTests {

    private static TestDatabase db;

    @BeforeAll
    static void database(TestDatabase database) {
        db = database;
    }

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        ConformanceSupport.run(db, "conformance_ip_halfvec", builder -> builder.metric(Metric.INNER_PRODUCT)
                .index(DocumentIndex.hnsw().m(8).efConstruction(32).halfvec().build()), testFunction);
    }
}
