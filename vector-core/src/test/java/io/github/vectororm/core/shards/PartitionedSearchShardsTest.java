package io.github.vectororm.core.shards;

import static io.github.vectororm.test.ShardClusters.dataSource;
import static io.github.vectororm.test.ShardClusters.execute;
import static io.github.vectororm.test.ShardClusters.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.Hit;
import io.github.vectororm.core.search.PartitionedSearch;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.test.ShardClusters;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A table list-partitioned by tenant over two postgres_fdw shards ({@code scripts/shards.sh}: a coordinator on
 * 127.0.0.1:5450, shards on 5451 and 5452, each with pgvector and an HNSW index on its partition). The parent's own
 * k-NN plan pushes no LIMIT to the shards; {@link PartitionedSearch} does, so each shard's index serves. The indexes are
 * built by {@link IndexBuilder#buildOnShards}, each on its shard.
 */
@Tag("clusters")
class PartitionedSearchShardsTest {

    private static final int DIMS = 16;
    private static final int ROWS_PER_SHARD = 5000; // enough that a shard plans its HNSW index, not a sort
    private static final IndexDefinition INDEX = IndexDefinition.hnsw("items",
            IndexedExpression.column("embedding", VectorType.VECTOR, DIMS), Metric.L2).build();
    private static List<IndexBuilder.ShardIndex> built;
    private static ShardClusters clusters;

    @BeforeAll
    static void start() throws SQLException {
        clusters = ShardClusters.start(); // clean clusters, whatever an earlier run left
        clusters.createTenantTable("items", "category int not null, embedding vector(" + DIMS + ")");
        // written through the coordinator: COPY into the parent routes each row to its shard
        Random random = new Random(7);
        try (Connection c = DriverManager.getConnection(clusters.coordinator());
                VectorCopyWriter writer = VectorCopyWriter.into(c, "items").column("id", CopyType.BIGINT)
                        .column("tenant", CopyType.INTEGER).column("category", CopyType.INTEGER)
                        .column("embedding", CopyType.VECTOR).open()) {
            for (long id = 1; id <= 2L * ROWS_PER_SHARD; id++) {
                float[] v = new float[DIMS];
                for (int d = 0; d < DIMS; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                writer.addRow(id, (int) (id % 2) + 1, (int) (id % 10), v);
            }
            writer.finish();
        }
        // CREATE INDEX on the parent cannot reach foreign partitions: each shard builds its own, over its connection
        List<IndexBuilder.Progress> progress = new ArrayList<>();
        built = IndexBuilder.using(dataSource(clusters.coordinator())).maintenanceWorkMem("128MB")
                .buildOnShards(INDEX, clusters.shardDataSources(), progress::add);
        assertThat(progress.get(progress.size() - 1).done()).isTrue();
        assertThat(progress).filteredOn(p -> !p.done()).extracting(IndexBuilder.Progress::partitionsTotal).containsOnly(2L);
        for (int i = 1; i <= 2; i++) {
            execute(clusters.shard(i), "analyze items_t" + i);
        }
        execute(clusters.coordinator(), "analyze items");
    }

    @AfterAll
    static void stop() {
        ShardClusters.stop();
    }

    @Test
    void theIndexIsBuiltOnEveryShardThroughItsOwnConnection() throws SQLException {
        assertThat(built).extracting(IndexBuilder.ShardIndex::partition, IndexBuilder.ShardIndex::server)
                .containsExactly(org.assertj.core.api.Assertions.tuple("public.items_t1", "shard1"),
                        org.assertj.core.api.Assertions.tuple("public.items_t2", "shard2"));
        assertThat(built).extracting(b -> b.result().name())
                .containsExactly("items_t1_embedding_hnsw_l2_idx", "items_t2_embedding_hnsw_l2_idx");
        for (int i = 1; i <= 2; i++) {
            assertThat(queryLong(clusters.shard(i), "select count(*) from pg_indexes where tablename = 'items_t" + i
                    + "' and indexdef like '%USING hnsw (embedding vector_l2_ops)%'")).as("shard" + i).isEqualTo(1);
            assertThat(built.get(i - 1).result().sizeBytes()).isEqualTo(queryLong(clusters.shard(i),
                    "select pg_relation_size('items_t" + i + "_embedding_hnsw_l2_idx')"));
        }
        // the coordinator's own build would fail on PostgreSQL's refusal; it says where to go instead
        assertThatThrownBy(() -> IndexBuilder.using(dataSource(clusters.coordinator())).build(INDEX, p -> { }))
                .isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("items has postgres_fdw foreign partitions").hasMessageContaining("buildOnShards");
        // a server without a DataSource is named before any DDL runs
        assertThatThrownBy(() -> IndexBuilder.using(dataSource(clusters.coordinator())).buildOnShards(INDEX,
                Map.of("shard1", dataSource(clusters.shard(1))), p -> { }))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("no DataSource for the foreign server(s) shard2");
        // a rerun finds the indexes there (IF NOT EXISTS) and reports them again
        assertThat(IndexBuilder.using(dataSource(clusters.coordinator()))
                .buildOnShards(INDEX, clusters.shardDataSources(), p -> { }))
                .extracting(b -> b.result().name()).containsExactly("items_t1_embedding_hnsw_l2_idx",
                        "items_t2_embedding_hnsw_l2_idx");
    }

    @Test
    void writesThroughTheParentLandOnTheirShards() throws SQLException {
        assertThat(queryLong(clusters.shard(1), "select count(*) from items_t1")).isEqualTo(ROWS_PER_SHARD);
        assertThat(queryLong(clusters.shard(2), "select count(*) from items_t2")).isEqualTo(ROWS_PER_SHARD);
        assertThat(queryLong(clusters.shard(2), "select count(*) from items_t2 where tenant <> 2")).isZero();
    }

    @Test
    void eachShardsIndexServesAndTheAnswerIsTheShardsOwn() throws SQLException {
        float[] probe = vector(11);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            PartitionedSearch search = search(c);
            assertThat(search.partitions().list()).extracting(Partitions.Partition::sql).containsExactly("public.items_t1", "public.items_t2");
            assertThat(search.partitions().servers()).containsExactly("shard1", "shard2");
            // the parent's plan: ORDER BY pushed, LIMIT not, so every shard sorts all its rows
            String naive = explain(c, new SqlQuery("select id from items order by embedding <-> ? limit 10",
                    List.of(VectorValues.toParameter(VectorType.VECTOR, probe))));
            assertThat(remoteSql(naive)).hasSize(2).noneMatch(sql -> sql.contains("LIMIT"));
            // the per-partition form: each shard gets ORDER BY ... LIMIT, which its HNSW index serves
            String plan = explain(c, search.query(probe, 10, null));
            assertThat(remoteSql(plan)).hasSize(2).allMatch(sql -> sql.contains("LIMIT"));
            assertThat(search.search(c, probe, 10, null, SearchSettings.none())).isEqualTo(shardsOwnAnswer(probe, 10, 40));
        }
        // and the shards did use their indexes: counted by the shards' statistics, which a shard session reports when
        // it ends (the coordinator's connection closing ends postgres_fdw's sessions)
        long[] before = {indexScans(0), indexScans(1)};
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            search(c).search(c, probe, 10, null, SearchSettings.none());
        }
        assertThat(awaitIndexScansAbove(0, before[0])).as("shard1's HNSW index scans").isGreaterThan(before[0]);
        assertThat(awaitIndexScansAbove(1, before[1])).as("shard2's HNSW index scans").isGreaterThan(before[1]);
    }

    /** The shard's index scan count once it exceeds {@code floor}, or after 10 s, whichever comes first. */
    private static long awaitIndexScansAbove(int shard, long floor) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long scans = indexScans(shard);
        while (scans <= floor && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            scans = indexScans(shard);
        }
        return scans;
    }

    @Test
    void exactModeReachesTheShardsThroughTheirServerOptionsAndEqualsTheOracle() throws SQLException {
        float[] probe = vector(12);
        SearchSettings exact = SearchSettings.builder().exact(true).build();
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            PartitionedSearch search = search(c);
            assertThatThrownBy(() -> search.search(c, probe, 10, null, exact)).isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("enable_indexscan = off would not reach the shards shard1, shard2")
                    .hasMessageContaining("ALTER SERVER shard1 OPTIONS (ADD options '-c enable_indexscan=off')");
            execute(clusters.coordinator(), "alter server shard1 options (add options '-c enable_indexscan=off')",
                    "alter server shard2 options (add options '-c enable_indexscan=off')");
            try {
                List<Hit> hits = search(c).search(c, probe, 10, Filter.of("category = ?", 3), exact);
                List<Hit> oracle = exactOracle(probe, 10, 3);
                assertThat(hits).extracting(Hit::id).isEqualTo(oracle.stream().map(Hit::id).toList());
                for (int i = 0; i < hits.size(); i++) { // pgvector sums in single precision, the oracle in double
                    assertThat(hits.get(i).distance()).isCloseTo(oracle.get(i).distance(), org.assertj.core.data.Offset.offset(1e-5));
                }
            } finally {
                execute(clusters.coordinator(), "alter server shard1 options (drop options)",
                        "alter server shard2 options (drop options)");
            }
        }
    }

    @Test
    void anHnswSettingTakesEffectOnTheShardsOnlyThroughTheirSessions() throws SQLException {
        float[] probe = vector(13);
        SearchSettings ef100 = SearchSettings.builder().hnswEfSearch(100).build();
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            assertThatThrownBy(() -> search(c).search(c, probe, 100, null, ef100))
                    .hasMessageContaining("hnsw.ef_search = 100 would not reach the shards shard1, shard2");
            // at the shards' default ef_search of 40 an HNSW scan returns at most 40 rows a shard
            assertThat(search(c).search(c, probe, 100, null, SearchSettings.none())).hasSize(80);
            execute(clusters.coordinator(), "alter server shard1 options (add options '-c hnsw.ef_search=100')",
                    "alter server shard2 options (add options '-c hnsw.ef_search=100')");
            try {
                assertThat(search(c).search(c, probe, 100, null, ef100)).hasSize(100);
            } finally {
                execute(clusters.coordinator(), "alter server shard1 options (drop options)",
                        "alter server shard2 options (drop options)");
            }
        }
    }

    @Test
    void aTwoStageSearchNeedsTheShardsEfSearchAndRerankTheirOwnShortlists() throws SQLException {
        float[] probe = vector(16);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            assertThatThrownBy(() -> twoStage(c).search(c, probe, 10, null, SearchSettings.none()))
                    .isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("hnsw.ef_search >= 60 (a shortlist of 60 needs it")
                    .hasMessageContaining("would not reach the shards shard1, shard2")
                    .hasMessageContaining("ALTER SERVER shard1 OPTIONS (ADD options '-c hnsw.ef_search=60')");
            execute(clusters.coordinator(), "alter server shard1 options (add options '-c hnsw.ef_search=60')",
                    "alter server shard2 options (add options '-c hnsw.ef_search=60')");
            try {
                // each shard's shortlist of 60 by its index, the table's 60 nearest of them re-ranked (here by the
                // same distance, so the answer is the shards' own top 10)
                assertThat(twoStage(c).search(c, probe, 10, null, SearchSettings.none()))
                        .isEqualTo(shardsOwnAnswer(probe, 60, 60).subList(0, 10));
            } finally {
                execute(clusters.coordinator(), "alter server shard1 options (drop options)",
                        "alter server shard2 options (drop options)");
            }
        }
    }

    private static TwoStageSearch twoStage(Connection c) throws SQLException {
        return TwoStageSearch.on(Partitions.of(c, "items"), "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.column("embedding", VectorType.VECTOR, DIMS), Metric.L2, 60)
                .rerank(Metric.L2).build();
    }

    @Test
    void aFilterOnThePartitionKeyPrunesTheOtherShard() throws SQLException {
        float[] probe = vector(14);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            PartitionedSearch search = search(c);
            SqlQuery query = search.query(probe, 10, Filter.of("tenant = ?", 2));
            String plan = SettingsPipeline.execute(c, SearchSettings.builder().partitionPruning().build(),
                    new SqlQuery("EXPLAIN (VERBOSE, COSTS OFF) " + query.sql(), query.parameters()),
                    PartitionedSearchShardsTest::text);
            assertThat(remoteSql(plan)).hasSize(1).allMatch(sql -> sql.contains("items_t2"));
            List<Hit> hits = search.search(c, probe, 10, Filter.of("tenant = ?", 2), SearchSettings.none());
            assertThat(hits).hasSize(10).allMatch(hit -> ((Number) hit.id()).longValue() % 2 == 1);
        }
    }

    @Test
    void aShardThatIsDownFailsTheQueryNamingIt() throws SQLException {
        float[] probe = vector(15);
        clusters.stopShard(2);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            PartitionedSearch search = search(c);
            assertThatThrownBy(() -> search.search(c, probe, 10, null, SearchSettings.none()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("shard2");
        } finally {
            clusters.startShard(2);
        }
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            assertThat(search(c).search(c, probe, 10, null, SearchSettings.none())).hasSize(10);
        }
    }

    private static PartitionedSearch search(Connection c) throws SQLException {
        return PartitionedSearch.on(c, "items", "id", "embedding", VectorType.VECTOR, DIMS, Metric.L2);
    }

    /** Each shard's own top k by its index at an ef_search, merged by distance. */
    private static List<Hit> shardsOwnAnswer(float[] probe, int k, int efSearch) throws SQLException {
        List<Hit> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i));
                    PreparedStatement s = c.prepareStatement("select id, embedding <-> ? as d from items_t" + i
                            + " order by d limit ?")) {
                c.createStatement().execute("set hnsw.ef_search = " + efSearch);
                s.setObject(1, VectorValues.toParameter(VectorType.VECTOR, probe));
                s.setInt(2, k);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Hit(rs.getObject(1), rs.getDouble(2)));
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(Hit::distance));
        return all.subList(0, k);
    }

    /** Every row of every shard, distances computed here: the exact answer. */
    private static List<Hit> exactOracle(float[] probe, int k, int category) throws SQLException {
        List<Hit> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i)); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, embedding::real[] from items_t" + i + " where category = "
                            + category)) {
                while (rs.next()) {
                    Float[] boxed = (Float[]) rs.getArray(2).getArray();
                    float[] v = new float[boxed.length];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = boxed[d];
                    }
                    all.add(new Hit(rs.getObject(1), Metric.L2.distance(probe, v)));
                }
            }
        }
        all.sort(Comparator.comparingDouble(Hit::distance));
        return all.subList(0, k);
    }

    private static String explain(Connection c, SqlQuery query) throws SQLException {
        return SettingsPipeline.execute(c, SearchSettings.none(),
                new SqlQuery("EXPLAIN (VERBOSE, COSTS OFF) " + query.sql(), query.parameters()),
                PartitionedSearchShardsTest::text);
    }

    private static List<String> remoteSql(String plan) {
        return plan.lines().map(String::strip).filter(line -> line.startsWith("Remote SQL:")).toList();
    }

    private static String text(ResultSet rs) throws SQLException {
        StringBuilder text = new StringBuilder();
        while (rs.next()) {
            text.append(rs.getString(1)).append('\n');
        }
        return text.toString();
    }

    private static long indexScans(int shard) throws SQLException {
        return queryLong(clusters.shard(shard + 1), "select idx_scan from pg_stat_user_indexes where indexrelname = 'items_t"
                + (shard + 1) + "_embedding_hnsw_l2_idx'");
    }

    private static float[] vector(long seed) {
        Random random = new Random(seed);
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
