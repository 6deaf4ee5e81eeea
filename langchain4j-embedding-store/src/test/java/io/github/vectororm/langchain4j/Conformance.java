package io.github.vectororm.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;

/** What the conformance subclasses share: the in-process model and a fresh store per configuration. */
final class Conformance {

    /** all-MiniLM-L6-v2 in process: 384-d, unit-length embeddings, no network. */
    static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();

    /**
     * The suites read the whole store back with one search of {@code maxResults} 1000 and expect every row, many of
     * them with one and the same embedding (the same text); an HNSW scan returns at most {@code hnsw.ef_search} rows
     * (40 by default) and few of such duplicates, so the conformance stores search as a user wanting every row would
     * configure: ef_search at its maximum, 1000, and strict iterative scans, which go on until the query is filled.
     */
    static final SearchSettings READS_ALL = SearchSettings.builder().hnswEfSearch(1000)
            .hnswIterativeScan(IterativeScan.STRICT_ORDER).build();

    private Conformance() {
    }

    /** A store on a table dropped and created anew, so each suite class starts from nothing. */
    static VectorOrmEmbeddingStore store(TestDatabase db, String table,
            UnaryOperator<VectorOrmEmbeddingStore.Builder> configuration) {
        try {
            db.execute("drop table if exists " + table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return configuration.apply(VectorOrmEmbeddingStore.builder().dataSource(db.dataSource()).table(table)
                .dimension(MODEL.dimension())).build();
    }

    /**
     * Empties a conformance store between two tests: {@code removeAll()}, then {@code VACUUM}. A {@code DELETE} leaves
     * the deleted rows' elements in the HNSW graph until a vacuum removes them and repairs their neighbours' links; a
     * store emptied and refilled for each of some hundred tests with no vacuum between (autovacuum would come later)
     * ends with a graph of mostly dead elements, from which a search no longer reaches every new row.
     */
    static void clear(TestDatabase db, VectorOrmEmbeddingStore store) {
        store.removeAll();
        try {
            db.execute("vacuum " + store.documentStore().table().table());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the suite's {@code should_throw_exception_when_contains_is_not_supported}, which is disabled for a
     * store that supports {@code ContainsString}: the same request it sends succeeds here, and finds the segment
     * whose value contains the substring.
     */
    static void containsStringIsSupported(VectorOrmEmbeddingStore store) {
        TextSegment segment = TextSegment.from("contains", new dev.langchain4j.data.document.Metadata().put("key", "a value!"));
        store.add(MODEL.embed(segment).content(), segment);
        TextSegment other = TextSegment.from("other", new dev.langchain4j.data.document.Metadata().put("key", "valu"));
        store.add(MODEL.embed(other).content(), other);
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(MODEL.embed("value").content())
                .filter(MetadataFilterBuilder.metadataKey("key").containsString("value")).maxResults(10).build()).matches();
        assertThat(matches).extracting(m -> m.embedded().text()).containsExactly("contains");
    }
}
