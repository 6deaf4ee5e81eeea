package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TenantRole;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation by row-level security for jOOQ's {@link NearestNeighbors}: a policy on the tenant column, the
 * queries run as a role that does not own the tables (SET ROLE), the tenant chosen by a session setting. A filtered
 * k-NN with an iterative scan fills k with the tenant's rows only and keeps the HNSW index; the per-partition form
 * reads the leaves directly, where the parent's policy does not apply, so it is refused until each leaf has the
 * policy too, and then sees the tenant's rows only.
 */
@PgVectorDatabase
class NearestNeighborsTenancyTest {

    private static final int DIMS = 16;
    private static final int TENANTS = 3;
    private static final int ROWS = 9000;
    private static final int LEAVES = 3;
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<Integer> TENANT = DSL.field(DSL.name("tenant"), SQLDataType.INTEGER);
    private static final Field<Integer> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(DIMS));
    private static final Table<Record> DOCS = DSL.table(DSL.name("docs_rls"));
    private static final SearchSettings ITERATIVE = SearchSettings.builder()
            .hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
    private static TenantRole tenants;
    private static String role;
    private static float[] probe;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        tenants = TenantRole.create(db, "vo_jtenant"); // usage on the schema; named after it
        role = tenants.name();
        String rows = " select g, g % " + TENANTS + ", g % 10, (select array_agg(random()) from generate_series(1, "
                + DIMS + ") where g > 0)::vector from generate_series(1, " + ROWS + ") g";
        db.execute("create table docs_rls (id bigint primary key, tenant int not null, category int not null,"
                        + " embedding vector(" + DIMS + "))",
                "insert into docs_rls" + rows,
                "create index docs_rls_hnsw on docs_rls using hnsw (embedding vector_l2_ops)",
                "analyze docs_rls",
                "alter table docs_rls enable row level security",
                "create policy tenant_only on docs_rls using (tenant = current_setting('app.tenant')::int)",
                // the same rows, hash-partitioned by id: every partition holds every tenant
                "create table docs_parts (id bigint not null, tenant int not null, category int not null,"
                        + " embedding vector(" + DIMS + ")) partition by hash (id)");
        tenants.grantSelect("docs_rls");
        for (int r = 0; r < LEAVES; r++) {
            db.execute("create table docs_parts_" + r + " partition of docs_parts for values with (modulus " + LEAVES
                    + ", remainder " + r + ")");
        }
        db.execute("insert into docs_parts select * from docs_rls",
                "create index on docs_parts using hnsw (embedding vector_l2_ops)",
                "analyze docs_parts",
                "alter table docs_parts enable row level security",
                "create policy tenant_only on docs_parts using (tenant = current_setting('app.tenant')::int)");
        tenants.grantSelect("docs_parts");
        Random random = new Random(9);
        probe = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            probe[d] = random.nextFloat();
        }
    }

    @AfterAll
    static void dropRole(TestDatabase db) throws SQLException {
        tenants.close();
    }

    @Test
    void aFilteredSearchFillsKWithTheTenantsRowsOnlyAndKeepsTheIndex(TestDatabase db) throws SQLException {
        try (Connection c = tenants.connect(2)) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            // the policy and the filter keep 1 row in 30: without an iterative scan HNSW's 40 candidates hold about one
            NearestNeighbors<Record> knn = NearestNeighbors.of(DOCS, EMBEDDING, Metric.L2, probe)
                    .select(ID, TENANT, CATEGORY).where(CATEGORY.eq(4)).limit(10).settings(ITERATIVE);
            List<Neighbor<Record>> hits = knn.fetch(dsl);
            assertThat(hits).hasSize(10).allSatisfy(n -> {
                assertThat(n.record().get(TENANT)).isEqualTo(2);
                assertThat(n.record().get(CATEGORY)).isEqualTo(4);
            });
            String plan = VectorTransactions.withSettings(dsl, knn.effectiveSettings(), tx -> String.join("\n",
                    tx.dsl().fetch("explain (costs off) {0}", knn.asSelect()).getValues(0, String.class)));
            assertThat(plan).contains("Index Scan using docs_rls_hnsw");

            // exact, the same query is the tenant's exact answer, computed here from every row as the owner
            List<Long> exact = NearestNeighbors.of(DOCS, EMBEDDING, Metric.L2, probe).select(ID).where(CATEGORY.eq(4))
                    .limit(10).exact().fetch(dsl).stream().map(n -> n.record().get(ID)).toList();
            assertThat(exact).isEqualTo(oracle(db, "docs_rls", 2, 4, 10));
        }
    }

    @Test
    void perPartitionReadsTheLeavesSoEachLeafNeedsThePolicy(TestDatabase db) throws SQLException {
        Partitions partitions;
        try (Connection owner = db.connect()) {
            // the branches would read leaves without the parent's policy: refused, whoever reads the catalog
            assertThatThrownBy(() -> Partitions.of(owner, "docs_parts")).isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("docs_parts has row-level security, but its partitions");
        }
        for (int r = 0; r < LEAVES; r++) {
            db.execute("alter table docs_parts_" + r + " enable row level security",
                    "create policy tenant_only on docs_parts_" + r
                            + " using (tenant = current_setting('app.tenant')::int)");
        }
        try (Connection owner = db.connect()) {
            partitions = Partitions.of(owner, "docs_parts");
        }
        assertThat(partitions.list()).hasSize(LEAVES);
        assertThat(partitions.servers()).isEmpty();
        // the generated form: schema-qualified table and fields
        Table<Record> qualified = DSL.table(DSL.name(db.schema(), "docs_parts"));
        Field<Long> qualifiedId = DSL.field(DSL.name(db.schema(), "docs_parts", "id"), SQLDataType.BIGINT);
        Field<Integer> qualifiedTenant = DSL.field(DSL.name(db.schema(), "docs_parts", "tenant"), SQLDataType.INTEGER);
        Field<Integer> qualifiedCategory = DSL.field(DSL.name(db.schema(), "docs_parts", "category"), SQLDataType.INTEGER);
        Field<float[]> qualifiedEmbedding = DSL.field(DSL.name(db.schema(), "docs_parts", "embedding"),
                VectorDataTypes.vector(DIMS));
        try (Connection c = tenants.connect(1)) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            NearestNeighbors<Record> unqualifiedKnn = NearestNeighbors.of(DSL.table(DSL.name("docs_parts")), EMBEDDING,
                    Metric.L2, probe).select(ID, TENANT).where(CATEGORY.eq(4)).limit(10).settings(ITERATIVE)
                    .perPartition(partitions);
            // the partitions are tables of their own: without a grant on them, no access
            assertThatThrownBy(() -> unqualifiedKnn.fetch(dsl)).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("permission denied for table docs_parts_0");
        }
        for (int r = 0; r < LEAVES; r++) {
            tenants.grantSelect("docs_parts_" + r);
        }
        try (Connection c = tenants.connect(1)) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            List<NearestNeighbors<Record>> forms = List.of(
                    NearestNeighbors.of(DSL.table(DSL.name("docs_parts")), EMBEDDING, Metric.L2, probe)
                            .select(ID, TENANT).where(CATEGORY.eq(4)),
                    NearestNeighbors.of(qualified, qualifiedEmbedding, Metric.L2, probe)
                            .select(qualifiedId, qualifiedTenant).where(qualifiedCategory.eq(4)));
            for (NearestNeighbors<Record> form : forms) {
                NearestNeighbors<Record> knn = form.limit(10).settings(ITERATIVE).perPartition(partitions);
                String sql = dsl.render(knn.asSelect());
                System.out.printf("[measure] jOOQ per-partition k-NN:%n%s%n", sql);
                for (int r = 0; r < LEAVES; r++) { // every branch names its leaf, in the leaf's schema
                    assertThat(sql).contains("from \"" + db.schema() + "\".\"docs_parts_" + r + "\"");
                }
                assertThat(sql).doesNotContain("\"docs_parts\"").containsPattern("union all");
                assertThat(knn.fetch(dsl)).hasSize(10).allSatisfy(n -> assertThat(n.record().get(TENANT)).isEqualTo(1));
                String plan = VectorTransactions.withSettings(dsl, knn.effectiveSettings(), tx -> String.join("\n",
                        tx.dsl().fetch("explain (costs off) {0}", knn.asSelect()).getValues(0, String.class)));
                for (int r = 0; r < LEAVES; r++) {
                    assertThat(plan).as("leaf " + r).containsPattern("Index Scan using docs_parts_" + r + "_\\w+ on docs_parts_" + r);
                }
                List<Long> exact = form.limit(10).exact().perPartition(partitions).fetch(dsl).stream()
                        .map(n -> n.record().get(0, Long.class)).toList();
                assertThat(exact).isEqualTo(oracle(db, "docs_parts", 1, 4, 10));
            }
        }
    }

    /** The tenant's k nearest rows in a category, distances computed here over every row read as the owner. */
    private static List<Long> oracle(TestDatabase db, String table, int tenant, int category, int k) throws SQLException {
        record Row(long id, double distance) {
        }
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id, embedding::real[] from " + table + " where tenant = " + tenant
                        + " and category = " + category)) {
            while (rs.next()) {
                Float[] boxed = (Float[]) rs.getArray(2).getArray();
                float[] v = new float[boxed.length];
                for (int d = 0; d < v.length; d++) {
                    v[d] = boxed[d];
                }
                rows.add(new Row(rs.getLong(1), Metric.L2.distance(probe, v)));
            }
        }
        return rows.stream().sorted(Comparator.comparingDouble(Row::distance)).limit(k).map(Row::id).toList();
    }
}
