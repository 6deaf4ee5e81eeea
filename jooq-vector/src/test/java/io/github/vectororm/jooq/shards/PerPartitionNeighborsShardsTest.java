package io.github.vectororm.jooq.shards;

import static io.github.vectororm.test.ShardClusters.dataSource;
import static io.github.vectororm.test.ShardClusters.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.jooq.NearestNeighbors;
import io.github.vectororm.jooq.Neighbor;
import io.github.vectororm.jooq.VectorDataTypes;
import io.github.vectororm.jooq.VectorSearches;
import io.github.vectororm.jooq.VectorTransactions;
import io.github.vectororm.test.ShardClusters;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.assertj.core.data.Offset;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.SchemaImpl;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jOOQ's {@link NearestNeighbors#perPartition} on a table list-partitioned by tenant over two postgres_fdw shards
 * ({@code scripts/shards.sh}: a coordinator and two shards, each shard with pgvector and its indexes, built by
 * {@link IndexBuilder#buildOnShards}). Each branch's {@code ORDER BY ... LIMIT} reaches its shard, whose HNSW index
 * serves it; settings reach the shards only through their servers' options; and vector-core's hybrid and two-stage
 * searches made on the same {@link Partitions} run through {@link VectorSearches} on the shards.
 */
@Tag("clusters")
class PerPartitionNeighborsShardsTest {

    private static final int DIMS = 16;
    private static final int ROWS_PER_SHARD = 5000; // enough that a shard plans its HNSW index, not a sort
    private static final int SHORTLIST = 100;
    private static final IndexedExpression SHORTLIST_EXPRESSION = IndexedExpression.halfvec("embedding", DIMS);
    private static final List<String> WORDS = List.of("whale", "ocean", "tree", "forest", "river", "mountain", "shark",
            "desert", "city", "bird", "storm", "island");
    private static final Offset<Double> FLOAT_SUMS = Offset.offset(1e-5); // pgvector sums in float, the oracle in double

    /** The table as jOOQ's code generator declares it: schema-qualified, its fields qualified by it. */
    static final class Items extends TableImpl<Record> {
        static final Items ITEMS = new Items();
        final TableField<Record, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false), this, "");
        final TableField<Record, Integer> tenant = createField(DSL.name("tenant"), SQLDataType.INTEGER.nullable(false), this, "");
        final TableField<Record, Integer> category = createField(DSL.name("category"), SQLDataType.INTEGER.nullable(false), this, "");
        final TableField<Record, float[]> embedding = createField(DSL.name("embedding"), VectorDataTypes.vector(DIMS), this, "");

        private Items() {
            super(DSL.name("items"), new SchemaImpl(DSL.name("public")));
        }
    }

    private static final Items ITEMS = Items.ITEMS;
    /** The same table as {@code DSL.table(DSL.name("items"))}, with unqualified fields. */
    private static final Table<Record> PLAIN = DSL.table(DSL.name("items"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<Integer> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(DIMS));

    private static ShardClusters clusters;

    @BeforeAll
    static void start() throws SQLException {
        clusters = ShardClusters.start(); // clean clusters, whatever an earlier run left
        clusters.createTenantTable("items", "category int not null, body text not null, embedding vector(" + DIMS + ")");
        Random random = new Random(17);
        try (Connection c = DriverManager.getConnection(clusters.coordinator());
                VectorCopyWriter writer = VectorCopyWriter.into(c, "items").column("id", CopyType.BIGINT)
                        .column("tenant", CopyType.INTEGER).column("category", CopyType.INTEGER)
                        .column("body", CopyType.TEXT).column("embedding", CopyType.VECTOR).open()) {
            for (long id = 1; id <= 2L * ROWS_PER_SHARD; id++) {
                float[] v = new float[DIMS];
                for (int d = 0; d < DIMS; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                StringBuilder body = new StringBuilder();
                for (int w = 0; w < 6; w++) {
                    body.append(w == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
                }
                // ids 2m and 2m + 1 share a category, on different shards
                writer.addRow(id, (int) (id % 2) + 1, (int) (id / 2 % 10), body.toString(), v);
            }
            writer.finish();
        }
        Map<String, DataSource> servers = clusters.shardDataSources();
        IndexBuilder builder = IndexBuilder.using(dataSource(clusters.coordinator())).maintenanceWorkMem("128MB");
        List<IndexBuilder.ShardIndex> built = new ArrayList<>(builder.buildOnShards(IndexDefinition.hnsw("items",
                IndexedExpression.column("embedding", VectorType.VECTOR, DIMS), Metric.L2).build(), servers, p -> { }));
        built.addAll(builder.buildOnShards(IndexDefinition.hnsw("items", SHORTLIST_EXPRESSION, Metric.L2).build(),
                servers, p -> { }));
        assertThat(built).extracting(IndexBuilder.ShardIndex::server).containsExactly("shard1", "shard2", "shard1", "shard2");
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
    void eachShardsIndexServesItsBranchAndTheAnswerIsTheShardsOwn() throws SQLException {
        float[] probe = vector(21);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            Partitions partitions = Partitions.of(c, "items");
            assertThat(partitions.list()).extracting(Partitions.Partition::sql, Partitions.Partition::server)
                    .containsExactly(tuple("public.items_t1", "shard1"), tuple("public.items_t2", "shard2"));
            NearestNeighbors<Record> knn = NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, probe)
                    .limit(10).perPartition(partitions);
            // the parent's own plan pushes ORDER BY but no LIMIT; each branch of the per-partition form pushes both
            NearestNeighbors<Record> parent = NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, probe).limit(10);
            assertThat(remoteSql(explain(dsl, parent))).hasSize(2).noneMatch(sql -> sql.contains("LIMIT"));
            List<String> remote = remoteSql(explain(dsl, knn));
            System.out.printf("[measure] jOOQ per-partition k-NN, the shards' SQL:%n%s%n", String.join("\n", remote));
            assertThat(remote).hasSize(2).allMatch(sql -> sql.contains("ORDER BY") && sql.contains("LIMIT"));
            for (int i = 1; i <= 2; i++) {
                String sql = remote.get(i - 1).substring("Remote SQL:".length()).strip();
                assertThat(sql).contains("items_t" + i);
                String shardPlan = text(clusters.shard(i), "explain (costs off) " + sql);
                assertThat(shardPlan).as("shard" + i + "'s plan of its branch")
                        .contains("Index Scan using items_t" + i + "_embedding_hnsw_l2_idx");
            }
            List<Neighbor<Record>> hits = knn.fetch(dsl);
            List<Hit> shardsOwn = shardsOwnAnswer(probe, 10);
            assertThat(hits).extracting(n -> n.record().get(ITEMS.id)).isEqualTo(shardsOwn.stream().map(Hit::id).toList());
            assertThat(hits).extracting(Neighbor::distance).isEqualTo(shardsOwn.stream().map(Hit::distance).toList());
            // the record is the table's: every column read back through its binding
            assertThat(hits.get(0).record().get(ITEMS.embedding)).hasSize(DIMS);
            assertThat(hits).allSatisfy(n -> assertThat(n.record().get(ITEMS.tenant)).isEqualTo(
                    n.record().get(ITEMS.id) % 2 + 1));
        }
    }

    @Test
    void exactModeReachesTheShardsThroughTheirServerOptionsAndEqualsTheOracle() throws SQLException {
        float[] probe = vector(22);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            NearestNeighbors<Record> refused = NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, probe).select(ID)
                    .where(CATEGORY.eq(3)).limit(10).exact().perPartition(Partitions.of(c, "items"));
            assertThatThrownBy(() -> refused.fetch(dsl)).isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("enable_indexscan = off would not reach the shards shard1, shard2");
            execute(clusters.coordinator(), "alter server shard1 options (add options '-c enable_indexscan=off')",
                    "alter server shard2 options (add options '-c enable_indexscan=off')");
            try {
                Partitions partitions = Partitions.of(c, "items"); // read again: the servers' options changed
                List<Hit> oracle = exactOracle(probe, 10, 3);
                List<NearestNeighbors<Record>> forms = List.of(
                        NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, probe).select(ID).where(CATEGORY.eq(3)),
                        NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, probe).select(ITEMS.id)
                                .where(ITEMS.category.eq(3)));
                for (NearestNeighbors<Record> form : forms) {
                    NearestNeighbors<Record> knn = form.limit(10).exact().perPartition(partitions);
                    // every category is on both shards: each one sorts its own rows and sends its k
                    assertThat(remoteSql(explain(dsl, knn))).hasSize(2)
                            .allMatch(sql -> sql.contains("WHERE ((category = 3)) ORDER BY") && sql.contains("LIMIT"));
                    List<Neighbor<Record>> hits = knn.fetch(dsl);
                    assertThat(hits).extracting(n -> n.record().get(0, Long.class))
                            .isEqualTo(oracle.stream().map(Hit::id).toList());
                    for (int i = 0; i < hits.size(); i++) {
                        assertThat(hits.get(i).distance()).isCloseTo(oracle.get(i).distance(), FLOAT_SUMS);
                    }
                }
            } finally {
                execute(clusters.coordinator(), "alter server shard1 options (drop options)",
                        "alter server shard2 options (drop options)");
            }
        }
    }

    @Test
    void aFilterOnThePartitionKeyPrunesTheOtherShard() throws SQLException {
        float[] probe = vector(23);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            NearestNeighbors<Record> knn = NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, probe)
                    .where(ITEMS.tenant.eq(2)).limit(10).perPartition(Partitions.of(c, "items"));
            assertThat(knn.effectiveSettings().parameters()).containsEntry("constraint_exclusion", "on");
            String plan = explain(dsl, knn);
            assertThat(plan.lines().filter(line -> line.contains("Foreign Scan")).count()).as(plan).isEqualTo(1);
            assertThat(remoteSql(plan)).hasSize(1).allMatch(sql -> sql.contains("items_t2"));
            assertThat(knn.fetch(dsl)).hasSize(10).allSatisfy(n -> assertThat(n.record().get(ITEMS.tenant)).isEqualTo(2));
        }
    }

    @Test
    void aSettingNotOnTheServersIsRefusedBeforeAnySql() throws SQLException {
        Partitions partitions;
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            partitions = Partitions.of(c, "items");
        }
        // a context that has never had a connection: the refusal comes before fetch asks for one
        List<String> acquired = new ArrayList<>();
        DSLContext dsl = DSL.using(new ConnectionProvider() {
            @Override
            public Connection acquire() {
                acquired.add("acquire");
                throw new IllegalStateException("no connection was to be used");
            }

            @Override
            public void release(Connection connection) {
            }
        }, SQLDialect.POSTGRES);
        NearestNeighbors<Record> knn = NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, vector(24)).limit(10)
                .settings(SearchSettings.builder().hnswEfSearch(100).build()).perPartition(partitions);
        assertThatThrownBy(() -> knn.fetch(dsl)).isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("hnsw.ef_search = 100 would not reach the shards shard1, shard2")
                .hasMessageContaining("ALTER SERVER shard1 OPTIONS (ADD options '-c hnsw.ef_search=100')");
        assertThat(acquired).isEmpty();
        // and a per-partition search needs its limit
        assertThatThrownBy(() -> NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, vector(24)).exact()
                .perPartition(partitions).fetch(dsl)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("per partition without a limit");
        assertThat(acquired).isEmpty();
    }

    @Test
    void aShardThatIsDownFailsTheFetchNamingIt() throws SQLException {
        float[] probe = vector(25);
        clusters.stopShard(2);
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            NearestNeighbors<Record> knn = NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, probe).limit(10)
                    .perPartition(Partitions.of(c, "items"));
            assertThatThrownBy(() -> knn.fetch(dsl)).isInstanceOf(DataAccessException.class).hasMessageContaining("shard2");
        } finally {
            clusters.startShard(2);
        }
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            assertThat(NearestNeighbors.of(ITEMS, ITEMS.embedding, Metric.L2, probe).limit(10)
                    .perPartition(Partitions.of(c, "items")).fetch(DSL.using(c, SQLDialect.POSTGRES))).hasSize(10);
        }
    }

    @Test
    void hybridAndTwoStageSearchesRunOnTheShardsAndEqualTheOracle() throws SQLException {
        float[] probe = vector(26);
        String text = "whale ocean";
        // exact on the shards, and an ef_search that lets the two-stage shortlist through (it is checked)
        execute(clusters.coordinator(),
                "alter server shard1 options (add options '-c enable_indexscan=off -c hnsw.ef_search=" + SHORTLIST + "')",
                "alter server shard2 options (add options '-c enable_indexscan=off -c hnsw.ef_search=" + SHORTLIST + "')");
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            Partitions partitions = Partitions.of(c, "items");

            HybridSearch hybrid = HybridSearch.on(partitions, "id").vector("embedding", VectorType.VECTOR, Metric.L2)
                    .text(TextSource.document("english", "body")).build();
            Result<Record> fused = VectorSearches.hybrid(dsl, hybrid, probe, text, 10, null).fetch();
            List<Fused> oracle = hybridOracle(probe, text, 10);
            assertThat(fused).extracting(r -> r.get("id", Long.class)).isEqualTo(oracle.stream().map(Fused::id).toList());
            for (int i = 0; i < fused.size(); i++) {
                assertThat(fused.get(i).get("fused_score", Double.class)).isCloseTo(oracle.get(i).score(), Offset.offset(1e-9));
            }

            TwoStageSearch twoStage = TwoStageSearch.on(partitions, "id", "embedding", VectorType.VECTOR, DIMS)
                    .shortlist(SHORTLIST_EXPRESSION, Metric.L2, SHORTLIST).rerank(Metric.L2).build();
            Result<Record> nearest = VectorSearches.fetchTwoStage(dsl, twoStage, probe, 10, null,
                    SearchSettings.builder().exact(true).build());
            List<Hit> exact = exactOracle(probe, 10, null);
            assertThat(nearest).extracting(r -> r.get("id", Long.class)).isEqualTo(exact.stream().map(Hit::id).toList());
            for (int i = 0; i < nearest.size(); i++) {
                assertThat(nearest.get(i).get("distance", Double.class)).isCloseTo(exact.get(i).distance(), FLOAT_SUMS);
            }
        } finally {
            execute(clusters.coordinator(), "alter server shard1 options (drop options)",
                    "alter server shard2 options (drop options)");
        }
    }

    record Hit(long id, double distance) {
    }

    record Fused(long id, double score) {
    }

    /**
     * Reciprocal rank fusion computed here: the vector side's exact top 40 by distance (ties by id), the text side's
     * top 40 by each shard's own ts_rank_cd (ties by id), {@code 1/(60 + rank)} from each.
     */
    private static List<Fused> hybridOracle(float[] probe, String text, int limit) throws SQLException {
        List<Hit> vectorSide = exactOracle(probe, 40, null);
        List<double[]> textSide = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i));
                    PreparedStatement s = c.prepareStatement("select id, ts_rank_cd(to_tsvector('english', body),"
                            + " websearch_to_tsquery('english', ?)) from items_t" + i
                            + " where to_tsvector('english', body) @@ websearch_to_tsquery('english', ?)")) {
                s.setString(1, text);
                s.setString(2, text);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        textSide.add(new double[] {rs.getLong(1), rs.getFloat(2)});
                    }
                }
            }
        }
        textSide.sort(Comparator.<double[]>comparingDouble(r -> -r[1]).thenComparingDouble(r -> r[0]));
        assertThat(textSide).as("rows matching the text").hasSizeGreaterThan(40);
        Map<Long, Double> scores = new HashMap<>();
        for (int rank = 1; rank <= 40; rank++) {
            scores.merge(vectorSide.get(rank - 1).id(), 1.0 / (60 + rank), Double::sum);
            scores.merge((long) textSide.get(rank - 1)[0], 1.0 / (60 + rank), Double::sum);
        }
        return scores.entrySet().stream().map(e -> new Fused(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble(Fused::score).reversed().thenComparingLong(Fused::id))
                .limit(limit).toList();
    }

    /** Each shard's own top k by its index, merged by distance. */
    private static List<Hit> shardsOwnAnswer(float[] probe, int k) throws SQLException {
        List<Hit> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i));
                    PreparedStatement s = c.prepareStatement("select id, embedding <-> ? as d from items_t" + i
                            + " order by d limit ?")) {
                s.setObject(1, VectorValues.toParameter(VectorType.VECTOR, probe));
                s.setInt(2, k);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Hit(rs.getLong(1), rs.getDouble(2)));
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(Hit::distance));
        return all.subList(0, k);
    }

    /** Every row of every shard (of a category, or all), distances computed here: the exact answer. */
    private static List<Hit> exactOracle(float[] probe, int k, Integer category) throws SQLException {
        List<Hit> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i)); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, embedding::real[] from items_t" + i
                            + (category == null ? "" : " where category = " + category))) {
                while (rs.next()) {
                    Float[] boxed = (Float[]) rs.getArray(2).getArray();
                    float[] v = new float[boxed.length];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = boxed[d];
                    }
                    all.add(new Hit(rs.getLong(1), Metric.L2.distance(probe, v)));
                }
            }
        }
        all.sort(Comparator.comparingDouble(Hit::distance).thenComparingLong(Hit::id));
        return all.subList(0, k);
    }

    /** EXPLAIN VERBOSE on the coordinator, with the settings the search's fetch applies. */
    private static String explain(DSLContext dsl, NearestNeighbors<Record> knn) {
        return VectorTransactions.withSettings(dsl, knn.effectiveSettings(), tx -> String.join("\n",
                tx.dsl().fetch("explain (verbose, costs off) {0}", knn.asSelect()).getValues(0, String.class)));
    }

    private static List<String> remoteSql(String plan) {
        return plan.lines().map(String::strip).filter(line -> line.startsWith("Remote SQL:")).toList();
    }

    private static String text(String url, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                text.append(rs.getString(1)).append('\n');
            }
        }
        return text.toString();
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
