package io.github.vectororm.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Runs the README's advanced-search snippet. */
@PgVectorDatabase
class AdvancedReadmeTest {

    @Test
    void advancedSnippetRuns(TestDatabase db) throws SQLException {
        db.execute("create table docs (id bigint primary key, body text, embedding vector(3072))");
        Random random = new Random(1);
        float[] queryEmbedding = null;
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "docs")
                .column("id", CopyType.BIGINT).column("body", CopyType.TEXT).column("embedding", CopyType.VECTOR).open()) {
            for (int i = 0; i < 500; i++) {
                float[] v = new float[3072];
                for (int d = 0; d < v.length; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                queryEmbedding = i == 7 ? v : queryEmbedding;
                writer.addRow((long) i, i % 3 == 0 ? "sharks in the deep ocean" : "mountain birds", v);
            }
            writer.finish();
        }
        DataSource dataSource = db.dataSource();
        List<String> progressLines = new ArrayList<>();
        List<Long> twoStageIds = new ArrayList<>();
        List<Long> hybridIds = new ArrayList<>();
        String report;

        // tag::advanced[]
        // 3,072 dimensions: too many for an HNSW index on vector, so index a binary quantization of it,
        // building with progress reported from pg_stat_progress_create_index
        IndexDefinition quantized = IndexDefinition
                .hnsw("docs", IndexedExpression.binaryQuantize("embedding", 3072), Metric.HAMMING).build();
        IndexBuilder.using(dataSource).maintenanceWorkMem("256MB")
                .build(quantized, p -> progressLines.add(p.phase() + " " + Math.round(p.fraction() * 100) + "%"));

        try (Connection connection = dataSource.getConnection()) {
            // two-stage search: 100 candidates from the quantized index, re-ranked by exact cosine distance;
            // search(...) raises hnsw.ef_search to 100 for its transaction (an HNSW scan returns at most ef_search rows)
            TwoStageSearch twoStage = TwoStageSearch.on("docs", "id", "embedding", VectorType.VECTOR, 3072)
                    .shortlist(IndexedExpression.binaryQuantize("embedding", 3072), Metric.HAMMING, 100)
                    .rerank(Metric.COSINE).build();
            for (Hit hit : twoStage.search(connection, queryEmbedding, 10, null, SearchSettings.none())) {
                twoStageIds.add((Long) hit.id());
            }

            // hybrid search: full-text rank and vector rank fused by reciprocal rank fusion, in one statement
            HybridSearch hybrid = HybridSearch.on("docs", "id")
                    .vector("embedding", VectorType.VECTOR, Metric.COSINE)
                    .text(TextSource.document("english", "body"))
                    .build();
            try (PreparedStatement query = hybrid.query(queryEmbedding, "ocean sharks", 10, Filter.of("id < ?", 400))
                    .prepare(connection); ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    hybridIds.add(rs.getLong("id"));
                }
            }

            // how recall trades against latency for this index, and the smallest ef_search reaching 95 %
            report = RecallAdvisor.on("docs", "id", IndexedExpression.binaryQuantize("embedding", 3072), Metric.HAMMING)
                    .k(10).efSearch(10, 40, 100, 400).targetRecall(0.95).sampleFromTable(20)
                    .measure(connection).toTable();
        }
        // end::advanced[]

        assertThat(progressLines).isNotEmpty().last().isEqualTo("done 100%");
        assertThat(twoStageIds).hasSize(10).first().isEqualTo(7L);
        assertThat(hybridIds).hasSize(10).contains(7L).allMatch(id -> id < 400);
        assertThat(report).contains("hnsw.ef_search=10").contains("recall@10");
        ReadmeSnippets.assertPageShows("docs/advanced-search.md", AdvancedReadmeTest.class, "advanced");
    }
}
