package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorValidationException;
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
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad values and too-old servers fail with exceptions that name entity and attribute; nothing is half-written. */
@PgVectorDatabase
class ErrorsTest {

    @Entity(name = "Sample")
    @Table(name = "samples")
    public static class Sample {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] embedding;

        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        @Array(length = 2)
        float[] half;

        Sample() {
        }

        Sample(long id, float[] embedding, float[] half) {
            this.id = id;
            this.embedding = embedding;
            this.half = half;
        }
    }

    @Entity(name = "Indexed")
    @Table(name = "indexed")
    public static class Indexed {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.COSINE)
        float[] embedding;
    }

    private static SessionFactory sessionFactory;

    @BeforeAll
    static void create(TestDatabase db) {
        sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", Sample.class);
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    @Test
    void wrongDimensionFailsAtFlushAndNothingIsWritten(TestDatabase db) {
        assertThatThrownBy(() -> sessionFactory.inTransaction(session -> {
            session.persist(new Sample(1, new float[] {1, 2, 3}, null));
            session.persist(new Sample(2, new float[] {1, 2}, null));
        })).isInstanceOf(VectorValidationException.class)
                .hasMessage("Sample.embedding has 2 dimensions, column samples.embedding is vector(3)");
        assertThat(count()).isZero();
    }

    @Test
    void nanAndHalfvecOverflowFailNamingTheAttribute() {
        assertThatThrownBy(() -> sessionFactory.inTransaction(session ->
                session.persist(new Sample(3, new float[] {1, Float.NaN, 3}, null))))
                .isInstanceOf(VectorValidationException.class)
                .hasMessage("Sample.embedding: vector element [1] is NaN; pgvector accepts finite values only");
        assertThatThrownBy(() -> sessionFactory.inTransaction(session ->
                session.persist(new Sample(4, new float[] {1, 2, 3}, new float[] {1e6f, 0}))))
                .hasMessage("Sample.half: halfvec element [0] is 1000000.0; halfvec holds magnitudes up to 65504.0");
        assertThat(count()).isZero();
    }

    @Test
    void anUpdateToABadValueIsRefusedAndTheRowKeepsItsValue() {
        sessionFactory.inTransaction(session -> session.persist(new Sample(5, new float[] {1, 2, 3}, null)));
        assertThatThrownBy(() -> sessionFactory.inTransaction(session ->
                session.find(Sample.class, 5L).embedding = new float[] {1, 2, 3, 4}))
                .hasMessage("Sample.embedding has 4 dimensions, column samples.embedding is vector(3)");
        sessionFactory.inTransaction(session -> assertThat(session.find(Sample.class, 5L).embedding).containsExactly(1, 2, 3));
        sessionFactory.inTransaction(session -> session.remove(session.find(Sample.class, 5L)));
    }

    @Test
    void aPgvectorTooOldForADeclaredIndexFailsTheBootstrap(TestDatabase db) throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase()) {
            try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create extension vector");
                // what a hosted service on pgvector 0.4.4 reports; the catalog row is all vector-orm reads
                s.execute("update pg_extension set extversion = '0.4.4' where extname = 'vector'");
            }
            assertThatThrownBy(() -> HibernateSupport.sessionFactory(old.jdbcUrl(),
                    Map.of(AvailableSettings.HBM2DDL_AUTO, "none"), Indexed.class))
                    .hasStackTraceContaining("Indexed.embedding: @VectorIndex indexed_embedding_hnsw_cosine_idx cannot be created:"
                            + " HNSW indexes: pgvector 0.5.0 or newer is required, but the database has pgvector 0.4.4");
        }
    }

    /** A halfvec attribute and no index: the type itself came with pgvector 0.7.0. */
    @Entity(name = "HalfSample")
    public static class HalfSample {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        @Array(length = 3)
        float[] embedding;
    }

    @Test
    void aHalfvecAttributeOnPgvector050FailsTheBootstrapNamingBothVersions(TestDatabase db) throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase()) {
            try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create extension vector");
                s.execute("update pg_extension set extversion = '0.5.0' where extname = 'vector'");
            }
            assertThatThrownBy(() -> HibernateSupport.sessionFactory(old.jdbcUrl(),
                    Map.of(AvailableSettings.HBM2DDL_AUTO, "none"), HalfSample.class))
                    .hasStackTraceContaining("HalfSample.embedding: the halfvec type: pgvector 0.7.0 or newer is required,"
                            + " but the database has pgvector 0.5.0");
            try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("update pg_extension set extversion = '0.7.0' where extname = 'vector'");
            }
            HibernateSupport.sessionFactory(old.jdbcUrl(), Map.of(AvailableSettings.HBM2DDL_AUTO, "none"), HalfSample.class)
                    .close();
        }
    }

    @Entity(name = "PlainSample")
    @Table(name = "plain_samples")
    public static class PlainSample {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] embedding;
    }

    @Test
    void l1NearestNeighborsOnPgvector050AreRefusedNamingBothVersions(TestDatabase db) throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase()) {
            try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create extension vector");
                s.execute("update pg_extension set extversion = '0.5.0' where extname = 'vector'");
            }
            try (SessionFactory sf = HibernateSupport.sessionFactory(old.jdbcUrl(),
                    Map.of(AvailableSettings.HBM2DDL_AUTO, "create-drop"), PlainSample.class)) {
                sf.inTransaction(session -> {
                    PlainSample sample = new PlainSample();
                    sample.id = 1L;
                    sample.embedding = new float[] {1, 2, 3};
                    session.persist(sample);
                });
                assertThatThrownBy(() -> sf.inTransaction(session -> VectorSearch
                        .nearest(session, PlainSample.class, "embedding", Metric.L1).to(new float[] {1, 2, 3}).limit(1).list()))
                        .hasStackTraceContaining("L1 distance (<+>): pgvector 0.7.0 or newer is required, but the database"
                                + " has pgvector 0.5.0");
                List<Nearest<PlainSample>> l2 = sf.fromTransaction(session -> VectorSearch
                        .nearest(session, PlainSample.class, "embedding", Metric.L2).to(new float[] {1, 2, 3}).limit(1).list());
                assertThat(l2).as("L2 is in every pgvector").hasSize(1);
            }
        }
    }

    private static long count() {
        return sessionFactory.fromTransaction(session ->
                session.createSelectionQuery("select count(*) from Sample where id < 5", Long.class).getSingleResult());
    }
}
