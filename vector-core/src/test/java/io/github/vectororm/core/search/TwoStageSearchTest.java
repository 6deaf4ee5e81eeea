package io.github.vectororm.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 3,072-d vectors, more than HNSW indexes directly: a quantized index shortlists, the full vectors re-rank. */
@PgVectorDatabase
class TwoStageSearchTest {

    private static final int DIMS = 3072;
    private static final int ROWS = 4000;
    private static final int SHORTLIST = 100;
    private static float[][] centres;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        centres = SearchData.centres(200, DIMS, 1);
        SearchData.load(db, "wide", ROWS, centres, 0.6, 2);
        db.execute(IndexDefinition.hnsw("wide", IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING)
                .build().createSql());
        db.execute(IndexDefinition.hnsw("wide", IndexedExpression.halfvec("embedding", DIMS), Metric.COSINE)
                .build().createSql());
    }

    @Test
    void binaryQuantizedShortlistReachesRecall09AndUsesItsIndex(TestDatabase db) throws SQLException {
        TwoStageSearch search = TwoStageSearch.on("wide", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING, SHORTLIST)
                .rerank(Metric.COSINE).build();
        double recall = recall(db, search, Metric.COSINE);
        System.out.printf("[measure] two-stage 3072-d, binary quantization + HNSW hamming, shortlist %d: recall@10 = %.3f%n",
                SHORTLIST, recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.9);
        assertThat(explain(db, search)).contains("Index Scan using wide_embedding_bq_hnsw_hamming_idx");
    }

    @Test
    void halfvecShortlistReachesRecall09AndUsesItsIndex(TestDatabase db) throws SQLException {
        TwoStageSearch search = TwoStageSearch.on("wide", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.halfvec("embedding", DIMS), Metric.COSINE, 40)
                .rerank(Metric.COSINE).build();
        double recall = recall(db, search, Metric.COSINE);
        System.out.printf("[measure] two-stage 3072-d, halfvec HNSW cosine, shortlist 40: recall@10 = %.3f%n", recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.9);
        assertThat(explain(db, search)).contains("Index Scan using wide_embedding_halfvec_hnsw_cosine_idx");
    }

    @Test
    void aShortlistAbove40ReturnsThatManyCandidatesAndACallersLargerEfSearchWins(TestDatabase db) throws SQLException {
        TwoStageSearch search = TwoStageSearch.on("wide", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING, SHORTLIST)
                .rerank(Metric.COSINE).build();
        float[] probe = SearchData.near(centres[11], 0.6, new Random(23));
        List<Hit> hits;
        try (Connection fresh = db.connect()) {
            // pgvector's library is not loaded in this session yet: the setting is made before it exists
            PgVectorTypes.register(fresh);
            hits = search.search(fresh, probe, SHORTLIST, null, SearchSettings.none());
            assertThat(fresh.getAutoCommit()).isTrue();
        }
        try (Connection c = db.connect()) {
            PgVectorTypes.register(c);
            // k = shortlist: the outer query returns every candidate of the inner one
            int plain;
            try (PreparedStatement ps = search.query(probe, SHORTLIST, null).prepare(c); ResultSet rs = ps.executeQuery()) {
                plain = 0;
                while (rs.next()) {
                    plain++;
                }
            }
            System.out.printf("[measure] two-stage shortlist %d: %d candidates at the server's ef_search, %d with the"
                    + " search's settings%n", SHORTLIST, plain, hits.size());
            assertThat(plain).isEqualTo(40); // the defect the settings fix: an HNSW scan returns at most ef_search rows
            assertThat(hits).hasSize(SHORTLIST);
            assertThat(search.search(c, probe, 10, null, SearchSettings.none())).extracting(Hit::id)
                    .containsExactlyElementsOf(hits.subList(0, 10).stream().map(Hit::id).toList());
            // the same candidates as the shortlist's exact oracle: the first stage by a sequential scan
            Set<Object> oracle = new HashSet<>();
            c.setAutoCommit(false);
            SearchSettings.builder().exact(true).build().applyLocal(c);
            try (PreparedStatement ps = search.query(probe, SHORTLIST, null).prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    oracle.add(rs.getObject(1));
                }
            }
            c.commit();
            long shared = hits.stream().map(Hit::id).filter(oracle::contains).count();
            System.out.printf("[measure] two-stage shortlist %d: %d of its candidates in the exact shortlist%n", SHORTLIST, shared);
            assertThat(oracle).hasSize(SHORTLIST);
            assertThat(shared).isGreaterThan(SHORTLIST / 2);

            // inside the caller's transaction: a larger ef_search already in effect is kept, a smaller one raised
            try (Statement s = c.createStatement()) {
                s.execute("select set_config('hnsw.ef_search', '300', true)");
            }
            search.applyLocal(c, SearchSettings.none());
            assertThat(efSearch(c)).isEqualTo("300");
            c.commit();
            search.applyLocal(c, SearchSettings.builder().hnswEfSearch(20).hnswIterativeScan(IterativeScan.RELAXED_ORDER).build());
            assertThat(efSearch(c)).isEqualTo("100");
            c.commit();
            search.applyLocal(c, SearchSettings.builder().hnswEfSearch(400).build());
            assertThat(efSearch(c)).isEqualTo("400");
            c.rollback();
            c.setAutoCommit(true);
            assertThatThrownBy(() -> search.applyLocal(c, SearchSettings.none())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("auto-commit");
        }
        assertThat(search.settings()).isEqualTo(SearchSettings.builder().hnswEfSearch(SHORTLIST).build());
        assertThat(search.settings(SearchSettings.builder().hnswEfSearch(500).build()).parameters())
                .containsEntry("hnsw.ef_search", "500");
        assertThat(search.settings(SearchSettings.builder().hnswEfSearch(10).ivfflatProbes(3).build()).parameters())
                .containsEntry("hnsw.ef_search", "100").containsEntry("ivfflat.probes", "3");
        assertThatThrownBy(() -> TwoStageSearch.on("wide", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING, 1001).rerank(Metric.L2).build())
                .isInstanceOf(VectorValidationException.class)
                .hasMessage("shortlist size must be at most 1000 (the maximum of hnsw.ef_search: an HNSW scan returns at"
                        + " most ef_search rows), not 1001");
    }

    private static String efSearch(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('hnsw.ef_search')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void filtersAndBadInputs(TestDatabase db) throws SQLException {
        TwoStageSearch search = TwoStageSearch.on("wide", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING, SHORTLIST)
                .rerank(Metric.L2).build();
        float[] probe = SearchData.near(centres[3], 0.6, new Random(5));
        try (Connection c = db.connect(); PreparedStatement ps = search.query(probe, 5, Filter.of("category = ?", 3)).prepare(c);
                ResultSet rs = ps.executeQuery()) {
            int n = 0;
            double last = -1;
            while (rs.next()) {
                assertThat(rs.getLong("id") % 10).isEqualTo(3);
                assertThat(rs.getDouble("distance")).isGreaterThanOrEqualTo(last);
                last = rs.getDouble("distance");
                n++;
            }
            assertThat(n).isEqualTo(5);
        }
        assertThatThrownBy(() -> search.query(new float[10], 5, null)).isInstanceOf(VectorValidationException.class)
                .hasMessage("query vector has 10 dimensions, column embedding is vector(3072)");
        assertThatThrownBy(() -> search.query(probe, SHORTLIST + 1, null)).hasMessageContaining("k must be 1 to the shortlist size 100");
        assertThatThrownBy(() -> TwoStageSearch.on("wide", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.COSINE, 10).rerank(Metric.L2).build())
                .hasMessageContaining("HNSW cannot index bit by COSINE");
        assertThatThrownBy(() -> Filter.of("category = ?; drop table wide", 1)).hasMessageContaining("contains ';'");
        assertThatThrownBy(() -> Filter.of("category = ?")).hasMessageContaining("has 1 placeholders but 0 values");
    }

    /** Mean recall@10 over 20 probes near the data's clusters, against exact search in Java-independent SQL. */
    /** In auto-commit mode the shortlist's ef_search travels in the query's statement: one round trip. */
    @Test
    void inAutoCommitASearchIsOneRoundTrip(TestDatabase db) throws Exception {
        TwoStageSearch search = TwoStageSearch.on("wide", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING, SHORTLIST)
                .rerank(Metric.COSINE).build();
        float[] probe = SearchData.near(centres[0], 0.6, new Random(5));
        try (Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(io.github.vectororm.test.RoundTrips.PROPERTY,
                io.github.vectororm.test.RoundTrips.FACTORY))) {
            search.search(c, probe, 10, null, SearchSettings.none()); // warm
            List<Hit> hits = new ArrayList<>();
            assertThat(io.github.vectororm.test.RoundTrips.during(() -> hits.addAll(
                    search.search(c, probe, 10, null, SearchSettings.none())))).isEqualTo(1);
            assertThat(hits).hasSize(10);
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    private static double recall(TestDatabase db, TwoStageSearch search, Metric metric) throws SQLException {
        Random random = new Random(17);
        double sum = 0;
        int probes = 20;
        try (Connection c = db.connect()) {
            PgVectorTypes.register(c);
            for (int i = 0; i < probes; i++) {
                float[] probe = SearchData.near(centres[random.nextInt(centres.length)], 0.6, random);
                Set<Long> exact = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("select id from wide order by embedding "
                        + metric.operator() + " ? limit 10")) {
                    ps.setObject(1, VectorValues.toParameter(VectorType.VECTOR, probe));
                    try (Statement s = c.createStatement()) {
                        s.execute("set enable_indexscan = off");
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            exact.add(rs.getLong(1));
                        }
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("reset enable_indexscan");
                    }
                }
                List<Long> found = search.search(c, probe, 10, null, SearchSettings.none()).stream()
                        .map(hit -> ((Number) hit.id()).longValue()).toList();
                sum += found.stream().filter(exact::contains).count() / 10.0;
            }
        }
        return sum / probes;
    }

    private static String explain(TestDatabase db, TwoStageSearch search) throws SQLException {
        SqlQuery query = search.query(centres[0], 10, null);
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.connect()) {
            PreparedStatement ps = new SqlQuery("explain " + query.sql(), query.parameters()).prepare(c);
            try (ps; ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
