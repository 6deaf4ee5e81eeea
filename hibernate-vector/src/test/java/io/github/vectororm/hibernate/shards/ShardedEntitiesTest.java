package io.github.vectororm.hibernate.shards;

import static io.github.vectororm.test.ShardClusters.dataSource;
import static io.github.vectororm.test.ShardClusters.execute;
import static io.github.vectororm.test.ShardClusters.queryLong;
import static io.github.vectororm.test.ShardClusters.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.PartitionedSearch;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorIndex;
import io.github.vectororm.hibernate.VectorIndexDeclarations;
import io.github.vectororm.hibernate.VectorQueries;
import io.github.vectororm.test.ShardClusters;
import io.github.vectororm.test.TestVectors;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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
import org.assertj.core.data.Offset;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An entity mapped to a table list-partitioned by tenant over two postgres_fdw shards ({@code scripts/shards.sh}):
 * its declared indexes built on each shard by {@link VectorIndexDeclarations#buildOnShards}, its per-partition k-NN,
 * hybrid and two-stage searches through {@link VectorQueries} on the table's {@link Partitions}, each compared with
 * an oracle read on the shards themselves; settings that would not reach the shards refused; a shard down named;
 * entities persisted through Hibernate landing on their shards. Hibernate runs with {@code hbm2ddl none}: the tables
 * are the test's SQL.
 */
@Tag("clusters")
class ShardedEntitiesTest {

    private static final int DIMS = 16;
    private static final int ROWS_PER_SHARD = 5000; // enough that a shard plans its HNSW index, not a sort
    private static final int SHORTLIST = 50;
    /**
     * The hybrid search's text: a tsvector generated on each shard (postgres_fdw sends no value for a generated column;
     * the coordinator's declaration only lets it be read). Its configuration is 'simple': postgres_fdw ships a regconfig
     * constant only for a built-in object, and 'english' is created by initdb after bootstrap. (TextSource.document's
     * to_tsvector(config, coalesce(column, '')) is not shipped either: PostgreSQL 15's postgres_fdw ships no COALESCE.)
     */
    private static final String TSV = "body_tsv tsvector generated always as (to_tsvector('simple', body)) stored";
    private static ShardClusters clusters;
    private static SessionFactory sessionFactory;
    private static List<IndexBuilder.ShardIndex> built;

    @Entity(name = "ShardDoc")
    @Table(name = "shard_docs")
    public static class ShardDoc {
        @Id
        Long id;

        int tenant;

        int category;

        String body;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        @VectorIndex(metric = Metric.L2)
        @VectorIndex(metric = Metric.L2, expression = VectorIndex.Expression.HALFVEC)
        float[] embedding;

        public ShardDoc() {
        }

        ShardDoc(long id, int tenant, int category, String body, float[] embedding) {
            this.id = id;
            this.tenant = tenant;
            this.category = category;
            this.body = body;
            this.embedding = embedding;
        }
    }

    @BeforeAll
    static void start() throws SQLException {
        clusters = ShardClusters.start(); // clean clusters, whatever an earlier run left
        clusters.createTenantTable("shard_docs", "category int not null, body text not null, embedding vector(" + DIMS
                + "), " + TSV);
        Random random = new Random(21);
        try (Connection c = DriverManager.getConnection(clusters.coordinator());
                VectorCopyWriter writer = VectorCopyWriter.into(c, "shard_docs").column("id", CopyType.BIGINT)
                        .column("tenant", CopyType.INTEGER).column("category", CopyType.INTEGER)
                        .column("body", CopyType.TEXT).column("embedding", CopyType.VECTOR).open()) {
            for (long id = 1; id <= 2L * ROWS_PER_SHARD; id++) {
                writer.addRow(id, (int) (id % 2) + 1, (int) (id % 10), "document " + id
                        + (id % 7 == 0 ? " about whales" : " about trees"), TestVectors.gaussian(random, DIMS));
            }
            writer.finish();
        }
        Configuration configuration = new Configuration().addAnnotatedClass(ShardDoc.class);
        configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, clusters.coordinator());
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        sessionFactory = configuration.buildSessionFactory();
        List<IndexBuilder.Progress> progress = new ArrayList<>();
        built = VectorIndexDeclarations.buildOnShards(sessionFactory, ShardDoc.class,
                IndexBuilder.using(dataSource(clusters.coordinator())).maintenanceWorkMem("64MB"),
                clusters.shardDataSources(), progress::add);
        assertThat(progress).filteredOn(IndexBuilder.Progress::done).hasSize(2); // one per declaration
        for (int i = 1; i <= 2; i++) {
            execute(clusters.shard(i), "analyze shard_docs_t" + i);
        }
        execute(clusters.coordinator(), "analyze shard_docs");
    }

    @AfterAll
    static void stop() {
        if (sessionFactory != null) {
            sessionFactory.close();
        }
        ShardClusters.stop();
    }

    @Test
    void theEntitysDeclaredIndexesAreBuiltOnEveryShard() throws SQLException {
        List<IndexDefinition> declared = VectorIndexDeclarations.of(sessionFactory, ShardDoc.class);
        assertThat(declared).extracting(IndexDefinition::table).containsOnly("shard_docs");
        assertThat(declared).hasSize(2);
        assertThat(built).extracting(IndexBuilder.ShardIndex::partition, IndexBuilder.ShardIndex::server).containsExactly(
                tuple("public.shard_docs_t1", "shard1"), tuple("public.shard_docs_t2", "shard2"),
                tuple("public.shard_docs_t1", "shard1"), tuple("public.shard_docs_t2", "shard2"));
        for (int j = 0; j < built.size(); j++) {
            int shard = j % 2;
            String indexdef = queryString(clusters.shard(shard + 1), "select indexdef from pg_indexes where indexname = '"
                    + built.get(j).result().name() + "' and tablename = 'shard_docs_t" + (shard + 1) + "'");
            assertThat(indexdef).as(built.get(j).result().name()).contains("USING hnsw")
                    .contains(j < 2 ? "(embedding vector_l2_ops)" : "halfvec(" + DIMS + ")) halfvec_l2_ops)");
        }
        // none on the coordinator, where PostgreSQL would refuse it
        assertThat(queryLong(clusters.coordinator(), "select count(*) from pg_indexes where tablename like 'shard_docs%'"))
                .isZero();
        // a rerun finds them (IF NOT EXISTS) and reports them again
        assertThat(VectorIndexDeclarations.buildOnShards(sessionFactory, ShardDoc.class,
                IndexBuilder.using(dataSource(clusters.coordinator())), clusters.shardDataSources(), p -> { }))
                .extracting(b -> b.result().name()).isEqualTo(built.stream().map(b -> b.result().name()).toList());
        assertThatThrownBy(() -> VectorIndexDeclarations.buildOnShards(sessionFactory, ShardDoc.class,
                IndexBuilder.using(dataSource(clusters.coordinator())), Map.of("shard1", dataSource(clusters.shard(1))),
                p -> { }))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("shard2");
    }

    @Test
    void annModeSendsEachShardItsLimitAndReturnsTheShardsOwnAnswer() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(31), DIMS);
        try (var session = sessionFactory.openSession()) {
            PartitionedSearch search = VectorQueries.partitionedSearch(session, ShardDoc.class, "embedding", Metric.L2);
            assertThat(search.partitions().servers()).containsExactly("shard1", "shard2");
            List<Nearest<ShardDoc>> hits = VectorQueries.partitioned(session, ShardDoc.class, search, probe, 10, null,
                    SearchSettings.none());
            assertThat(hits).extracting(h -> h.entity().id + "=" + h.distance()).isEqualTo(shardsOwn(probe, 10));
            try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
                String plan = explainVerbose(c, search.query(probe, 10, null));
                List<String> remote = remoteSql(plan);
                assertThat(remote).hasSize(2).allMatch(sql -> sql.contains("ORDER BY") && sql.contains("LIMIT"));
                assertThat(remote).anyMatch(sql -> sql.contains("shard_docs_t1"))
                        .anyMatch(sql -> sql.contains("shard_docs_t2"));
                for (String sql : remote) {
                    int shard = sql.contains("shard_docs_t1") ? 1 : 2;
                    assertThat(shardPlan(shard, sql)).as("shard" + shard + "'s plan of " + sql)
                            .contains("Index Scan using shard_docs_t" + shard + "_embedding_hnsw_l2_idx");
                }
            }
        }
    }

    @Test
    void exactModeThroughTheServersOptionsEqualsTheOracle() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(32), DIMS);
        SearchSettings exact = SearchSettings.builder().exact(true).build();
        try (var session = sessionFactory.openSession()) {
            PartitionedSearch before = VectorQueries.partitionedSearch(session, ShardDoc.class, "embedding", Metric.L2);
            assertThatThrownBy(() -> VectorQueries.partitioned(session, ShardDoc.class, before, probe, 10, null, exact))
                    .isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("enable_indexscan = off would not reach the shards shard1, shard2");
            withServerOptions("-c enable_indexscan=off", () -> {
                PartitionedSearch search = VectorQueries.partitionedSearch(session, ShardDoc.class, "embedding",
                        Metric.L2);
                List<Nearest<ShardDoc>> hits = VectorQueries.partitioned(session, ShardDoc.class, search, probe, 10,
                        Filter.of("category = ?", 3), exact);
                List<Object[]> oracle = exactOracle(probe, 10, 3);
                assertThat(hits).extracting(h -> h.entity().id).isEqualTo(oracle.stream().map(row -> row[0]).toList());
                for (int i = 0; i < hits.size(); i++) { // pgvector sums in single precision, the oracle in double
                    assertThat(hits.get(i).entity().category).isEqualTo(3);
                    assertThat(hits.get(i).distance()).isCloseTo((Double) oracle.get(i)[1], Offset.offset(1e-5));
                }
            });
        }
    }

    @Test
    void settingsThatDoNotReachTheShardsAreRefusedNamingThem() {
        float[] probe = TestVectors.gaussian(new Random(33), DIMS);
        try (var session = sessionFactory.openSession()) {
            PartitionedSearch search = VectorQueries.partitionedSearch(session, ShardDoc.class, "embedding", Metric.L2);
            assertThatThrownBy(() -> VectorQueries.partitioned(session, ShardDoc.class, search, probe, 10,
                    Filter.of("category = ?", 3), SearchSettings.builder()
                            .hnswIterativeScan(IterativeScan.RELAXED_ORDER).build()))
                    .isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("hnsw.iterative_scan = relaxed_order would not reach the shards shard1, shard2")
                    .hasMessageContaining("ALTER SERVER shard1 OPTIONS (ADD options '-c hnsw.iterative_scan=relaxed_order')");
        }
    }

    @Test
    void hybridOnThePartitionsEqualsTheTablesOwnFusion() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(34), DIMS);
        // both sides exact on the shards, so the per-partition form and the parent's own plan rank the same rows
        withServerOptions("-c enable_indexscan=off", () -> {
            try (var session = sessionFactory.openSession()) {
                Partitions partitions = VectorQueries.partitions(session, ShardDoc.class);
                assertThat(partitions.list()).extracting(Partitions.Partition::sql).containsExactly("public.shard_docs_t1", "public.shard_docs_t2");
                HybridSearch perPartition = HybridSearch.on(partitions, "id").vector("embedding", VectorType.VECTOR,
                        Metric.L2).text(TextSource.tsvectorColumn("simple", "body_tsv")).build();
                HybridSearch onParent = HybridSearch.on("shard_docs", "id").vector("embedding", VectorType.VECTOR,
                        Metric.L2).text(TextSource.tsvectorColumn("simple", "body_tsv")).build();
                Filter filter = Filter.of("category <> ?", 5);
                List<VectorQueries.HybridHit<ShardDoc>> hits = VectorQueries.hybrid(session, ShardDoc.class,
                        perPartition, probe, "whales", 20, filter);
                List<VectorQueries.HybridHit<ShardDoc>> oracle = VectorQueries.hybrid(session, ShardDoc.class,
                        onParent, probe, "whales", 20, filter);
                assertThat(hits).hasSize(20).extracting(h -> h.entity().id, VectorQueries.HybridHit::vectorRank,
                                VectorQueries.HybridHit::textRank, VectorQueries.HybridHit::fusedScore)
                        .isEqualTo(oracle.stream().map(h -> tuple(h.entity().id, h.vectorRank(), h.textRank(),
                                h.fusedScore())).toList());
                assertThat(hits).anyMatch(h -> h.textRank() != null)
                        .allSatisfy(h -> assertThat(h.entity().category).isNotEqualTo(5))
                        .filteredOn(h -> h.textRank() != null).allSatisfy(h -> assertThat(h.entity().body).contains("whales"));
                try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
                    // each side's branch ships whole: the shard ranks its own candidates, by index (vector) or not
                    assertThat(remoteSql(explainVerbose(c, perPartition.query(probe, "whales", 20, filter))))
                            .hasSize(4).allMatch(sql -> sql.contains("ORDER BY") && sql.contains("LIMIT"))
                            .filteredOn(sql -> sql.contains("body_tsv")).hasSize(2)
                            .allMatch(sql -> sql.contains("@@") && sql.contains("ts_rank_cd"));
                }
            }
        });
    }

    @Test
    void twoStageOnThePartitionsRerankTheShardsOwnShortlists() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(35), DIMS);
        try (var session = sessionFactory.openSession()) {
            TwoStageSearch refused = twoStage(VectorQueries.partitions(session, ShardDoc.class));
            assertThatThrownBy(() -> VectorQueries.twoStage(session, ShardDoc.class, refused, probe, 10, null))
                    .isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("hnsw.ef_search >= " + SHORTLIST)
                    .hasMessageContaining("would not reach the shards shard1, shard2");
            withServerOptions("-c hnsw.ef_search=" + SHORTLIST, () -> {
                TwoStageSearch search = twoStage(VectorQueries.partitions(session, ShardDoc.class));
                List<Nearest<ShardDoc>> hits = VectorQueries.twoStage(session, ShardDoc.class, search, probe, 10, null);
                assertThat(hits).extracting(h -> h.entity().id + "=" + h.distance())
                        .isEqualTo(shardsOwnShortlistsReranked(probe, 10));
                try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
                    List<String> remote = remoteSql(explainVerbose(c, search.query(probe, 10, null)));
                    assertThat(remote).hasSize(2).allMatch(sql -> sql.contains("LIMIT"));
                    for (String sql : remote) {
                        int shard = sql.contains("shard_docs_t1") ? 1 : 2;
                        assertThat(shardPlan(shard, sql)).as("shard" + shard).contains("Index Scan using")
                                .contains("halfvec");
                    }
                }
            });
        }
    }

    @Test
    void entitiesPersistedThroughTheParentLandOnTheirShards() throws SQLException {
        float[] first = TestVectors.gaussian(new Random(36), DIMS);
        float[] second = TestVectors.gaussian(new Random(37), DIMS);
        try (var session = sessionFactory.openSession()) {
            session.getTransaction().begin();
            session.persist(new ShardDoc(900_001, 1, 4, "persisted on shard one", first));
            session.persist(new ShardDoc(900_002, 2, 4, "persisted on shard two", second));
            session.getTransaction().commit();
        }
        assertThat(queryLong(clusters.shard(1), "select count(*) from shard_docs_t1 where id = 900001")).isEqualTo(1);
        assertThat(queryLong(clusters.shard(2), "select count(*) from shard_docs_t2 where id = 900002")).isEqualTo(1);
        assertThat(queryLong(clusters.shard(1), "select count(*) from shard_docs_t1 where id = 900002")).isZero();
        try (var session = sessionFactory.openSession()) {
            PartitionedSearch search = VectorQueries.partitionedSearch(session, ShardDoc.class, "embedding", Metric.L2);
            List<Nearest<ShardDoc>> hits = VectorQueries.partitioned(session, ShardDoc.class, search, second, 3, null,
                    SearchSettings.none());
            assertThat(hits.get(0).entity().id).isEqualTo(900_002L);
            assertThat(hits.get(0).entity().body).isEqualTo("persisted on shard two");
            assertThat(hits.get(0).distance()).isZero();
            assertThat(session.find(ShardDoc.class, 900_001L).tenant).isEqualTo(1);
        }
    }

    @Test
    void aShardThatIsDownFailsTheSearchNamingIt() {
        float[] probe = TestVectors.gaussian(new Random(38), DIMS);
        clusters.stopShard(2);
        try (var session = sessionFactory.openSession()) {
            PartitionedSearch search = VectorQueries.partitionedSearch(session, ShardDoc.class, "embedding", Metric.L2);
            assertThatThrownBy(() -> VectorQueries.partitioned(session, ShardDoc.class, search, probe, 10, null,
                    SearchSettings.none())).satisfies(e -> assertThat(rootCause(e).getMessage()).contains("shard2"));
        } finally {
            clusters.startShard(2);
        }
        try (var session = sessionFactory.openSession()) {
            PartitionedSearch search = VectorQueries.partitionedSearch(session, ShardDoc.class, "embedding", Metric.L2);
            assertThat(VectorQueries.partitioned(session, ShardDoc.class, search, probe, 10, null, SearchSettings.none()))
                    .hasSize(10);
        }
    }

    private static TwoStageSearch twoStage(Partitions partitions) {
        return TwoStageSearch.on(partitions, "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.halfvec("embedding", DIMS), Metric.L2, SHORTLIST).rerank(Metric.L2).build();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs the work with both shards' sessions starting with the options, then drops them. */
    private static void withServerOptions(String options, Work work) throws SQLException {
        execute(clusters.coordinator(), "alter server shard1 options (add options '" + options + "')",
                "alter server shard2 options (add options '" + options + "')");
        try {
            work.run();
        } finally {
            execute(clusters.coordinator(), "alter server shard1 options (drop options)",
                    "alter server shard2 options (drop options)");
        }
    }

    /** Each shard's own top k by its index, merged by distance, as {@code id=distance}. */
    private static List<String> shardsOwn(float[] probe, int k) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i));
                    PreparedStatement s = c.prepareStatement("select id, embedding <-> ? as d from shard_docs_t" + i
                            + " order by d limit ?")) {
                s.setObject(1, VectorValues.toParameter(VectorType.VECTOR, probe));
                s.setInt(2, k);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Object[] {rs.getLong(1), rs.getDouble(2)});
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(row -> (Double) row[1]));
        return all.subList(0, k).stream().map(row -> row[0] + "=" + row[1]).toList();
    }

    /**
     * Each shard's shortlist by its halfvec index at {@code hnsw.ef_search} = the shortlist, the nearest of them by the
     * halfvec distance, re-ranked by the exact distance, as {@code id=distance}.
     */
    private static List<String> shardsOwnShortlistsReranked(float[] probe, int k) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i))) {
                try (Statement s = c.createStatement()) {
                    s.execute("set hnsw.ef_search = " + SHORTLIST);
                }
                try (PreparedStatement s = c.prepareStatement("select id, embedding <-> ? as d, embedding::halfvec("
                        + DIMS + ") <-> ?::vector(" + DIMS + ")::halfvec(" + DIMS + ") as sd from shard_docs_t" + i
                        + " order by sd limit ?")) {
                    Object parameter = VectorValues.toParameter(VectorType.VECTOR, probe);
                    s.setObject(1, parameter);
                    s.setObject(2, parameter);
                    s.setInt(3, SHORTLIST);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            all.add(new Object[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3)});
                        }
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(row -> (Double) row[2]));
        List<Object[]> shortlist = new ArrayList<>(all.subList(0, SHORTLIST));
        shortlist.sort(Comparator.comparingDouble(row -> (Double) row[1]));
        return shortlist.subList(0, k).stream().map(row -> row[0] + "=" + row[1]).toList();
    }

    /** Every row of the category on every shard, distances computed here: the exact answer, as {id, distance}. */
    private static List<Object[]> exactOracle(float[] probe, int k, int category) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i)); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, embedding::real[] from shard_docs_t" + i
                            + " where category = " + category)) {
                while (rs.next()) {
                    Float[] boxed = (Float[]) rs.getArray(2).getArray();
                    float[] v = new float[boxed.length];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = boxed[d];
                    }
                    all.add(new Object[] {rs.getLong(1), Metric.L2.distance(probe, v)});
                }
            }
        }
        all.sort(Comparator.comparingDouble(row -> (Double) row[1]));
        return all.subList(0, k);
    }

    /** The shard's plan of a remote SQL: postgres_fdw runs it as a cursor, so EXPLAIN the same DECLARE. */
    private static String shardPlan(int shard, String remoteSql) throws SQLException {
        try (Connection c = DriverManager.getConnection(clusters.shard(shard))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN (COSTS OFF) DECLARE c1 CURSOR FOR " + remoteSql)) {
                return text(rs);
            } finally {
                c.rollback();
            }
        }
    }

    private static String explainVerbose(Connection c, SqlQuery query) throws SQLException {
        return SettingsPipeline.execute(c, SearchSettings.builder().partitionPruning().build(),
                new SqlQuery("EXPLAIN (VERBOSE, COSTS OFF) " + query.sql(), query.parameters()), ShardedEntitiesTest::text);
    }

    private static List<String> remoteSql(String plan) {
        return plan.lines().map(String::strip).filter(line -> line.startsWith("Remote SQL:"))
                .map(line -> line.substring("Remote SQL:".length()).strip()).toList();
    }

    private static String text(ResultSet rs) throws SQLException {
        StringBuilder text = new StringBuilder();
        while (rs.next()) {
            text.append(rs.getString(1)).append('\n');
        }
        return text.toString();
    }
}
