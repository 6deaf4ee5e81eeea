package io.github.vectororm.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store on the server beyond LangChain4j's suites: L2 scores and minScore, COPY, hostile values, refusals. */
@PgVectorDatabase
class VectorOrmEmbeddingStoreTest {

    private static final String HOSTILE = "it's \"x\" OR 1=1; --";

    private static TextSegment segment(String text, Metadata metadata) {
        return TextSegment.from(text, metadata);
    }

    @Test
    void l2ScoresAreOneOverOnePlusTheServersDistanceAndMinScoreBoundsThem(TestDatabase db) throws Exception {
        VectorOrmEmbeddingStore store = Conformance.store(db, "l2_store", b -> b.metric(Metric.L2)
                .index(DocumentIndex.none()));
        List<TextSegment> segments = List.of(segment("penguins on the ice", new Metadata()),
                segment("bread and sourdough", new Metadata()), segment("databases store rows", new Metadata()));
        List<Embedding> embeddings = Conformance.MODEL.embedAll(segments).content();
        List<String> ids = store.addAll(embeddings, segments);
        Embedding query = Conformance.MODEL.embed("birds in Antarctica").content();

        List<EmbeddingMatch<TextSegment>> all = store.search(EmbeddingSearchRequest.builder().queryEmbedding(query)
                .maxResults(3).build()).matches();
        assertThat(all).hasSize(3);
        for (EmbeddingMatch<TextSegment> match : all) {
            double distance = serverDistance(db, "l2_store", "<->", match.embeddingId(), query);
            assertThat(match.score()).isCloseTo(1 / (1 + distance), within(1e-6));
        }
        assertThat(all.get(0).embedded().text()).isEqualTo("penguins on the ice");
        assertThat(ids).contains(all.get(0).embeddingId());

        double middle = all.get(1).score();
        List<EmbeddingMatch<TextSegment>> bounded = store.search(EmbeddingSearchRequest.builder().queryEmbedding(query)
                .maxResults(3).minScore(middle - 1e-9).build()).matches();
        assertThat(bounded).extracting(EmbeddingMatch::embeddingId)
                .containsExactly(all.get(0).embeddingId(), all.get(1).embeddingId());
    }

    private static double serverDistance(TestDatabase db, String table, String operator, String id, Embedding query)
            throws Exception {
        StringBuilder vector = new StringBuilder("[");
        for (float f : query.vector()) {
            vector.append(vector.length() > 1 ? "," : "").append(f);
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select embedding " + operator + " '" + vector + "]'::vector from " + table
                        + " where id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getDouble(1);
        }
    }

    @Test
    void largeAddsGoByCopyAndTheLastOfOneIdWins(TestDatabase db) throws Exception {
        VectorOrmEmbeddingStore store = Conformance.store(db, "copy_store", b -> b.copyThreshold(3));
        // a statement trigger tells the paths apart: COPY fills a staging table, then one INSERT ... SELECT
        db.execute("create table copy_log (n int)");
        db.execute("create function copy_log_row() returns trigger language plpgsql as $$ begin insert into copy_log"
                + " values (1); return null; end $$");
        db.execute("create trigger copy_log_trigger after insert on copy_store for each statement execute function"
                + " copy_log_row()");
        Embedding e = Conformance.MODEL.embed("x").content();
        List<String> ids = List.of("a", "b", "a");
        List<TextSegment> segments = List.of(segment("first", new Metadata()), segment("b", new Metadata()),
                segment("last", new Metadata().put("k", 1)));
        store.addAll(ids, List.of(e, e, e), segments);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from copy_log")) {
                rs.next();
                assertThat(rs.getInt(1)).as("one INSERT statement for the three rows").isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("select content, metadata->>'k' from copy_store where id = 'a'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("last");
                assertThat(rs.getString(2)).isEqualTo("1");
            }
        }
    }

    @Test
    void filterValuesAreBoundDataAndForeignFiltersAreRefused(TestDatabase db) {
        VectorOrmEmbeddingStore store = Conformance.store(db, "filter_store", b -> b);
        Embedding e = Conformance.MODEL.embed("x").content();
        store.add(e, segment("hostile", new Metadata().put("name", HOSTILE)));
        store.add(e, segment("plain", new Metadata().put("name", "plain")));
        EmbeddingSearchRequest.EmbeddingSearchRequestBuilder request = EmbeddingSearchRequest.builder().queryEmbedding(e)
                .maxResults(10);
        assertThat(store.search(request.filter(metadataKey("name").isEqualTo(HOSTILE)).build()).matches())
                .extracting(m -> m.embedded().text()).containsExactly("hostile");
        assertThat(store.search(request.filter(metadataKey("name").containsString("OR 1=1")).build()).matches())
                .extracting(m -> m.embedded().text()).containsExactly("hostile");
        store.removeAll(metadataKey("name").isEqualTo(HOSTILE));
        assertThat(store.search(request.filter(null).build()).matches()).extracting(m -> m.embedded().text())
                .containsExactly("plain");

        Filter foreign = object -> true;
        assertThatThrownBy(() -> store.search(request.filter(foreign).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SQL translation");
    }

    @Test
    void anEmbeddingOfAnotherDimensionIsRefusedBeforeTheDatabase(TestDatabase db) {
        VectorOrmEmbeddingStore store = Conformance.store(db, "dim_store", b -> b);
        List<Embedding> wrong = new ArrayList<>(List.of(Embedding.from(new float[] { 1, 2, 3 })));
        assertThatThrownBy(() -> store.addAll(wrong)).isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("3 dimensions");
    }
}
