package io.github.vectororm.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.BatchSearch;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.Hit;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.PartitionedSearch;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.core.search.RecallAdvisor;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TenantRole;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Tenant isolation by row-level security: a policy on the tenant column, the searches run as a role that does not
 * own the table (SET ROLE), the tenant chosen by a session setting. Every search path returns that tenant's rows
 * only, fills k with an iterative scan, keeps the index, and needs no privilege beyond SELECT.
 */
@PgVectorDatabase
class TenantIsolationTest {

    private static final int DIMS = 16;
    private static final int TENANTS = 3;
    private static TenantRole tenants;
    private static String role;
    private static List<float[]> probes;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        tenants = TenantRole.create(db, "vo_tenant"); // usage on the schema; named after it
        role = tenants.name();
        db.execute("create table docs_rls (id bigint primary key, tenant int not null, category int not null, body text not null,"
                        + " embedding vector(" + DIMS + "))",
                "insert into docs_rls select g, g % " + TENANTS + ", g % 10, 'document ' || g || case when g % 7 = 0"
                        + " then ' about whales' else ' about trees' end, (select array_agg(random()) from"
                        + " generate_series(1, " + DIMS + ") where g > 0)::vector from generate_series(1, 9000) g",
                "create index docs_rls_hnsw on docs_rls using hnsw (embedding vector_l2_ops)",
                IndexDefinition.hnsw("docs_rls", IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING)
                        .build().createSql(),
                "analyze docs_rls",
                "alter table docs_rls enable row level security",
                "create policy tenant_only on docs_rls using (tenant = current_setting('app.tenant')::int)");
        tenants.grantSelect("docs_rls");
        Random random = new Random(9);
        probes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = random.nextFloat();
            }
            probes.add(v);
        }
    }

    @AfterAll
    static void dropRole(TestDatabase db) throws SQLException {
        tenants.close();
    }

    @Test
    void batchSearchSeesOneTenantFillsKAndKeepsTheIndex(TestDatabase db) throws SQLException {
        BatchSearch search = BatchSearch.on("docs_rls", "id", "embedding", VectorType.VECTOR, DIMS, Metric.L2);
        SearchSettings iterative = SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
        try (Connection c = tenants.connect(2)) {
            List<List<Hit>> hits = search.search(c, probes, 10, Filter.of("category = ?", 4), iterative);
            for (List<Hit> probeHits : hits) {
                assertThat(probeHits).hasSize(10).allSatisfy(hit -> assertThat(tenantOf(hit)).isEqualTo(2));
            }
            SqlQuery query = search.query(probes, 10, Filter.of("category = ?", 4));
            String plan = SettingsPipeline.execute(c, iterative, new SqlQuery("EXPLAIN (COSTS OFF) " + query.sql(),
                    query.parameters()), TenantIsolationTest::text);
            assertThat(plan).contains("Index Scan using docs_rls_hnsw");
        }
    }

    @Test
    void twoStageHybridAndTheRecallAdvisorSeeOneTenant(TestDatabase db) throws SQLException {
        try (Connection c = tenants.connect(1)) {
            TwoStageSearch twoStage = TwoStageSearch.on("docs_rls", "id", "embedding", VectorType.VECTOR, DIMS)
                    .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING, 100)
                    .rerank(Metric.L2).build();
            SearchSettings iterative = SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
            assertThat(twoStage.search(c, probes.get(0), 10, null, iterative))
                    .hasSize(10).allSatisfy(hit -> assertThat(tenantOf(hit)).isEqualTo(1));
            SqlQuery shortlist = twoStage.query(probes.get(0), 10, null);
            assertThat(SettingsPipeline.execute(c, twoStage.settings(iterative), new SqlQuery("EXPLAIN (COSTS OFF) "
                    + shortlist.sql(), shortlist.parameters()), TenantIsolationTest::text))
                    .as("the policy is one more condition on the quantized index's scan")
                    .contains("Index Scan using docs_rls_embedding_bq_hnsw_hamming_idx");

            HybridSearch hybrid = HybridSearch.on("docs_rls", "id").vector("embedding", VectorType.VECTOR, Metric.L2)
                    .text(TextSource.document("english", "body")).build();
            SqlQuery query = hybrid.query(probes.get(1), "whales", 10, null);
            Set<Long> ids = new TreeSet<>();
            try (PreparedStatement s = query.prepare(c); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(id % TENANTS).isEqualTo(1));
            assertThat(SettingsPipeline.execute(c, SearchSettings.none(), new SqlQuery("EXPLAIN (COSTS OFF) "
                    + query.sql(), query.parameters()), TenantIsolationTest::text)).contains("Index Scan using docs_rls_hnsw");

            // its sample and its exact answers are the tenant's rows: recall is measured within them
            RecallAdvisor.RecallReport report = RecallAdvisor.on("docs_rls", "id",
                    IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING)
                    .k(5).efSearch(40).targetRecall(0.5).sampleFromTable(5).measure(c);
            assertThat(report.queries()).isEqualTo(5);
        }
    }

    @Test
    void whatTheRoleMayNotDoIsRefusedNamingIt(TestDatabase db) throws SQLException {
        try (Connection c = tenants.connect(0); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(IndexDefinition.hnsw("docs_rls",
                    IndexedExpression.column("embedding", VectorType.VECTOR, DIMS), Metric.COSINE).build().createSql()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must be owner of table docs_rls");
            try (ResultSet rs = s.executeQuery("select count(*) from docs_rls")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the policy, not a privilege, limits what it reads").isEqualTo(9000 / TENANTS);
            }
        }
        // the builder asks the catalog first and names the owner and the role, before any DDL
        PGSimpleDataSource asRole = new PGSimpleDataSource();
        asRole.setURL(db.jdbcUrl("options", "-c%20role=" + role));
        IndexDefinition cosine = IndexDefinition.hnsw("docs_rls",
                IndexedExpression.column("embedding", VectorType.VECTOR, DIMS), Metric.COSINE).build();
        assertThatThrownBy(() -> IndexBuilder.using(asRole).build(cosine, p -> { }))
                .isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("CREATE INDEX needs the privileges of the table's owner")
                .hasMessageContaining("which role " + role + " does not have");
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from pg_indexes where tablename = 'docs_rls' and indexdef like '%vector_cosine_ops%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void thePerPartitionFormIsRefusedWhereThePartitionsLackTheParentsPolicy(TestDatabase db) throws SQLException {
        db.execute("create table docs_prls (id bigint not null, tenant int not null, embedding vector(" + DIMS + "),"
                        + " primary key (tenant, id)) partition by hash (id)",
                "create table docs_prls_0 partition of docs_prls for values with (modulus 2, remainder 0)",
                "create table docs_prls_1 partition of docs_prls for values with (modulus 2, remainder 1)",
                "insert into docs_prls select id, tenant, embedding from docs_rls",
                "create index on docs_prls using hnsw (embedding vector_l2_ops)", "analyze docs_prls",
                "alter table docs_prls enable row level security",
                "create policy tenant_only on docs_prls using (tenant = current_setting('app.tenant')::int)");
        tenants.grantSelect("docs_prls");
        try (Connection c = tenants.connect(2)) {
            // the branches name the partitions, where the parent's policy does not apply
            assertThatThrownBy(() -> Partitions.of(c, "docs_prls")).isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("docs_prls has row-level security, but its partitions "
                            + db.schema() + ".docs_prls_0, " + db.schema() + ".docs_prls_1 do not");
        }
        try (Connection c = db.connect()) {
            // the owner is not subject to the policy, but a search made from its read may run as a tenant's role
            assertThatThrownBy(() -> Partitions.of(c, "docs_prls")).isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("docs_prls has row-level security, but its partitions");
        }
        for (int r = 0; r < 2; r++) {
            db.execute("alter table docs_prls_" + r + " enable row level security",
                    "create policy tenant_only on docs_prls_" + r + " using (tenant = current_setting('app.tenant')::int)");
            tenants.grantSelect("docs_prls_" + r);
        }
        try (Connection c = tenants.connect(2)) {
            PartitionedSearch search = PartitionedSearch.on(Partitions.of(c, "docs_prls"), "id", "embedding",
                    VectorType.VECTOR, DIMS, Metric.L2);
            assertThat(search.search(c, probes.get(2), 10, null, SearchSettings.none()))
                    .hasSize(10).allSatisfy(hit -> assertThat(tenantOf(hit)).isEqualTo(2));
        }
    }

    @Test
    void creatingTheExtensionWithoutThePrivilegeSaysWhatItNeeds(TestDatabase db) throws SQLException {
        try (ScratchDatabase scratch = db.createScratchDatabase();
                Connection c = DriverManager.getConnection(scratch.jdbcUrl())) {
            try (Statement s = c.createStatement()) {
                s.execute("set role " + role);
            }
            // pgvector 0.8.0's control file does not mark it trusted: only a superuser may create it
            assertThatThrownBy(() -> PgVectorExtension.create(c))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("needs a superuser (pgvector")
                    .hasMessageContaining("is not a trusted extension), which role " + role + " lacks");
            assertThat(PgVectorExtension.installedVersion(c)).isEmpty();
        }
    }

    /** The tenant of a hit's row, read as the table's owner (who is not subject to the policy). */
    private static int tenantOf(Hit hit) {
        return (int) (((Number) hit.id()).longValue() % TENANTS);
    }

    private static String text(ResultSet rs) throws SQLException {
        StringBuilder text = new StringBuilder();
        while (rs.next()) {
            text.append(rs.getString(1)).append('\n');
        }
        return text.toString();
    }
}
