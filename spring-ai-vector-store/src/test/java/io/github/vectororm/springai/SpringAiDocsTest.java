package io.github.vectororm.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;

/** The code of docs/spring-ai.md, run. */
@PgVectorDatabase
class SpringAiDocsTest {

    @Test
    void theSnippetRunsAndThePageShowsIt(TestDatabase db) {
        DataSource dataSource = db.dataSource();
        EmbeddingModel embeddingModel = MiniLmEmbeddingModel.INSTANCE;
        // tag::store[]
        VectorOrmVectorStore store = VectorOrmVectorStore.builder(dataSource, embeddingModel)
                .table("documents")
                .metric(Metric.INNER_PRODUCT)                      // MiniLM's embeddings are unit length
                .index(DocumentIndex.hnsw().m(16).efConstruction(64).build())
                .initializeSchema(true)
                .build();

        store.add(List.of(
                new Document("Emperor penguins huddle through the Antarctic winter", Map.of("region", "AQ", "year", 2021)),
                new Document("Sourdough needs a lively starter", Map.of("region", "EU", "year", 2019))));

        List<Document> found = store.similaritySearch(SearchRequest.builder()
                .query("birds on the ice").topK(5)
                .filterExpression("region == 'AQ' && year >= 2020")    // bound values, never inlined
                .build());

        // per-query pgvector settings: here an iterative scan, so a selective filter still fills top-k
        List<Document> filled = store.similaritySearch(VectorOrmSearchRequest.of(
                SearchRequest.builder().query("birds on the ice").topK(5).filterExpression("year < 2020").build(),
                SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build()));
        // end::store[]
        assertThat(found).extracting(Document::getText).containsExactly("Emperor penguins huddle through the Antarctic winter");
        assertThat(found.get(0).getScore()).isGreaterThan(0.2);
        assertThat(filled).extracting(Document::getText).containsExactly("Sourdough needs a lively starter");
        ReadmeSnippets.assertPageShows("docs/spring-ai.md", SpringAiDocsTest.class, "store");
    }
}
