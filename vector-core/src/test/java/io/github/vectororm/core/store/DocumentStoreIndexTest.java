package io.github.vectororm.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.filter.MetadataFilter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The searches a DocumentStore renders are served by its index, for every metric (the negative inner product too)
 * and for 3,072-d embeddings through a halfvec or a binary-quantized expression index: read from EXPLAIN.
 * Sequential scans are disabled for the EXPLAIN, so a plan without the index means the index cannot serve the query
 * (as for Spring AI's {@code (embedding <#> ?) * -1}, checked alongside), not that the planner preferred a scan.
 */
@PgVectorDatabase
class DocumentStoreIndexTest {

    private static List<StoredDocument> documents(int count, int dims, long seed) {
        Random random = new Random(seed);
        List<StoredDocument> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] v = new float[dims];
            for (int d = 0; d < dims; d++) {
                v[d] = (float) random.nextGaussian();
            }
            documents.add(new StoredDocument("d" + i, null, "{\"n\":" + i + "}", v));
        }
        return documents;
    }

    private static float[] near(float[] v, long seed) {
        Random random = new Random(seed);
        float[] probe = v.clone();
        for (int d = 0; d < probe.length; d++) {
            probe[d] += (float) (random.nextGaussian() * 0.05);
        }
        return probe;
    }

    @Test
    void everyMetricsHnswIndexServesItsSearch(TestDatabase db) throws SQLException {
        List<StoredDocument> documents = documents(1000, 16, 1);
        for (Metric metric : List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE, Metric.L1)) {
            String table = "hnsw_" + metric.name().toLowerCase(Locale.ROOT);
            DocumentStore store = DocumentStore.builder(db.dataSource(), DocumentTable.named(table).dimensions(16).build())
                    .metric(metric).index(DocumentIndex.hnsw().m(8).efConstruction(32).build()).build();
            store.initializeSchema(false);
            store.upsert(documents);
            float[] probe = near(documents.get(42).embedding(), 2);
            DocumentQuery query = DocumentQuery.nearest(probe, 5).filter(MetadataFilter.gte("n", 0))
                    .settings(SearchSettings.builder().hnswEfSearch(100).hnswIterativeScan(IterativeScan.RELAXED_ORDER).build())
                    .build();
            String index = store.indexDefinition().orElseThrow().name();
            assertThat(plan(db, store.query(query), store.settings(query))).as(metric.name())
                    .contains("Index Scan using " + index);
            assertThat(store.search(query).get(0).document().id()).isEqualTo("d42");
            if (metric == Metric.INNER_PRODUCT) {
                // Spring AI's PgVectorStore orders the negative inner product by an expression: no index can serve it
                SqlQuery springAi = new SqlQuery("SELECT id FROM " + table + " ORDER BY (embedding <#> ?) * -1 DESC LIMIT 5",
                        List.of(io.github.vectororm.core.jdbc.VectorValues.toParameter(
                                io.github.vectororm.core.VectorType.VECTOR, probe)));
                assertThat(plan(db, springAi, SearchSettings.none())).doesNotContain("Index Scan").contains("Seq Scan");
            }
        }
    }

    @Test
    void ivfflatWithListsServesItsSearch(TestDatabase db) throws SQLException {
        List<StoredDocument> documents = documents(1000, 16, 3);
        DocumentStore store = DocumentStore.builder(db.dataSource(), DocumentTable.named("ivf").dimensions(16).build())
                .metric(Metric.INNER_PRODUCT).index(DocumentIndex.ivfflat().lists(10).build())
                .searchSettings(SearchSettings.builder().ivfflatProbes(10).build()).build();
        store.initializeSchema(false);
        store.upsert(documents);
        db.execute("drop index " + store.indexDefinition().orElseThrow().name());
        store.initializeSchema(false); // built again, after the data, as IVFFlat wants
        assertThat(store.indexDefinition().orElseThrow().createSql()).contains("USING ivfflat").contains("lists = 10");
        DocumentQuery query = DocumentQuery.nearest(near(documents.get(7).embedding(), 4), 3).build();
        assertThat(plan(db, store.query(query), store.settings(query)))
                .contains("Index Scan using " + store.indexDefinition().orElseThrow().name());
        assertThat(store.search(query).get(0).document().id()).isEqualTo("d7");
    }

    @Test
    void embeddingsOf3072DimensionsAreIndexedAsHalfvec(TestDatabase db) throws SQLException {
        List<StoredDocument> documents = documents(1000, 3072, 5);
        DocumentStore store = DocumentStore.builder(db.dataSource(), DocumentTable.named("wide_half").dimensions(3072).build())
                .metric(Metric.COSINE).index(DocumentIndex.hnsw().halfvec().build()).build();
        store.initializeSchema(false);
        store.upsert(documents);
        assertThat(store.indexDefinition().orElseThrow().createSql()).contains("((embedding::halfvec(3072)) halfvec_cosine_ops)");
        float[] probe = near(documents.get(500).embedding(), 6);
        DocumentQuery query = DocumentQuery.nearest(probe, 5).build();
        assertThat(plan(db, store.query(query), store.settings(query)))
                .contains("Index Scan using " + store.indexDefinition().orElseThrow().name());
        DocumentMatch first = store.search(query).get(0);
        assertThat(first.document().id()).isEqualTo("d500");
        // computed at half precision, over the indexed expression
        assertThat(first.distance()).isCloseTo(Metric.COSINE.distance(documents.get(500).embedding(), probe), within(1e-3));
    }

    @Test
    void embeddingsOf3072DimensionsAreIndexedBinaryQuantizedAndReranked(TestDatabase db) throws SQLException {
        List<StoredDocument> documents = documents(1000, 3072, 7);
        DocumentStore store = DocumentStore.builder(db.dataSource(), DocumentTable.named("wide_bq").dimensions(3072).build())
                .metric(Metric.INNER_PRODUCT).index(DocumentIndex.hnsw().binaryQuantized(100).build()).build();
        store.initializeSchema(false);
        store.upsert(documents);
        assertThat(store.indexDefinition().orElseThrow().createSql())
                .contains("((binary_quantize(embedding)::bit(3072)) bit_hamming_ops)");
        float[] probe = near(documents.get(900).embedding(), 8);
        DocumentQuery query = DocumentQuery.nearest(probe, 5).filter(MetadataFilter.lt("n", 950)).build();
        assertThat(store.settings(query).parameters()).containsEntry("hnsw.ef_search", "100");
        assertThat(plan(db, store.query(query), store.settings(query)))
                .contains("Index Scan using " + store.indexDefinition().orElseThrow().name());
        List<DocumentMatch> matches = store.search(query);
        assertThat(matches).hasSize(5);
        assertThat(matches.get(0).document().id()).isEqualTo("d900");
        // the shortlist is re-ranked exactly
        assertThat(matches.get(0).distance())
                .isCloseTo(Metric.INNER_PRODUCT.distance(documents.get(900).embedding(), probe), within(1e-2));
        assertThat(matches).isSortedAccordingTo(java.util.Comparator.comparingDouble(DocumentMatch::distance));
    }

    private static String plan(TestDatabase db, SqlQuery query, SearchSettings settings) throws SQLException {
        try (Connection c = db.connect()) {
            PgVectorTypes.ensureRegistered(c);
            c.setAutoCommit(false);
            settings.applyLocal(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = new SqlQuery("EXPLAIN " + query.sql(), query.parameters()).prepare(c);
                    ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
            return plan.toString();
        }
    }
}
