package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.Metric;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code hibernate.boot.allow_jdbc_metadata_access=false} is Hibernate's "no connection at bootstrap": the
 * integrator's @VectorIndex version check honours it, and queries still work once the factory is up.
 */
@PgVectorDatabase
class BootstrapConnectionTest {

    @Entity(name = "BootDoc")
    @Table(name = "boot_docs")
    public static class BootDoc {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.COSINE)
        float[] embedding;
    }

    /** A DataSource that counts the connections Hibernate asks for. */
    static final class CountingDataSource extends PGSimpleDataSource {
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            opened.incrementAndGet();
            return super.getConnection();
        }
    }

    @BeforeAll
    static void table(TestDatabase db) throws SQLException {
        db.execute("create table boot_docs (id bigint primary key, embedding vector(3))",
                "insert into boot_docs values (1, '[1,0,0]'), (2, '[0,1,0]')");
    }

    @Test
    void noConnectionAtBootstrapWhenMetadataAccessIsOff(TestDatabase db) {
        CountingDataSource dataSource = counting(db);
        try (SessionFactory factory = build(dataSource, false)) {
            assertThat(dataSource.opened).as("connections opened while building the SessionFactory").hasValue(0);
            Long nearest = factory.fromSession(session -> session.createSelectionQuery(
                    "select d.id from BootDoc d order by cosine_distance(d.embedding, :q) limit 1", Long.class)
                    .setParameter("q", new float[] {0.9f, 0.1f, 0})
                    .getSingleResult());
            assertThat(nearest).isEqualTo(1L);
            assertThat(dataSource.opened.get()).isPositive();
        }
    }

    @Test
    void theIndexCheckConnectsByDefault(TestDatabase db) {
        CountingDataSource dataSource = counting(db);
        try (SessionFactory ignored = build(dataSource, true)) {
            assertThat(dataSource.opened.get()).as("the @VectorIndex version check's connection").isPositive();
        }
    }

    /** A halfvec attribute (pgvector 0.7.0) with an L1 index (0.7.0 too). */
    @Entity(name = "HalfBootDoc")
    @Table(name = "half_boot_docs")
    public static class HalfBootDoc {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        @Array(length = 3)
        @VectorIndex(metric = Metric.L1)
        float[] embedding;
    }

    /** With no connection at bootstrap, the version gate the bootstrap skipped applies at first use, with its messages. */
    @Test
    void withMetadataAccessOffTheVersionGateAppliesAtFirstUse(TestDatabase db) throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase()) {
            try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create extension vector");
                s.execute("create table half_boot_docs (id bigint primary key, embedding halfvec(3))");
                // what a host on pgvector 0.5.0 reports; the catalog row is all vector-orm reads
                s.execute("update pg_extension set extversion = '0.5.0' where extname = 'vector'");
            }
            CountingDataSource dataSource = new CountingDataSource();
            dataSource.setURL(old.jdbcUrl());
            try (SessionFactory factory = build(dataSource, false, HalfBootDoc.class)) {
                assertThat(dataSource.opened).as("connections opened while building the SessionFactory").hasValue(0);
                HalfBootDoc doc = new HalfBootDoc();
                doc.id = 1L;
                doc.embedding = new float[] {1, 2, 3};
                assertThatThrownBy(() -> factory.inTransaction(session -> session.persist(doc)))
                        .hasStackTraceContaining("HalfBootDoc.embedding: the halfvec type: pgvector 0.7.0 or newer is required,"
                                + " but the database has pgvector 0.5.0");
                try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                    assertThat(count(s)).as("nothing reached the table").isZero();
                    s.execute("update pg_extension set extversion = '0.6.0' where extname = 'vector'");
                }
                assertThatThrownBy(() -> factory.inTransaction(session -> session.persist(doc)))
                        .hasStackTraceContaining("0.7.0 or newer is required, but the database has pgvector 0.6.0");
                try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                    s.execute("update pg_extension set extversion = '0.8.0' where extname = 'vector'");
                }
                // after the update the same factory works
                factory.inTransaction(session -> session.persist(doc));
                try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                    assertThat(count(s)).isEqualTo(1);
                }
            }
        }
    }

    private static int count(Statement s) throws SQLException {
        try (java.sql.ResultSet rs = s.executeQuery("select count(*) from half_boot_docs")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static CountingDataSource counting(TestDatabase db) {
        CountingDataSource dataSource = new CountingDataSource();
        dataSource.setURL(db.jdbcUrl());
        return dataSource;
    }

    private static SessionFactory build(CountingDataSource dataSource, boolean allowMetadataAccess) {
        return build(dataSource, allowMetadataAccess, BootDoc.class);
    }

    private static SessionFactory build(CountingDataSource dataSource, boolean allowMetadataAccess, Class<?> entity) {
        Configuration configuration = new Configuration().addAnnotatedClass(entity);
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        settings.put(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName());
        settings.put(JdbcSettings.ALLOW_METADATA_ON_BOOT, String.valueOf(allowMetadataAccess));
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        configuration.getProperties().putAll(settings);
        return configuration.buildSessionFactory();
    }
}
