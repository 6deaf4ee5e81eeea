package io.github.vectororm.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-partition forms of the hybrid and two-stage searches over local hash partitions: in exact mode each answers
 * what the same search on the parent answers, and without it every partition's own index serves its branch. (On
 * postgres_fdw shards the same SQL is what the shards run: PartitionedSearchShardsTest and the adapters' shard tests.)
 */
@PgVectorDatabase
class PerPartitionSearchTest {

    private static final int DIMS = 16;
    private static final int PARTITIONS = 3;
    private static final String[] WORDS = {"whale", "tree", "ocean", "forest", "river", "stone", "cloud", "field"};
    private static final TextSource TEXT = TextSource.document("english", "body");
    private static final SearchSettings EXACT = SearchSettings.builder().exact(true).build();

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table pdocs (id bigint not null, category int not null, body text not null,"
                + " embedding vector(" + DIMS + ") not null, primary key (id)) partition by hash (id)");
        for (int r = 0; r < PARTITIONS; r++) {
            db.execute("create table pdocs_" + r + " partition of pdocs for values with (modulus " + PARTITIONS
                    + ", remainder " + r + ")");
        }
        Random random = new Random(21);
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "pdocs")
                .column("id", CopyType.BIGINT).column("category", CopyType.INTEGER).column("body", CopyType.TEXT)
                .column("embedding", CopyType.VECTOR).open()) {
            for (long id = 1; id <= 9000; id++) {
                StringBuilder body = new StringBuilder();
                for (int w = 0; w < 6; w++) {
                    body.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                writer.addRow(id, (int) (id % 10), body.toString(), vector(random));
            }
            writer.finish();
        }
        // declared on the parent, each reaches every partition
        db.execute(IndexDefinition.hnsw("pdocs", IndexedExpression.column("embedding", VectorType.VECTOR, DIMS), Metric.L2)
                        .build().createSql(),
                IndexDefinition.hnsw("pdocs", IndexedExpression.halfvec("embedding", DIMS), Metric.L2).build().createSql(),
                TEXT.ginIndexSql("pdocs_text_gin", "pdocs"), "analyze pdocs");
    }

    @Test
    void partitionsAreReadFromTheCatalogInNameOrder(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            Partitions partitions = Partitions.of(c, "pdocs");
            assertThat(partitions.list()).extracting(Partitions.Partition::name)
                    .containsExactly("pdocs_0", "pdocs_1", "pdocs_2");
            assertThat(partitions.list()).allSatisfy(p -> {
                assertThat(p.schema()).isEqualTo(db.schema());
                assertThat(p.server()).isNull();
            });
            assertThat(partitions.servers()).isEmpty();
            // local partitions share the session: every setting takes effect, nothing is refused
            partitions.requireReachesShards(EXACT);
            assertThatThrownBy(() -> Partitions.of(c, "pdocs_0")).isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("pdocs_0 has no partitions");
        }
    }

    @Test
    void aServerOptionMatchesASettingAsPostgresReadsBoth() {
        // what SearchSettings renders against what an administrator may have written in the server's options
        assertThat(Partitions.sameValue("off", "false")).isTrue();
        assertThat(Partitions.sameValue("off", "OFF")).isTrue();
        assertThat(Partitions.sameValue("on", "true")).isTrue();
        assertThat(Partitions.sameValue("off", "on")).isFalse();
        assertThat(Partitions.sameValue("2", "2.0")).isTrue();
        assertThat(Partitions.sameValue("100", "40")).isFalse();
        assertThat(Partitions.sameValue("relaxed_order", "RELAXED_ORDER")).isTrue();
        assertThat(Partitions.sameValue("relaxed_order", "strict_order")).isFalse();
        assertThat(Partitions.sameValue("100", null)).isFalse();
    }

    @Test
    void hybridPerPartitionEqualsTheParentsInExactModeAndEachPartitionsIndexServes(TestDatabase db) throws SQLException {
        Random random = new Random(5);
        try (Connection c = db.connect()) {
            HybridSearch perPartition = hybrid(HybridSearch.on(Partitions.of(c, "pdocs"), "id"));
            HybridSearch parent = hybrid(HybridSearch.on("pdocs", "id"));
            for (int q = 0; q < 5; q++) {
                float[] probe = vector(random);
                Filter filter = q % 2 == 0 ? null : Filter.of("category <> ?", q);
                List<List<Object>> expected = rows(c, parent.query(probe, "whale ocean", 10, filter), EXACT);
                assertThat(expected).hasSize(10);
                assertThat(rows(c, perPartition.query(probe, "whale ocean", 10, filter), EXACT)).isEqualTo(expected);
            }
            String plan = plan(c, perPartition.query(vector(random), "whale ocean", 10, null));
            for (int r = 0; r < PARTITIONS; r++) {
                assertThat(plan).contains("Index Scan using pdocs_" + r + "_embedding_idx on pdocs_" + r)
                        .contains("pdocs_" + r + "_to_tsvector_idx");
            }
        }
    }

    @Test
    void twoStagePerPartitionEqualsTheParentsInExactModeAndEachPartitionsIndexServes(TestDatabase db)
            throws SQLException {
        Random random = new Random(6);
        try (Connection c = db.connect()) {
            TwoStageSearch perPartition = twoStage(TwoStageSearch.on(Partitions.of(c, "pdocs"), "id", "embedding",
                    VectorType.VECTOR, DIMS));
            TwoStageSearch parent = twoStage(TwoStageSearch.on("pdocs", "id", "embedding", VectorType.VECTOR, DIMS));
            for (int q = 0; q < 5; q++) {
                float[] probe = vector(random);
                Filter filter = q % 2 == 0 ? null : Filter.of("category = ?", q);
                List<Hit> expected = parent.search(c, probe, 10, filter, EXACT);
                assertThat(expected).hasSize(10);
                assertThat(perPartition.search(c, probe, 10, filter, EXACT)).isEqualTo(expected);
            }
            // the shortlist of 60 comes whole from each partition's index: the search raised ef_search for them
            float[] probe = vector(random);
            assertThat(perPartition.search(c, probe, 10, null, SearchSettings.none())).hasSize(10);
            SqlQuery query = perPartition.query(probe, 10, null);
            String plan = SettingsPipeline.execute(c, perPartition.settings(SearchSettings.none()),
                    new SqlQuery("EXPLAIN (COSTS OFF) " + query.sql(), query.parameters()), PerPartitionSearchTest::text);
            for (int r = 0; r < PARTITIONS; r++) {
                assertThat(plan).contains("Index Scan using pdocs_" + r + "_embedding_idx1 on pdocs_" + r);
            }
        }
    }

    private static HybridSearch hybrid(HybridSearch.Builder builder) {
        return builder.vector("embedding", VectorType.VECTOR, Metric.L2).text(TEXT).candidates(30, 30).build();
    }

    private static TwoStageSearch twoStage(TwoStageSearch.Builder builder) {
        return builder.shortlist(IndexedExpression.halfvec("embedding", DIMS), Metric.L2, 60).rerank(Metric.L2).build();
    }

    private static List<List<Object>> rows(Connection c, SqlQuery query, SearchSettings settings) throws SQLException {
        return SettingsPipeline.execute(c, settings, query, rs -> {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        });
    }

    private static String plan(Connection c, SqlQuery query) throws SQLException {
        return SettingsPipeline.execute(c, SearchSettings.none(),
                new SqlQuery("EXPLAIN (COSTS OFF) " + query.sql(), query.parameters()), PerPartitionSearchTest::text);
    }

    private static String text(ResultSet rs) throws SQLException {
        StringBuilder text = new StringBuilder();
        while (rs.next()) {
            text.append(rs.getString(1)).append('\n');
        }
        return text.toString();
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
