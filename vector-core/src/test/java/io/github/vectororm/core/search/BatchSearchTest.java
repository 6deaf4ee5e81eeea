package io.github.vectororm.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.RoundTrips;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many probes in one statement: each probe's answer is what its own query gives, each by the index, one round trip. */
@PgVectorDatabase
class BatchSearchTest {

    private static final int DIMS = 16;
    private static final BatchSearch SEARCH = BatchSearch.on("items", "id", "embedding", VectorType.VECTOR, DIMS, Metric.L2);
    private static List<float[]> probes;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        SearchData.load(db, "items", 5000, SearchData.centres(50, DIMS, 3), 0.3, 4);
        db.execute("create index items_hnsw on items using hnsw (embedding vector_l2_ops)", "analyze items");
        Random random = new Random(5);
        probes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            probes.add(SearchData.near(SearchData.centres(50, DIMS, 3)[i % 50], 0.3, random));
        }
    }

    @Test
    void eachProbeGetsWhatItsOwnQueryGives(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            List<List<Hit>> batch = SEARCH.search(c, probes, 10, null, SearchSettings.none());
            assertThat(batch).hasSize(probes.size());
            for (int i = 0; i < probes.size(); i++) {
                assertThat(batch.get(i)).as("probe " + (i + 1)).hasSize(10)
                        .isEqualTo(single(c, probes.get(i), 10, "true", SearchSettings.none()));
            }
            // exact mode: every probe's answer is the exact one
            SearchSettings exact = SearchSettings.builder().exact(true).build();
            List<List<Hit>> exactBatch = SEARCH.search(c, probes, 10, null, exact);
            for (int i = 0; i < probes.size(); i++) {
                assertThat(exactBatch.get(i)).isEqualTo(single(c, probes.get(i), 10, "true", exact));
            }
        }
    }

    @Test
    void filtersAndSettingsApplyToEveryProbe(TestDatabase db) throws SQLException {
        SearchSettings iterative = SearchSettings.builder().hnswIterativeScan(IterativeScan.STRICT_ORDER).build();
        Filter category = Filter.of("category = ?", 3);
        try (Connection c = db.connect()) {
            List<List<Hit>> plain = SEARCH.search(c, probes, 10, category, SearchSettings.none());
            List<List<Hit>> full = SEARCH.search(c, probes, 10, category, iterative);
            int shortBefore = 0;
            for (int i = 0; i < probes.size(); i++) {
                shortBefore += plain.get(i).size() < 10 ? 1 : 0;
                assertThat(full.get(i)).as("probe " + (i + 1) + " with an iterative scan").hasSize(10)
                        .isEqualTo(single(c, probes.get(i), 10, "category = 3", iterative));
                assertThat(plain.get(i)).isEqualTo(single(c, probes.get(i), 10, "category = 3", SearchSettings.none()));
            }
            System.out.printf("[measure] batch of %d probes, 10 %% filter: %d short without an iterative scan, 0 with%n",
                    probes.size(), shortBefore);
            assertThat(shortBefore).as("the 10 % filter cuts results without the iterative scan").isPositive();
        }
    }

    @Test
    void everyProbeIsAnIndexScanAndTheBatchOneRoundTrip(TestDatabase db) throws Exception {
        SqlQuery query = SEARCH.query(probes, 10, null);
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                + query.sql())) {
            for (int i = 0; i < query.parameters().size(); i++) {
                s.setObject(i + 1, query.parameters().get(i));
            }
            String plan = String.join("\n", lines(s.executeQuery()));
            assertThat(plan).contains("Nested Loop").contains("Index Scan using items_hnsw")
                    .contains("loops=" + probes.size());
        }
        SearchSettings settings = SearchSettings.builder().hnswEfSearch(100).build();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY))) {
            SEARCH.search(c, probes, 10, null, settings); // warm: the version gate's one read on this connection
            assertThat(RoundTrips.during(() -> SEARCH.search(c, probes, 10, null, settings))).isEqualTo(1);
            c.setAutoCommit(false);
            assertThat(RoundTrips.during(() -> SEARCH.search(c, probes, 10, null, settings))).isEqualTo(1);
            c.rollback();
        }
    }

    @Test
    void sparsevecProbesTravelInTheArrayToo(TestDatabase db) throws SQLException {
        db.execute("create table sparse_items (id int primary key, embedding sparsevec(5))",
                "insert into sparse_items values (1, '{1:1}/5'), (2, '{2:1,3:1}/5'), (3, '{5:2}/5')");
        BatchSearch sparse = BatchSearch.on("sparse_items", "id", "embedding", VectorType.SPARSEVEC, 5, Metric.L2);
        try (Connection c = db.connect()) {
            List<List<Hit>> hits = sparse.search(c, List.of(
                    new com.pgvector.PGsparsevec("{1:1}/5"), new com.pgvector.PGsparsevec("{1:0.5,5:2}/5")), 2, null,
                    SearchSettings.none());
            assertThat(hits.get(0)).extracting(Hit::id).containsExactly(1, 2);
            assertThat(hits.get(1)).extracting(Hit::id).first().isEqualTo(3);
        }
    }

    @Test
    void badBatchesAreRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> SEARCH.query(List.of(), 10, null)).isInstanceOf(VectorValidationException.class)
                .hasMessage("a batch takes 1 to 1000 probes, not 0");
        assertThatThrownBy(() -> SEARCH.query(Collections.nCopies(1001, new float[DIMS]), 10, null))
                .isInstanceOf(VectorValidationException.class)
                .hasMessage("a batch takes 1 to 1000 probes, not 1001; split it into batches of at most 1000");
        assertThatThrownBy(() -> SEARCH.query(List.of(new float[DIMS], new float[3]), 10, null))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("probe 2 has 3 dimensions");
        assertThatThrownBy(() -> SEARCH.query(List.of(new float[] {Float.NaN}), 10, null))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("probe 1");
        assertThatThrownBy(() -> SEARCH.query(List.of(new float[DIMS]), 0, null)).hasMessage("k must be at least 1, not 0");
    }

    /** The same search for one probe, by hand. */
    private static List<Hit> single(Connection c, float[] probe, int k, String where, SearchSettings settings)
            throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            settings.applyLocal(c);
            try (PreparedStatement s = c.prepareStatement("select id, embedding <-> ? from items where " + where
                    + " order by embedding <-> ? limit ?")) {
                s.setObject(1, new com.pgvector.PGvector(probe));
                s.setObject(2, new com.pgvector.PGvector(probe));
                s.setInt(3, k);
                List<Hit> hits = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        hits.add(new Hit(rs.getObject(1), rs.getDouble(2)));
                    }
                }
                return hits;
            }
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
    }

    private static List<String> lines(ResultSet rs) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
