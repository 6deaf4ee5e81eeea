package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TenantRole;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation by row-level security under Hibernate's {@link VectorSearch}: a policy on the tenant column, the
 * session's connection acting as a role that does not own the table ({@code SET ROLE}), the tenant chosen by a session
 * setting. A filtered search with an iterative scan returns the full k of that tenant's rows only, equal to the exact
 * answer over them, and its plan keeps the HNSW index, the policy one more condition on the index scan.
 */
@PgVectorDatabase
class RowLevelSecurityTest {

    private static final int DIMS = 16;
    private static final int TENANTS = 3;
    private static final int ROWS = 9000;

    @Entity(name = "TenantDoc")
    @Table(name = "tenant_docs")
    public static class TenantDoc {
        @Id
        Long id;

        int tenant;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        @VectorIndex(metric = Metric.L2)
        float[] embedding;
    }

    private static TenantRole tenants;
    private static String role;
    private static SessionFactory sessionFactory;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        tenants = TenantRole.create(db, "vo_rls"); // usage on the schema; named after it
        role = tenants.name();
        db.execute("create table tenant_docs (id bigint primary key, tenant int not null, category int not null,"
                        + " embedding vector(" + DIMS + "))");
        Random random = new Random(17);
        try (Connection c = db.connect();
                VectorCopyWriter writer = VectorCopyWriter.into(c, "tenant_docs").column("id", CopyType.BIGINT)
                        .column("tenant", CopyType.INTEGER).column("category", CopyType.INTEGER)
                        .column("embedding", CopyType.VECTOR).open()) {
            for (long id = 1; id <= ROWS; id++) {
                writer.addRow(id, (int) (id % TENANTS), (int) (id % 10), TestVectors.gaussian(random, DIMS));
            }
            writer.finish();
        }
        db.execute("analyze tenant_docs", "alter table tenant_docs enable row level security",
                "create policy tenant_only on tenant_docs using (tenant = current_setting('app.tenant')::int)");
        tenants.grantSelect("tenant_docs");
        sessionFactory = HibernateSupport.sessionFactory(db, "update", TenantDoc.class); // adds the HNSW index, as owner
    }

    @AfterAll
    static void close(TestDatabase db) throws SQLException {
        sessionFactory.close();
        tenants.close();
    }

    @Test
    void aFilteredSearchWithAnIterativeScanFillsKFromTheTenantsRowsOnlyAndKeepsTheIndex(TestDatabase db)
            throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(18), DIMS);
        int tenant = 2;
        int category = 4; // with the policy, 1 row in 30: an HNSW scan of ef_search 40 finds one or two
        VectorSearch.Filter<TenantDoc> inCategory = (cb, doc) -> cb.equal(doc.get("category"), category);
        SearchSettings iterative = SearchSettings.builder().hnswIterativeScan(IterativeScan.STRICT_ORDER).build();
        try (Connection c = tenants.connect(tenant);
                Session session = sessionFactory.withOptions().connection(c).openSession()) {
            assertThat(session.createNativeQuery("select current_user", String.class).getSingleResult()).isEqualTo(role);
            List<Nearest<TenantDoc>> plain = VectorSearch.nearest(session, TenantDoc.class, "embedding", Metric.L2)
                    .to(probe).where(inCategory).limit(10).list();
            List<Nearest<TenantDoc>> hits = VectorSearch.nearest(session, TenantDoc.class, "embedding", Metric.L2)
                    .to(probe).where(inCategory).settings(iterative).limit(10).list();
            String sql = HibernateSupport.lastSql("tenant_docs");
            List<Nearest<TenantDoc>> exact = VectorSearch.nearest(session, TenantDoc.class, "embedding", Metric.L2)
                    .to(probe).where(inCategory).settings(SearchSettings.builder().exact(true).build()).limit(10).list();
            System.out.printf("[measure] row-level security, filtered k-NN (1 row in 30 visible, k=10): plain HNSW"
                    + " returned %d rows, iterative %d%n", plain.size(), hits.size());

            assertThat(plain.size()).as("without an iterative scan the policy and the filter leave fewer than k")
                    .isLessThan(10);
            assertThat(hits).hasSize(10).allSatisfy(hit -> {
                assertThat(hit.entity().tenant).isEqualTo(tenant);
                assertThat(hit.entity().category).isEqualTo(category);
            });
            assertThat(hits).extracting(h -> h.entity().id).isEqualTo(exact.stream().map(h -> h.entity().id).toList());
            // the tenant's own answer, read by the table's owner (not subject to the policy) with the tenant filtered
            List<Object[]> owners = ownersExact(db, probe, tenant, category, 10);
            assertThat(hits).extracting(h -> h.entity().id).isEqualTo(owners.stream().map(row -> row[0]).toList());
            for (int i = 0; i < hits.size(); i++) {
                assertThat(hits.get(i).distance()).isCloseTo((Double) owners.get(i)[1], within(1e-9));
            }

            // the SQL Hibernate ran, with its values, as the role and with the iterative scan: an HNSW index scan
            // whose filter holds the policy's condition
            String plan = explain(c, sql, probe, category);
            assertThat(plan).contains("Index Scan using tenant_docs_embedding_hnsw_l2_idx")
                    .contains("current_setting('app.tenant'");
        }
    }

    /** EXPLAIN of Hibernate's statement: its parameters are the probe, the category and k, in that order. */
    private static String explain(Connection c, String sql, float[] probe, int category) throws SQLException {
        String[] parts = sql.split("\\?", -1);
        assertThat(parts).as("parameters of " + sql).hasSize(4);
        String inlined = parts[0] + "'" + VectorCodec.format(probe) + "'::vector" + parts[1] + category + parts[2] + 10
                + parts[3];
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set local hnsw.iterative_scan = strict_order");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain " + inlined)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static List<Object[]> ownersExact(TestDatabase db, float[] probe, int tenant, int category, int k)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local enable_indexscan = off");
            }
            try (PreparedStatement s = c.prepareStatement("select id, embedding <-> ? d from tenant_docs"
                    + " where tenant = ? and category = ? order by d limit ?")) {
                s.setObject(1, VectorValues.toParameter(VectorType.VECTOR, probe));
                s.setInt(2, tenant);
                s.setInt(3, category);
                s.setInt(4, k);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getDouble(2)});
                    }
                }
            }
            c.rollback();
        }
        return rows;
    }
}
