package io.github.vectororm.core.store;

import static io.github.vectororm.core.filter.MetadataFilter.and;
import static io.github.vectororm.core.filter.MetadataFilter.eq;
import static io.github.vectororm.core.filter.MetadataFilter.gte;
import static io.github.vectororm.core.filter.MetadataFilter.in;
import static io.github.vectororm.core.filter.MetadataFilter.isNull;
import static io.github.vectororm.core.filter.MetadataFilter.lt;
import static io.github.vectororm.core.filter.MetadataFilter.ne;
import static io.github.vectororm.core.filter.MetadataFilter.nin;
import static io.github.vectororm.core.filter.MetadataFilter.not;
import static io.github.vectororm.core.filter.MetadataFilter.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.filter.MetadataFilter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DocumentStore on the server: both upsert paths, filters, deletes, top-k per metric against a Java oracle. */
@PgVectorDatabase
class DocumentStoreTest {

    private static final int DIMS = 16;
    /** Would end an inlined SQL string or JSON path and append a condition. */
    private static final String HOSTILE = "x' OR '1'='1\" || $.a == 1; --";
    /** The metadata of each generated document, for the oracle. */
    private static final Map<String, Map<String, Object>> METADATA = new java.util.concurrent.ConcurrentHashMap<>();

    private static DocumentStore store(TestDatabase db, String table, Metric metric) throws SQLException {
        DocumentStore store = DocumentStore.builder(db.dataSource(), DocumentTable.named(table).dimensions(DIMS).build())
                .metric(metric).build();
        store.initializeSchema(false);
        return store;
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static List<StoredDocument> documents(int count, long seed) {
        Random random = new Random(seed);
        List<StoredDocument> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String country = i % 3 == 0 ? "BG" : i % 3 == 1 ? "NL" : HOSTILE;
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("country", country);
            if (i % 4 != 0) {
                metadata.put("year", 2000 + i % 30);
            }
            String id = "doc-" + i;
            METADATA.put(id, metadata);
            StringBuilder json = new StringBuilder();
            io.github.vectororm.core.internal.JsonText.write(json, metadata);
            documents.add(new StoredDocument(id, "text " + i, json.toString(), vector(random)));
        }
        return documents;
    }

    /** A statement-level trigger records the server's text of every INSERT into the table. */
    private static void logInserts(TestDatabase db, String table) throws SQLException {
        db.execute("create table if not exists insert_log (query text)",
                "create or replace function log_insert() returns trigger language plpgsql as"
                        + " $$ begin insert into insert_log values (current_query()); return null; end $$",
                "create trigger " + table + "_log after insert on " + table + " for each statement execute function log_insert()");
    }

