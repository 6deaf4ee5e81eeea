package io.github.vectororm.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.store.DocumentStore;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.jdbc.BadSqlGrammarException;

/** The Spring AI store on the server with a real embedding model: ranking, scores, thresholds, filters, COPY, settings. */
@PgVectorDatabase
class VectorOrmVectorStoreTest {

    private static final String HOSTILE = "it's \"x\" OR 1=1; --";
    private static final FilterExpressionBuilder B = new FilterExpressionBuilder();

    private static VectorOrmVectorStore store;

    @BeforeAll
    static void load(TestDatabase db) {
        store = VectorOrmVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE).table("docs")
                .initializeSchema(true).build();
        store.add(List.of(
                doc("P", "Emperor penguins huddle together through the Antarctic winter", Map.of("country", "AQ", "year", 2021)),
                doc("G", "PostgreSQL stores table rows in heap pages", Map.of("country", "BG", "year", 2020)),
                doc("W", "The World is Big and Salvation Lurks Around the Corner", Map.of("country", "NL")),
                doc("H", "Hybrid search fuses full-text and vector rankings", Map.of("country", "BG", "year", 2023)),
                doc("S", "Baking sourdough bread needs a lively starter", Map.of("country", HOSTILE, "year", 2019))));
    }

    private static Document doc(String id, String text, Map<String, Object> metadata) {
        return Document.builder().id(id).text(text).metadata(metadata).build();
    }

    private static List<String> ids(List<Document> documents) {
        return documents.stream().map(Document::getId).toList();
    }

    private static List<String> search(Filter.Expression filter) {
        return ids(store.similaritySearch(SearchRequest.builder().query("anything").topK(10).similarityThresholdAll()
                .filterExpression(filter).build())).stream().sorted().toList();
    }

    private static List<String> search(String filter) {
        return ids(store.similaritySearch(SearchRequest.builder().query("anything").topK(10).similarityThresholdAll()
                .filterExpression(filter).build())).stream().sorted().toList();
    }

    @Test
    void ranksByMeaningAndScoresAsCosineSimilarity() {
        List<Document> found = store.similaritySearch(SearchRequest.builder().query("penguins in Antarctica").topK(5)
                .similarityThresholdAll().build());
        assertThat(found).hasSize(5);
        assertThat(found.get(0).getId()).isEqualTo("P");
        assertThat(found.get(0).getText()).isEqualTo("Emperor penguins huddle together through the Antarctic winter");
        assertThat(found.get(0).getMetadata()).containsEntry("country", "AQ").containsEntry("year", 2021);
        for (Document document : found) {
            double distance = ((Number) document.getMetadata().get(VectorOrmVectorStore.DISTANCE_METADATA_KEY)).doubleValue();
            float[] query = MiniLmEmbeddingModel.INSTANCE.embed("penguins in Antarctica");
            assertThat(distance).isCloseTo(Metric.COSINE.distance(query, MiniLmEmbeddingModel.INSTANCE.embed(document.getText())),
                    within(1e-4));
            assertThat(document.getScore()).isCloseTo(1 - distance, within(1e-9));
        }
        assertThat(found).extracting(Document::getScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aSimilarityThresholdKeepsExactlyTheDocumentsReachingIt() {
        List<Document> all = store.similaritySearch(SearchRequest.builder().query("bread and baking").topK(5)
                .similarityThresholdAll().build());
        double threshold = (all.get(1).getScore() + all.get(2).getScore()) / 2;
        List<Document> kept = store.similaritySearch(SearchRequest.builder().query("bread and baking").topK(5)
                .similarityThreshold(threshold).build());
        assertThat(ids(kept)).containsExactlyElementsOf(ids(all.subList(0, 2)));
        assertThat(kept).allMatch(d -> d.getScore() >= threshold);
    }

    @Test
    void everyFilterExpressionTypeSelectsOnTheServer() {
        assertThat(search("country == 'BG' && year >= 2021")).containsExactly("H");
        assertThat(search("country in ['AQ', 'NL']")).containsExactly("P", "W");
        assertThat(search("year nin [2020, 2021]")).as("a document without the key is in no list").containsExactly("H", "S", "W");
        assertThat(search("year > 2020 || country == 'NL'")).containsExactly("H", "P", "W");
        assertThat(search("year < 2020")).containsExactly("S");
        assertThat(search("year <= 2020")).containsExactly("G", "S");
        assertThat(search("country != 'BG'")).containsExactly("P", "S", "W");
        assertThat(search(B.not(B.eq("country", "BG")).build())).containsExactly("P", "S", "W");
        assertThat(search(B.isNull("year").build())).containsExactly("W");
        assertThat(search(B.isNotNull("year").build())).containsExactly("G", "H", "P", "S");
        assertThat(search(B.and(B.gt("year", 2019), B.group(B.or(B.eq("country", "AQ"), B.eq("country", "NL")))).build()))
                .containsExactly("P");
        assertThat(search(B.eq("country", HOSTILE).build())).as("a value that would break inlined SQL").containsExactly("S");
        assertThat(search(B.in("country", HOSTILE, "AQ").build())).containsExactly("P", "S");
    }

    @Test
    void addsAtTheCopyThresholdGoByCopyAndReplaceByIdLikeSmallerOnes(TestDatabase db) throws SQLException {
        VectorOrmVectorStore copying = VectorOrmVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE)
                .table("copied").copyThreshold(3).initializeSchema(true).build();
        db.execute("create table insert_log (query text)",
                "create function log_insert() returns trigger language plpgsql as"
                        + " $$ begin insert into insert_log values (current_query()); return null; end $$",
                "create trigger copied_log after insert on copied for each statement execute function log_insert()");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            documents.add(doc("c" + i, "note number " + i, Map.of("n", i)));
        }
        copying.add(documents);
        copying.add(List.of(doc("c1", "note number one, again", Map.of("n", 100))));
        copying.add(List.of(doc("c2", "note number two, again", Map.of("n", 200)), doc("c2", "the last wins", Map.of("n", 201)),
                doc("c9", "a new one", Map.of("n", 9))));
        List<String> inserts = strings(db, "select query from insert_log");
        assertThat(inserts).hasSize(3);
        assertThat(inserts.get(0)).as("new ids: straight into the table").startsWith("COPY copied ");
        assertThat(inserts.get(1)).contains("VALUES");
        assertThat(inserts.get(2)).as("c2 is stored: staged, then upserted").contains("SELECT id, content, metadata, embedding FROM");
        assertThat(strings(db, "select id || ':' || content || ':' || (metadata->>'n') from copied order by id"))
                .containsExactly("c0:note number 0:0", "c1:note number one, again:100", "c2:the last wins:201",
                        "c3:note number 3:3", "c9:a new one:9");
    }

    @Test
    void perQuerySearchSettingsApplyToThatQuery(TestDatabase db) {
        VectorOrmVectorStore indexed = VectorOrmVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE)
                .table("settings").initializeSchema(true).build();
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            documents.add(doc("s" + i, "short note " + i + " on topic " + (i % 17), Map.of("n", i)));
        }
        indexed.add(documents);
        SearchRequest request = SearchRequest.builder().query("a note on topic 3").topK(5).similarityThresholdAll().build();
        assertThat(indexed.similaritySearch(request)).hasSize(5);
        // an HNSW scan returns at most hnsw.ef_search rows: with 1, one document, so the setting reached the query
        assertThat(indexed.similaritySearch(VectorOrmSearchRequest.of(request,
                SearchSettings.builder().hnswEfSearch(1).build()))).hasSize(1);
        assertThat(indexed.similaritySearch(request)).as("and only that query").hasSize(5);
    }

    @Test
    void datesInFiltersCompareWithDatesInMetadata(TestDatabase db) {
        VectorOrmVectorStore dated = VectorOrmVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE)
                .table("dated").initializeSchema(true).build();
        java.util.Date first = java.util.Date.from(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        java.util.Date second = java.util.Date.from(java.time.Instant.parse("2024-06-30T12:00:00Z"));
        dated.add(List.of(doc("d1", "first", Map.of("published", first)), doc("d2", "second", Map.of("published", second))));
        SearchRequest.Builder request = SearchRequest.builder().query("anything").topK(5).similarityThresholdAll();
        assertThat(dated.similaritySearch(request.filterExpression(B.eq("published", first).build()).build()))
                .extracting(Document::getId).containsExactly("d1");
        assertThat(dated.similaritySearch(request.filterExpression(B.gt("published", first).build()).build()))
                .extracting(Document::getId).containsExactly("d2");
    }

    @Test
    void hybridSearchFusesTheTextRanking() {
        List<Document> found = store.hybridSearch(SearchRequest.builder().query("sourdough starter").topK(3).build());
        assertThat(found.get(0).getId()).isEqualTo("S");
        assertThat(found.get(0).getScore()).isGreaterThan(found.get(1).getScore());
        assertThat(store.hybridSearch(SearchRequest.builder().query("sourdough starter").topK(3)
                .filterExpression("country == 'BG'").build())).extracting(Document::getId).containsOnly("G", "H");
    }

    @Test
    void failuresArriveAsSpringDataAccessExceptions(TestDatabase db) throws SQLException {
        VectorOrmVectorStore narrow = VectorOrmVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE)
                .table("narrow").dimensions(8).initializeSchema(true).build();
        assertThatThrownBy(() -> narrow.add(List.of(doc("x", "text", Map.of()))))
                .isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("embedding has 384 dimensions, column narrow.embedding is vector(8)");
        VectorOrmVectorStore dropped = VectorOrmVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE)
                .table("dropped").initializeSchema(true).build();
        db.execute("drop table dropped");
        assertThatThrownBy(() -> dropped.similaritySearch("text")).isInstanceOf(BadSqlGrammarException.class)
                .hasMessageContaining("dropped");
        assertThat(store.<DocumentStore>getNativeClient()).containsSame(store.documentStore());
    }

    private static List<String> strings(TestDatabase db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
