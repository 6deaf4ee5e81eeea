package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table partitioned by tenant, declared with JPA's {@code @Table(options = "PARTITION BY LIST (tenant)")}: schema
 * export creates the partitioned table and a partitioned HNSW index, every partition (created before or after the
 * index, or attached) gets its own HNSW index, a search with the tenant filter reads one partition's index, and a
 * search without it merges the partitions' index scans into the global top k.
 */
@PgVectorDatabase
class PartitioningTest {

    static final int DIMS = 16;
    static final int TENANTS = 4;
    static final int ROWS = 12_000;

    /** The primary key of a partitioned table must include the partition key. */
    @Embeddable
    public static class TenantDocKey implements Serializable {
        private static final long serialVersionUID = 1L;
        int tenant;
        long id;

        public TenantDocKey() {
        }

        TenantDocKey(int tenant, long id) {
            this.tenant = tenant;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TenantDocKey k && k.tenant == tenant && k.id == id;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, id);
        }
    }

    // tag::partitioning-entity[]
    @Entity(name = "TenantDoc")
    @Table(name = "tenant_docs", options = "PARTITION BY LIST (tenant)")
    public static class TenantDoc {
        @EmbeddedId // (tenant, id): the primary key of a partitioned table must include the partition key
        TenantDocKey key;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 16)
        @VectorIndex(metric = Metric.L2) // a partitioned index: PostgreSQL builds it on every partition
        float[] embedding;
    }
    // end::partitioning-entity[]

    private static SessionFactory sessionFactory;
    private static final List<float[]> VECTORS = new ArrayList<>();

    @BeforeAll
    static void createPartitionsAndLoad(TestDatabase db) throws SQLException {
        sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", TenantDoc.class);
        // partitions are plain DDL, as in a migration: two created after the index, one attached, one more created
        db.execute("create table tenant_docs_1 partition of tenant_docs for values in (1)",
                "create table tenant_docs_2 partition of tenant_docs for values in (2)",
                "create table tenant_docs_3 (tenant integer not null, id bigint not null, embedding vector(16))",
                "alter table tenant_docs attach partition tenant_docs_3 for values in (3)",
                "create table tenant_docs_4 partition of tenant_docs for values in (4)");
        Random random = new Random(7);
        for (int i = 0; i < ROWS; i++) {
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = (float) random.nextGaussian();
            }
            VECTORS.add(v);
        }
        sessionFactory.inTransaction(session -> {
            for (int i = 0; i < ROWS; i++) {
                TenantDoc doc = new TenantDoc();
                doc.key = new TenantDocKey();
                doc.key.tenant = tenantOf(i);
                doc.key.id = i;
                doc.embedding = VECTORS.get(i);
                session.persist(doc);
                if (i % 500 == 499) {
                    session.flush();
                    session.clear();
                }
            }
        });
        db.execute("analyze tenant_docs");
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    static int tenantOf(int id) {
        return 1 + id % TENANTS;
    }

    @Test
    void schemaExportCreatesAPartitionedIndexThatEveryPartitionInherits(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select c.relkind, pg_get_partkeydef(c.oid), pg_get_constraintdef(k.oid)"
                    + " from pg_class c join pg_constraint k on k.conrelid = c.oid and k.contype = 'p'"
                    + " where c.oid = 'tenant_docs'::regclass")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("Hibernate appended @Table(options) to CREATE TABLE").isEqualTo("p");
                assertThat(rs.getString(2)).isEqualTo("LIST (tenant)");
                assertThat(rs.getString(3)).as("the @EmbeddedId key includes the partition key").contains("tenant").contains("id");
            }
            try (ResultSet rs = s.executeQuery("select c.relkind, a.amname from pg_class c join pg_am a on a.oid = c.relam"
                    + " where c.oid = 'tenant_docs_embedding_hnsw_l2_idx'::regclass")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("partitioned index").isEqualTo("I");
                assertThat(rs.getString(2)).isEqualTo("hnsw");
            }
            // each partition (pg_inherits of the table) has an HNSW index attached to the parent's (pg_inherits of the index)
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select t.inhrelid::regclass::text, ix.indexrelid::regclass::text,"
                    + " pg_get_indexdef(ix.indexrelid), pg_relation_size(ix.indexrelid) from pg_inherits t"
                    + " join pg_index ix on ix.indrelid = t.inhrelid"
                    + " join pg_inherits i on i.inhrelid = ix.indexrelid and i.inhparent = 'tenant_docs_embedding_hnsw_l2_idx'::regclass"
                    + " where t.inhparent = 'tenant_docs'::regclass order by 1")) {
                while (rs.next()) {
                    assertThat(rs.getString(3)).contains("USING hnsw (embedding vector_l2_ops)");
                    assertThat(rs.getLong(4)).isPositive();
                    rows.add(rs.getString(1) + " -> " + rs.getString(2) + " (" + rs.getLong(4) / 1024 + " kB)");
                }
            }
            System.out.printf("[measure] partitions with their own HNSW index: %d of %d: %s%n", rows.size(), TENANTS, rows);
            assertThat(rows).hasSize(TENANTS);
            try (ResultSet rs = s.executeQuery("select tenant, count(*) from tenant_docs group by 1 order by 1")) {
                int partitions = 0;
                while (rs.next()) {
                    assertThat(rs.getLong(2)).isEqualTo(ROWS / TENANTS);
                    partitions++;
                }
                assertThat(partitions).isEqualTo(TENANTS);
            }
        }
    }

    @Test
    void theTenantFilterPrunesToOnePartitionsIndex(TestDatabase db) throws SQLException {
        float[] probe = VECTORS.get(5);
        List<Nearest<TenantDoc>> hits;
        HibernateSupport.SQL.clear();
        try (Session session = sessionFactory.openSession()) {
            // tag::partitioning-query[]
            hits = VectorSearch.nearest(session, TenantDoc.class, "embedding", Metric.L2)
                    .to(probe)
                    .where((cb, doc) -> cb.equal(doc.get("key").get("tenant"), 2)) // the partition key: one partition is read
                    .limit(10).list();
            // end::partitioning-query[]
        }
        assertThat(hits).hasSize(10).allSatisfy(hit -> assertThat(hit.entity().key.tenant).isEqualTo(2));
        assertThat(hits.get(0).entity().key.id).as("the probe is a row of tenant 2").isEqualTo(5);
        String sql = HibernateSupport.lastSql("<->");
        try (Connection c = db.connect()) {
            String plan = explain(c, sql, probe, 2, false, SearchSettings.none());
            System.out.printf("[measure] tenant-filtered k-NN plan (custom plan, pruned when planned):%n%s%n", plan);
            assertThat(plan).contains("Index Scan using tenant_docs_2_embedding_idx on tenant_docs_2");
            assertThat(indexScans(plan)).as("exactly one partition's index is scanned").isEqualTo(1);
            assertThat(plan).doesNotContain("tenant_docs_1", "tenant_docs_3", "tenant_docs_4");
            String generic = explain(c, sql, probe, 2, true, SearchSettings.none());
            System.out.printf("[measure] tenant-filtered k-NN plan (generic plan, pruned at executor start):%n%s%n", generic);
            assertThat(generic).contains("Subplans Removed: 3").contains("tenant_docs_2_embedding_idx");
            assertThat(indexScans(generic)).isEqualTo(1);
        }
    }

    @Test
    void withoutTheKeyTheSearchMergesEveryPartitionIntoTheGlobalTopK(TestDatabase db) throws SQLException {
        int k = 10;
        int probes = 20;
        Random random = new Random(11);
        double recallSum = 0;
        int exactEqualToOracle = 0;
        String plan = null;
        // the settings decide the plan: at ef_search = 100 the planner already prefers scanning 12,000 rows exactly
        SearchSettings approximateSettings = SearchSettings.builder().hnswEfSearch(40).build();
        for (int p = 0; p < probes; p++) {
            float[] probe = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                probe[d] = (float) random.nextGaussian();
            }
            List<Long> oracle = oracle(probe, k);
            List<Long> exact;
            List<Long> approximate;
            HibernateSupport.SQL.clear();
            try (Session session = sessionFactory.openSession()) {
                exact = ids(VectorSearch.nearest(session, TenantDoc.class, "embedding", Metric.L2).to(probe)
                        .settings(SearchSettings.builder().exact(true).build()).limit(k).list());
                approximate = ids(VectorSearch.nearest(session, TenantDoc.class, "embedding", Metric.L2).to(probe)
                        .settings(approximateSettings).limit(k).list());
            }
            assertThat(exact).as("exact mode across partitions equals the Java oracle").isEqualTo(oracle);
            exactEqualToOracle++;
            Set<Long> found = new HashSet<>(approximate);
            found.retainAll(oracle);
            recallSum += found.size() / (double) k;
            if (plan == null) {
                try (Connection c = db.connect()) {
                    plan = explain(c, HibernateSupport.lastSql("<->"), probe, null, false, approximateSettings);
                }
            }
        }
        double recall = recallSum / probes;
        System.out.printf("[measure] k-NN without the partition key over %d partitions, %d probes, k=%d:"
                + " exact mode equal to the Java oracle %d/%d, HNSW (ef_search=40) mean recall@%d %.3f%n",
                TENANTS, probes, k, exactEqualToOracle, probes, k, recall);
        System.out.printf("[measure] plan without the partition key:%n%s%n", plan);
        assertThat(plan).contains("Merge Append");
        for (int t = 1; t <= TENANTS; t++) {
            assertThat(plan).contains("Index Scan using tenant_docs_" + t + "_embedding_idx on tenant_docs_" + t);
        }
        assertThat(indexScans(plan)).isEqualTo(TENANTS);
        assertThat(recall).as("approximate, so a bound, not equality").isGreaterThanOrEqualTo(0.9);
        ReadmeSnippets.assertPageShows("docs/operations.md", PartitioningTest.class, "partitioning-entity");
        ReadmeSnippets.assertPageShows("docs/operations.md", PartitioningTest.class, "partitioning-query");
    }

    /** The state a migration left: a partitioned table with partitions, and no vector index yet. */
    @Entity(name = "TenantNote")
    @Table(name = "tenant_notes", options = "PARTITION BY HASH (id)")
    @IdClass(TenantDocKey.class) // as the composite key's other form: schema export does not depend on it
    public static class TenantNote {
        @Id
        int tenant;

        @Id
        long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.COSINE)
        float[] embedding;
    }

    @Test
    void updateAddsTheIndexToPartitionsThatAlreadyExist(TestDatabase db) throws SQLException {
        db.execute("create table tenant_notes (tenant integer not null, id bigint not null, embedding vector(3),"
                        + " primary key (tenant, id)) partition by hash (id)",
                "create table tenant_notes_0 partition of tenant_notes for values with (modulus 2, remainder 0)",
                "create table tenant_notes_1 partition of tenant_notes for values with (modulus 2, remainder 1)",
                "insert into tenant_notes select 1, g, array[random(), random(), random()]::vector from generate_series(1, 50) g");
        HibernateSupport.sessionFactory(db, "update", TenantNote.class).close();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select ix.indrelid::regclass::text, pg_get_indexdef(ix.indexrelid) from pg_index ix"
                        + " join pg_inherits i on i.inhrelid = ix.indexrelid"
                        + " where i.inhparent = 'tenant_notes_embedding_hnsw_cosine_idx'::regclass order by 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("tenant_notes_0");
            assertThat(rs.getString(2)).contains("USING hnsw (embedding vector_cosine_ops)");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("tenant_notes_1");
            assertThat(rs.next()).isFalse();
        }
        try (SessionFactory validated = HibernateSupport.sessionFactory(db, "validate", TenantNote.class);
                Session session = validated.openSession()) {
            // an @IdClass entity: the probe entity is excluded by comparing entities, i.e. both id parts
            TenantNote probe = session.find(TenantNote.class, new TenantDocKey(1, 7));
            List<Long> neighbors = session.fromTransaction(tx -> VectorSearch.nearest(session, TenantNote.class, "embedding",
                    Metric.COSINE).toNeighborsOf(probe).limit(5).list()).stream().map(n -> n.entity().id).toList();
            List<Long> raw = new ArrayList<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id from tenant_notes where (tenant, id) <> (1, 7) order by embedding <=>"
                            + " (select embedding from tenant_notes where tenant = 1 and id = 7), id limit 5")) {
                while (rs.next()) {
                    raw.add(rs.getLong(1));
                }
            }
            assertThat(neighbors).doesNotContain(7L).containsExactlyElementsOf(raw);
        }
        db.execute("drop table tenant_notes");
    }

    @Entity(name = "ConcurrentOnPartitions")
    @Table(name = "concurrent_on_partitions", options = "partition by list (tenant)")
    @IdClass(TenantDocKey.class)
    public static class ConcurrentOnPartitions {
        @Id
        int tenant;

        @Id
        long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.L2, concurrently = true)
        float[] embedding;
    }

    @Test
    void concurrentlyOnAPartitionedTableFailsTheBootstrapBeforeAnySql(TestDatabase db) throws SQLException {
        HibernateSupport.SQL.clear();
        assertThatThrownBy(() -> HibernateSupport.sessionFactory(db, "create", ConcurrentOnPartitions.class))
                .hasStackTraceContaining("ConcurrentOnPartitions.embedding: invalid @VectorIndex: concurrently = true,"
                        + " but table concurrent_on_partitions is partitioned (@Table(options = \"partition by list (tenant)\"))"
                        + " and PostgreSQL cannot CREATE INDEX CONCURRENTLY on a partitioned table")
                .hasStackTraceContaining("or build it without blocking writes with vector-core's IndexBuilder");
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select to_regclass('concurrent_on_partitions') is null")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("no table was created").isTrue();
        }
    }

    private static List<Long> oracle(float[] probe, int k) {
        return IntStream.range(0, ROWS).boxed()
                .sorted(Comparator.comparingDouble(i -> l2(VECTORS.get(i), probe)))
                .limit(k).map(Long::valueOf).toList();
    }

    private static double l2(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    private static List<Long> ids(List<Nearest<TenantDoc>> hits) {
        return hits.stream().map(h -> h.entity().key.id).toList();
    }

    private static int indexScans(String plan) {
        return (int) plan.lines().filter(l -> l.contains("Index Scan using tenant_docs_")).count();
    }

    /**
     * EXPLAIN of the very statement Hibernate ran, with the same values bound in the same order: the probe, the
     * tenant when filtered, then the limit, under the search's settings. Bound to the EXPLAIN, the values are known when the statement is planned
     * (as for a custom plan); {@code generic} instead PREPAREs the statement and explains the generic plan that
     * PostgreSQL may switch to for a server-prepared statement, where pruning happens when the executor starts.
     */
    private static String explain(Connection c, String sql, float[] probe, Integer tenant, boolean generic,
            SearchSettings settings) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            settings.applyLocal(c); // the settings the search ran with, which the planner's costs depend on
            String explained = "explain (costs off) " + sql;
            // a filtered search binds its limit; an unfiltered one writes it into the SQL
            boolean boundLimit = sql.contains("fetch first ? rows");
            if (generic) {
                StringBuilder numbered = new StringBuilder();
                int n = 0;
                for (char ch : sql.toCharArray()) {
                    numbered.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
                }
                s.execute("set local plan_cache_mode = force_generic_plan");
                s.execute("prepare knn(vector" + (tenant != null ? ", integer" : "") + (boundLimit ? ", integer" : "") + ") as "
                        + numbered);
                // EXPLAIN EXECUTE cannot take bind parameters: the test's own values are written as literals
                explained = "explain (costs off) execute knn('" + new com.pgvector.PGvector(probe).getValue() + "'"
                        + (tenant != null ? ", " + tenant : "") + (boundLimit ? ", 10" : "") + ")";
            }
            try (PreparedStatement ps = c.prepareStatement(explained)) {
                if (!generic) {
                    int parameter = 1;
                    ps.setObject(parameter++, new com.pgvector.PGvector(probe));
                    if (tenant != null) {
                        ps.setInt(parameter++, tenant);
                    }
                    if (boundLimit) {
                        ps.setInt(parameter, 10);
                    }
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            if (generic) {
                try (Statement s = c.createStatement()) {
                    s.execute("deallocate knn");
                }
            }
        }
    }
}
