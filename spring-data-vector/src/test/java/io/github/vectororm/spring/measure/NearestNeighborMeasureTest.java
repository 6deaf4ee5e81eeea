package io.github.vectororm.spring.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.domain.VectorScoringFunctions;

/**
 * 20k x 64-d with HNSW: a derived {@code Near} query, the fragment's k-NN and raw JDBC return the same rows; their
 * latencies and the share of k a 10 % filter returns are printed, not asserted.
 */
@PgVectorDatabase
class NearestNeighborMeasureTest {

    private static final int ROWS = 20_000;
    private static final int DIMS = 64;
    private static final int K = 10;
    private static final Score ANY_DISTANCE = Score.of(1e9, VectorScoringFunctions.EUCLIDEAN);

    private static ConfigurableApplicationContext context;
    private static ItemRepository items;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        context = new SpringApplicationBuilder(MeasureApplication.class).properties(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.jpa.hibernate.ddl-auto=create-drop",
                "spring.jpa.properties.hibernate.default_schema=" + db.schema()).run();
        items = context.getBean(ItemRepository.class);
        db.execute("drop index items_embedding_hnsw_l2_idx"); // build after the load: faster than inserting into HNSW
        Random random = new Random(17);
        List<Item> rows = new ArrayList<>(ROWS);
        for (long id = 0; id < ROWS; id++) {
            rows.add(new Item(id, (int) (id % 10), TestVectors.gaussian(random, DIMS)));
        }
        long start = System.nanoTime();
        items.copyAll(rows);
        System.out.printf("[measure] copyAll of %d x %d-d items: %d ms%n", ROWS, DIMS, (System.nanoTime() - start) / 1_000_000);
        db.execute("create index items_embedding_hnsw_l2_idx on items using hnsw (embedding vector_l2_ops) with (m = 16, ef_construction = 64)",
                "analyze items");
    }

    @AfterAll
    static void stop() {
        context.close();
    }


    @Test
    void derivedFragmentAndRawJdbcReturnTheSameRowsAndTheirLatenciesArePrinted() throws SQLException {
        DataSource dataSource = context.getBean(DataSource.class);
        List<float[]> probes = new ArrayList<>();
        Random random = new Random(23);
        for (int i = 0; i < 200; i++) {
            probes.add(TestVectors.gaussian(random, DIMS));
        }
        Function<float[], List<Long>> derived = p -> items.findByEmbeddingNear(Vector.of(p), ANY_DISTANCE, Limit.of(K))
                .contentStream().map(Item::getId).toList();
        Function<float[], List<Long>> fragment = p -> items.findNearest("embedding", Metric.L2, p, Limit.of(K)).stream()
                .map(h -> h.entity().getId()).toList();
        Function<float[], List<Long>> raw = p -> rawJdbc(dataSource, p);
        for (float[] probe : probes.subList(0, 5)) {
            List<Long> expected = raw.apply(probe);
            assertThat(expected).hasSize(K);
            assertThat(derived.apply(probe)).isEqualTo(expected);
            assertThat(fragment.apply(probe)).isEqualTo(expected);
        }
        double derivedMicros = micros(derived, probes);
        double fragmentMicros = micros(fragment, probes);
        double rawMicros = micros(raw, probes);
        System.out.printf("[measure] top-%d of %d x %d-d (HNSW, L2), mean of %d queries: derived Near %.0f us (%.1fx raw),"
                + " fragment findNearest %.0f us (%.1fx raw), raw JDBC %.0f us%n", K, ROWS, DIMS, probes.size(),
                derivedMicros, derivedMicros / rawMicros, fragmentMicros, fragmentMicros / rawMicros, rawMicros);
    }

    @Test
    void aTenPercentFilterFillsTheLimitOnlyWithAnIterativeScan() {
        Random random = new Random(29);
        int plain = 0;
        int iterative = 0;
        int fragmentPlain = 0;
        int queries = 50;
        for (int i = 0; i < queries; i++) {
            float[] probe = TestVectors.gaussian(random, DIMS);
            plain += items.findByCategoryAndEmbeddingNear(3, Vector.of(probe), ANY_DISTANCE, Limit.of(K)).getContent().size();
            SearchResults<Item> filled = items.findIterativelyByCategoryAndEmbeddingNear(3, Vector.of(probe), ANY_DISTANCE,
                    Limit.of(K));
            assertThat(filled.getContent()).hasSize(K).allMatch(r -> r.getContent().getCategory() == 3);
            iterative += filled.getContent().size();
            List<Nearest<Item>> hits = items.findNearest("embedding", Metric.L2, probe,
                    (item, cb) -> cb.equal(item.get("category"), 3), Limit.of(K));
            fragmentPlain += hits.size();
        }
        System.out.printf("[measure] 10%% filter, k=%d, %d queries: share of k returned: derived Near %.0f%%, fragment"
                + " %.0f%% (ef_search 40, no iterative scan); derived Near with @VectorSearchSettings(iterativeScan ="
                + " STRICT_ORDER) %.0f%%%n", K, queries, 100.0 * plain / (queries * K), 100.0 * fragmentPlain / (queries * K),
                100.0 * iterative / (queries * K));
        assertThat(plain).isLessThan(iterative);
    }

    private static double micros(Function<float[], List<Long>> query, List<float[]> probes) {
        for (float[] probe : probes.subList(0, 20)) {
            query.apply(probe);
        }
        long start = System.nanoTime();
        for (float[] probe : probes) {
            query.apply(probe);
        }
        return (System.nanoTime() - start) / 1000.0 / probes.size();
    }

    private static List<Long> rawJdbc(DataSource dataSource, float[] probe) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id, embedding <-> ? from items order by embedding <-> ? limit " + K)) {
            PGvector vector = new PGvector(probe);
            ps.setObject(1, vector);
            ps.setObject(2, vector);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
