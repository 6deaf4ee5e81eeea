package io.github.vectororm.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Full-text and vector rankings fused by RRF in one statement, checked against a fusion computed in Java. */
@PgVectorDatabase
class HybridSearchTest {

    private static final String[] WORDS = {"postgres", "vector", "index", "search", "java", "hibernate", "query",
            "database", "embedding", "neighbor", "ranking", "fusion", "text", "model", "cluster"};
    private static final int DIMS = 8;
    private static final TextSource TEXT = TextSource.document("english", "title", "body");
    private static final float[] PROBE = {1, 0, 0, 1, 0, 0, 1, 0};

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table docs (id bigint primary key, category int, title text, body text, embedding vector(" + DIMS + "))");
        Random random = new Random(4);
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "docs").column("id", CopyType.BIGINT)
                .column("category", CopyType.INTEGER).column("title", CopyType.TEXT).column("body", CopyType.TEXT)
                .column("embedding", CopyType.VECTOR).open()) {
            for (int i = 0; i < 3000; i++) {
                StringBuilder body = new StringBuilder();
                for (int w = 0; w < 12; w++) {
                    body.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                float[] v = new float[DIMS];
                for (int d = 0; d < DIMS; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                writer.addRow((long) i, i % 5, "doc " + i, body.toString(), v);
            }
            writer.finish();
        }
        db.execute(TEXT.ginIndexSql("docs_text_gin", "docs"),
                IndexDefinition.hnsw("docs", IndexedExpression.column("embedding", VectorType.VECTOR, DIMS), Metric.COSINE).build().createSql(),
                "analyze docs");
    }

    @Test
    void fusedRanksEqualAFusionComputedIndependently(TestDatabase db) throws SQLException {
        HybridSearch search = HybridSearch.on("docs", "id").vector("embedding", VectorType.VECTOR, Metric.COSINE).text(TEXT)
                .candidates(30, 30).weights(1.0, 1.0).rrfK(60).build();
        try (Connection c = db.connect()) {
            List<long[]> hybrid = assertFusion(c, search, "hibernate fusion", "websearch_to_tsquery('english', ?)");
            assertThat(hybrid).as("both rankings contribute").anyMatch(r -> r[1] > 0).anyMatch(r -> r[2] > 0);
            String plan = plan(c, search.query(PROBE, "hibernate fusion", 10, null));
            assertThat(plan).contains("Index Scan using docs_embedding_hnsw_cosine_idx").contains("docs_text_gin");
        }
    }

    @Test
    void anyTermMatchesDocumentsWithSomeOfTheWords(TestDatabase db) throws SQLException {
        HybridSearch.Builder builder = HybridSearch.on("docs", "id").vector("embedding", VectorType.VECTOR, Metric.COSINE)
                .text(TEXT).candidates(30, 30);
        String words = "which hibernate documents mention xylophones";
        try (Connection c = db.connect()) {
            List<long[]> allTerms = assertFusion(c, builder.build(), words, "websearch_to_tsquery('english', ?)");
            assertThat(allTerms).as("no document holds every word: the text side adds nothing").allMatch(r -> r[2] == 0);
            HybridSearch anyTerm = builder.textMatch(TextMatch.ANY_TERM).build();
            List<long[]> fused = assertFusion(c, anyTerm, words, "to_tsquery('english', 'hibernate | document | mention | xylophone')");
            assertThat(fused).as("documents with some of the words are ranked").anyMatch(r -> r[2] > 0);
            assertThat(plan(c, anyTerm.query(PROBE, words, 10, null))).contains("docs_text_gin");
        }
    }

    /**
     * Runs the search with a filter and checks it against the two rankings, each by its own plain query (exact:
     * no index), fused here in Java.
     *
     * @return id, vector rank and text rank (0 where absent) of each result
     */
    private static List<long[]> assertFusion(Connection c, HybridSearch search, String words, String tsquery) throws SQLException {
        List<long[]> hybrid = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        try (PreparedStatement ps = search.query(PROBE, words, 10, Filter.of("category <> ?", 2)).prepare(c);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hybrid.add(new long[] {rs.getLong("id"), rs.getLong("vector_rank"), rs.getLong("text_rank")});
                scores.add(rs.getDouble("fused_score"));
            }
        }
        Map<Long, Double> fused = new HashMap<>();
        List<Long> vectorSide = ids(c, "select id from docs where category <> 2 order by embedding <=> ?, id limit 30", PROBE);
        String document = "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))";
        String textSql = "select id from docs, " + tsquery + " q where " + document + " @@ q and category <> 2 order by ts_rank_cd("
                + document + ", q) desc, id limit 30";
        List<Long> textSide = ids(c, textSql, tsquery.contains("?") ? words : null);
        for (int i = 0; i < vectorSide.size(); i++) {
            fused.merge(vectorSide.get(i), 1.0 / (60 + i + 1), Double::sum);
        }
        for (int i = 0; i < textSide.size(); i++) {
            fused.merge(textSide.get(i), 1.0 / (60 + i + 1), Double::sum);
        }
        List<Map.Entry<Long, Double>> expected = fused.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).toList();
        assertThat(hybrid).extracting(r -> r[0]).containsExactlyElementsOf(expected.stream().map(Map.Entry::getKey).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(scores.get(i)).isCloseTo(expected.get(i).getValue(), within(1e-12));
        }
        return hybrid;
    }

    @Test
    void badDeclarationsAreRefused() {
        assertThatThrownBy(() -> TextSource.document("english'); drop table docs; --", "body"))
                .hasMessageContaining("is not a configuration name");
        assertThatThrownBy(() -> HybridSearch.on("docs", "id").vector("embedding", VectorType.VECTOR, Metric.COSINE)
                .text(TEXT).weights(0, 0).build()).hasMessageContaining("not both zero");
        assertThatThrownBy(() -> HybridSearch.on("docs", "id").vector("embedding", VectorType.VECTOR, Metric.HAMMING)
                .text(TEXT).build()).hasMessageContaining("HAMMING (<~>) does not apply to vector");
    }

    private static List<Long> ids(Connection c, String sql, Object parameter) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("set enable_indexscan = off");
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setObject(1, parameter instanceof float[] f ? VectorValues.toParameter(VectorType.VECTOR, f) : parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("reset enable_indexscan");
        }
        return ids;
    }

    private static String plan(Connection c, SqlQuery query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = new SqlQuery("explain " + query.sql(), query.parameters()).prepare(c);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
