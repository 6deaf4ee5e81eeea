package io.github.vectororm.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.filter.MetadataFilter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The DocumentStore code of docs/core.md, run. */
@PgVectorDatabase
class DocumentStoreDocsTest {

    @Test
    void theSnippetRunsAndThePageShowsIt(TestDatabase db) throws SQLException {
        DataSource dataSource = db.dataSource();
        float[] penguinEmbedding = {1, 0, 0};
        float[] breadEmbedding = {0, 1, 0};
        float[] queryEmbedding = {0.9f, 0.1f, 0};
        // tag::store[]
        DocumentStore store = DocumentStore.builder(dataSource, DocumentTable.named("documents").dimensions(3).build())
                .metric(Metric.COSINE)
                .index(DocumentIndex.hnsw().m(16).efConstruction(64).build())
                .build();
        store.initializeSchema(false);  // CREATE TABLE IF NOT EXISTS ..., the HNSW index
        store.upsert(List.of(           // from 1000 documents on: COPY into a staging table, then one upsert
                new StoredDocument("p1", "penguins", "{\"region\":\"AQ\",\"year\":2021}", penguinEmbedding),
                new StoredDocument("b1", "bread", "{\"region\":\"EU\",\"year\":2019}", breadEmbedding)));

        List<DocumentMatch> matches = store.search(DocumentQuery.nearest(queryEmbedding, 10)
                .filter(MetadataFilter.and(MetadataFilter.eq("region", "AQ"), MetadataFilter.gte("year", 2020)))
                .settings(SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build())
                .build());
        // end::store[]
        assertThat(matches).extracting(m -> m.document().id()).containsExactly("p1");
        assertThat(matches.get(0).distance()).isCloseTo(Metric.COSINE.distance(penguinEmbedding, queryEmbedding),
                org.assertj.core.api.Assertions.within(1e-6));
        ReadmeSnippets.assertPageShows("docs/core.md", DocumentStoreDocsTest.class, "store");
    }
}
