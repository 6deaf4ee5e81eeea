package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.Metric;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.SQLException;
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

    private static CountingDataSource counting(TestDatabase db) {
        CountingDataSource dataSource = new CountingDataSource();
        dataSource.setURL(db.jdbcUrl());
        return dataSource;
    }

    private static SessionFactory build(CountingDataSource dataSource, boolean allowMetadataAccess) {
        Configuration configuration = new Configuration().addAnnotatedClass(BootDoc.class);
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        settings.put(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName());
        settings.put(JdbcSettings.ALLOW_METADATA_ON_BOOT, String.valueOf(allowMetadataAccess));
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        configuration.getProperties().putAll(settings);
        return configuration.buildSessionFactory();
    }
}
