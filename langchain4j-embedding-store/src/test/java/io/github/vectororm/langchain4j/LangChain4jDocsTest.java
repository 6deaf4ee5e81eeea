package io.github.vectororm.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The code of docs/langchain4j.md, run. */
@PgVectorDatabase
class LangChain4jDocsTest {

    @Test
    void theSnippetRunsAndThePageShowsIt(TestDatabase db) {
        DataSource dataSource = db.dataSource();
        EmbeddingModel embeddingModel = Conformance.MODEL;
        // tag::store[]
        VectorOrmEmbeddingStore store = VectorOrmEmbeddingStore.builder()
                .dataSource(dataSource)
                .table("segments")
                .dimension(embeddingModel.dimension())
                .metric(Metric.INNER_PRODUCT)                      // MiniLM's embeddings are unit length
                .index(DocumentIndex.hnsw().m(16).efConstruction(64).build())
                .build();                                           // creates the table and index if missing

        TextSegment penguins = TextSegment.from("Emperor penguins huddle through the Antarctic winter",
                new Metadata().put("region", "AQ").put("year", 2021));
        TextSegment bread = TextSegment.from("Sourdough needs a lively starter",
                new Metadata().put("region", "EU").put("year", 2019));
        store.addAll(embeddingModel.embedAll(List.of(penguins, bread)).content(), List.of(penguins, bread));

        Embedding query = embeddingModel.embed("birds on the ice").content();
        List<EmbeddingMatch<TextSegment>> found = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(query).maxResults(5).minScore(0.5)
                .filter(metadataKey("region").isEqualTo("AQ").and(metadataKey("year").isGreaterThanOrEqualTo(2020)))
                .build()).matches();                               // bound values, never inlined

        // per-request pgvector settings: here an iterative scan, so a selective filter still fills maxResults
        List<EmbeddingMatch<TextSegment>> filled = store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(query).maxResults(5).filter(metadataKey("year").isLessThan(2020)).build(),
                SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build()).matches();
        // end::store[]
        assertThat(found).extracting(m -> m.embedded().text())
                .containsExactly("Emperor penguins huddle through the Antarctic winter");
        assertThat(found.get(0).score()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(filled).extracting(m -> m.embedded().text()).containsExactly("Sourdough needs a lively starter");
        ReadmeSnippets.assertPageShows("docs/langchain4j.md", LangChain4jDocsTest.class, "store");
    }
}