    private static List<String> loggedInserts(TestDatabase db) throws SQLException {
        List<String> queries = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select query from insert_log")) {
            while (rs.next()) {
                queries.add(rs.getString(1));
            }
        }
        db.execute("truncate insert_log");
        return queries;
    }

    @Test
    void upsertsBatchedBelowTheCopyThresholdAndByCopyAtIt(TestDatabase db) throws SQLException {
        DocumentStore store = store(db, "upserts", Metric.L2);
        logInserts(db, "upserts");
        List<StoredDocument> small = documents(10, 1);
        store.upsert(small);
        assertThat(loggedInserts(db)).isNotEmpty().allMatch(q -> q.contains("VALUES")).noneMatch(q -> q.contains("SELECT id"));

        List<StoredDocument> large = new ArrayList<>(documents(DocumentStore.DEFAULT_COPY_THRESHOLD + 200, 2));
        // the same id twice in one COPY batch: the last one wins, as on the INSERT path
        large.add(new StoredDocument("doc-5", "replaced twice", "{\"country\":\"SE\"}", large.get(5).embedding()));
        store.upsert(large);
        assertThat(loggedInserts(db)).singleElement().asString().contains("SELECT id, content, metadata, embedding FROM");

        assertThat(count(db, "select count(*) from upserts")).isEqualTo(1200);
        assertThat(count(db, "select count(*) from upserts where id = 'doc-5' and content = 'replaced twice'"
                + " and metadata = '{\"country\":\"SE\"}'")).isEqualTo(1);
        assertThat(count(db, "select count(*) from upserts where id = 'doc-7' and content = 'text 7'")).isEqualTo(1);

        // what went in comes back, by either path
        StoredDocument copied = large.get(1001);
        List<DocumentMatch> found = store.search(DocumentQuery.nearest(copied.embedding(), 1).includeEmbeddings(true).build());
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.document().id()).isEqualTo(copied.id());
            assertThat(m.document().embedding()).containsExactly(copied.embedding());
            assertThat(m.document().metadataJson()).contains("\"year\"");
            assertThat(m.distance()).isEqualTo(0.0);
        });
        store.upsert(List.of(new StoredDocument("doc-7", "batched again", null, small.get(7).embedding())));
        assertThat(count(db, "select count(*) from upserts where id = 'doc-7' and content = 'batched again'"
                + " and metadata = '{}'")).isEqualTo(1);

        loggedInserts(db); // drains the batched INSERT above
        // none of these ids is stored: one COPY straight into the table, no staging and no INSERT
        List<StoredDocument> fresh = new ArrayList<>();
        for (StoredDocument d : documents(DocumentStore.DEFAULT_COPY_THRESHOLD, 4)) {
            fresh.add(new StoredDocument("new-" + d.id(), d.content(), d.metadataJson(), d.embedding()));
        }
        fresh.add(new StoredDocument("new-doc-3", "last of two", null, fresh.get(3).embedding()));
        store.upsert(fresh);
        assertThat(loggedInserts(db)).singleElement().asString().startsWith("COPY ");
        assertThat(count(db, "select count(*) from upserts where id like 'new-%'")).isEqualTo(DocumentStore.DEFAULT_COPY_THRESHOLD);
        assertThat(count(db, "select count(*) from upserts where id = 'new-doc-3' and content = 'last of two'")).isEqualTo(1);
    }

    @Test
    void aFailedUpsertWritesNothingOnEitherPath(TestDatabase db) throws SQLException {
        DocumentStore store = store(db, "atomic", Metric.L2);
        for (int size : new int[] {10, 1100}) {
            List<StoredDocument> documents = new ArrayList<>(documents(size, 3));
            documents.set(size - 1, new StoredDocument("bad", null, "{not json", documents.get(0).embedding()));
            assertThatThrownBy(() -> store.upsert(documents)).isInstanceOf(SQLException.class);
            assertThat(count(db, "select count(*) from atomic")).isZero();
        }
        assertThatThrownBy(() -> store.upsert(List.of(new StoredDocument("short", null, null, new float[3]))))
                .isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("embedding has 3 dimensions, column atomic.embedding is vector(16)");
    }

    @Test
    void filtersOfEveryOperatorSelectWhatTheJavaOracleSelects(TestDatabase db) throws SQLException {
        DocumentStore store = store(db, "filtered", Metric.COSINE);
        List<StoredDocument> documents = documents(300, 4);
        store.upsert(documents);
        float[] probe = vector(new Random(5));
        List<MetadataFilter> filters = List.of(eq("country", HOSTILE), ne("country", "BG"), gte("year", 2020),
                lt("year", 2005), in("country", List.of("NL", HOSTILE)), nin("country", List.of("NL")), isNull("year"),
                and(eq("country", "BG"), gte("year", 2010)), or(eq("country", "NL"), lt("year", 2003)),
                not(eq("country", HOSTILE)));
        for (MetadataFilter filter : filters) {
            List<String> expected = documents.stream().filter(d -> Oracle.matches(filter, METADATA.get(d.id())))
                    .sorted(Comparator.comparingDouble(d -> Metric.COSINE.distance(d.embedding(), probe)))
                    .limit(20).map(StoredDocument::id).collect(Collectors.toList());
            List<String> actual = store.search(DocumentQuery.nearest(probe, 20).filter(filter).build()).stream()
                    .map(m -> m.document().id()).collect(Collectors.toList());
            assertThat(expected).as("the oracle selects some rows for " + filter).isNotEmpty();
            assertThat(actual).as(filter.toString()).isEqualTo(expected);
        }
    }

    @Test
    void deletesByIdAndByFilter(TestDatabase db) throws SQLException {
        DocumentStore store = store(db, "deletes", Metric.COSINE);
        store.upsert(documents(30, 6));
        assertThat(store.delete(List.of("doc-1", "doc-2", "missing"))).isEqualTo(2);
        assertThat(store.delete(eq("country", HOSTILE))).isEqualTo(9); // doc-2 was one of the ten
        assertThat(store.delete(List.of())).isZero();
        assertThat(count(db, "select count(*) from deletes")).isEqualTo(19);
        assertThat(count(db, "select count(*) from deletes where metadata->>'country' = 'BG'")).isEqualTo(10);
        assertThat(store.deleteAll()).isEqualTo(19);
        assertThat(count(db, "select count(*) from deletes")).isZero();
        assertThat(count(db, "select count(*) from pg_indexes where schemaname = current_schema() and tablename = 'deletes'")).as("the table stays").isEqualTo(1);
    }

    @Test
    void topKPerMetricEqualsTheJavaOracle(TestDatabase db) throws SQLException {
        List<StoredDocument> documents = documents(500, 7);
        float[] probe = vector(new Random(8));
        for (Metric metric : List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE, Metric.L1)) {
            DocumentStore store = store(db, "topk_" + metric.name().toLowerCase(java.util.Locale.ROOT), metric);
            store.upsert(documents);
            List<StoredDocument> expected = documents.stream()
                    .sorted(Comparator.comparingDouble(d -> metric.distance(d.embedding(), probe))).limit(10).toList();
            List<DocumentMatch> actual = store.search(DocumentQuery.nearest(probe, 10).build());
            assertThat(actual).extracting(m -> m.document().id()).as(metric.name())
                    .containsExactlyElementsOf(expected.stream().map(StoredDocument::id).toList());
            for (int i = 0; i < 10; i++) {
                assertThat(actual.get(i).distance()).isCloseTo(metric.distance(expected.get(i).embedding(), probe), within(1e-4));
            }
            // max distance: exactly the documents within it, the oracle's count
            double max = metric.distance(expected.get(4).embedding(), probe);
            long within = documents.stream().filter(d -> metric.distance(d.embedding(), probe) <= max + 1e-6).count();
            assertThat(store.search(DocumentQuery.nearest(probe, 100).maxDistance(max + 1e-6).build())).hasSize((int) within)
                    .allMatch(m -> m.distance() <= max + 1e-6);
        }
    }

    @Test
    void hybridSearchFusesTextAndVectorRanks(TestDatabase db) throws SQLException {
        DocumentStore store = store(db, "hybrid", Metric.COSINE);
        List<StoredDocument> documents = new ArrayList<>(documents(200, 9));
        documents.set(150, new StoredDocument("penguin", "emperor penguins huddle in the antarctic winter", "{\"country\":\"AQ\"}",
                documents.get(150).embedding()));
        store.upsert(documents);
        db.execute(store.textSource().ginIndexSql("hybrid_text_gin", "hybrid"));
        float[] probe = documents.get(3).embedding();
        List<HybridMatch> matches = store.hybridSearch(probe, "penguins antarctic", 5, null);
        assertThat(matches).extracting(m -> m.document().id()).contains("doc-3", "penguin");
        assertThat(matches).filteredOn(m -> m.document().id().equals("penguin")).singleElement()
                .satisfies(m -> assertThat(m.textRank()).isEqualTo(1));
        assertThat(store.hybridSearch(probe, "penguins", 5, eq("country", "BG")))
                .noneMatch(m -> m.document().id().equals("penguin")).allMatch(m -> m.document().metadataJson().contains("BG"));
    }

    @Test
    void refusesWhatPgvectorRefuses() {
        assertThatThrownBy(() -> DocumentTable.named("t").type(VectorType.SPARSEVEC).dimensions(3).build())
                .hasMessageContaining("vector or halfvec");
        assertThatThrownBy(() -> DocumentTable.named("t").dimensions(16_001).build()).hasMessageContaining("16000");
        assertThatThrownBy(() -> DocumentTable.named("t; drop table x").dimensions(3).build())
                .hasMessageContaining("not a plain SQL identifier");
        assertThatThrownBy(() -> DocumentTable.named("t").idColumn("embedding").dimensions(3).build())
                .hasMessageContaining("named twice");
        DocumentTable wide = DocumentTable.named("t").dimensions(3072).build();
        assertThatThrownBy(() -> DocumentStore.builder(new org.postgresql.ds.PGSimpleDataSource(), wide)
                .index(DocumentIndex.hnsw().build()).build()).hasMessageContaining("index a halfvec cast");
        assertThatThrownBy(() -> DocumentStore.builder(new org.postgresql.ds.PGSimpleDataSource(), wide)
                .index(DocumentIndex.ivfflat().build()).metric(Metric.L1).build()).hasMessageContaining("IVFFLAT cannot index");
        assertThatThrownBy(() -> DocumentIndex.hnsw().lists(3).build()).hasMessageContaining("IVFFlat option");
        assertThatThrownBy(() -> DocumentIndex.hnsw().m(40).build().definition(DocumentTable.named("t").dimensions(3).build(),
                Metric.COSINE))
                .hasMessageContaining("ef_construction must be at least 2 * m");
        assertThatThrownBy(() -> DocumentQuery.nearest(new float[3], 0)).hasMessageContaining("k must be at least 1");
    }

    static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }
}
