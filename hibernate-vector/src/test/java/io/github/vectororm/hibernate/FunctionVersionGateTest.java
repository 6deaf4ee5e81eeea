package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.UnsupportedPgVectorFeatureException;
import io.github.vectororm.hibernate.BootstrapConnectionTest.CountingDataSource;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HQL functions and distance operators pgvector added after 0.5.0 are refused when the query is translated, before
 * the server sees it, naming the function and both versions; with or without JDBC metadata access at bootstrap.
 */
@PgVectorDatabase
class FunctionVersionGateTest {

    @Entity(name = "GateDoc")
    @Table(name = "gate_docs")
    public static class GateDoc {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] embedding;
    }

    /** pgvector 0.7.0 brought each of these (its CHANGELOG); the server here is 0.8.0, so a query that got through would succeed. */
    private static Map<String, String> newerThan050() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("l2_normalize", "select l2_normalize(d.embedding) from GateDoc d");
        queries.put("binary_quantize", "select binary_quantize(d.embedding) from GateDoc d");
        queries.put("subvector", "select subvector(d.embedding, 1, 2) from GateDoc d");
        queries.put("l1_distance: L1 distance (<+>)", "select l1_distance(d.embedding, d.embedding) from GateDoc d");
        queries.put("taxicab_distance: L1 distance (<+>)", "select taxicab_distance(d.embedding, d.embedding) from GateDoc d");
        queries.put("hamming_distance: HAMMING distance (<~>)",
                "select hamming_distance(binary_quantize(d.embedding), binary_quantize(d.embedding)) from GateDoc d");
        queries.put("jaccard_distance: JACCARD distance (<%>)",
                "select jaccard_distance(binary_quantize(d.embedding), binary_quantize(d.embedding)) from GateDoc d");
        return queries;
    }

    @ParameterizedTest(name = "allow_jdbc_metadata_access={0}")
    @ValueSource(booleans = {true, false})
    void functionsNewerThanTheInstalledPgvectorAreRefusedAtTranslation(boolean metadataAccess, TestDatabase db)
            throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase()) {
            try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create extension vector");
                s.execute("create table gate_docs (id bigint primary key, embedding vector(3))");
                s.execute("insert into gate_docs values (1, '[1,-2,2]')");
                // what a host on pgvector 0.5.0 reports; the catalog row is all vector-orm reads
                s.execute("update pg_extension set extversion = '0.5.0' where extname = 'vector'");
            }
            CountingDataSource dataSource = new CountingDataSource();
            dataSource.setURL(old.jdbcUrl());
            try (SessionFactory factory = build(dataSource, metadataAccess)) {
                if (!metadataAccess) {
                    assertThat(dataSource.opened).as("connections opened while building the SessionFactory").hasValue(0);
                }
                newerThan050().forEach((what, hql) -> assertThatThrownBy(() -> factory.inSession(session ->
                        session.createSelectionQuery(hql, Object.class).getResultList()))
                        .as(hql).isInstanceOf(UnsupportedPgVectorFeatureException.class)
                        .hasMessageStartingWith(what + ": pgvector 0.7.0 or newer is required, but the database has"
                                + " pgvector 0.5.0"));
                Object[] always = factory.fromSession(session -> session.createSelectionQuery(
                        "select vector_dims(d.embedding), euclidean_distance(d.embedding, d.embedding) from GateDoc d",
                        Object[].class).getSingleResult());
                assertThat(always).as("vector_dims and <-> are in every pgvector").containsExactly(3, 0.0);

                try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                    s.execute("update pg_extension set extversion = '0.7.0' where extname = 'vector'");
                }
                // after the update the same SessionFactory runs them, with the server's values
                factory.inSession(session -> {
                    assertThat(session.createSelectionQuery("select l2_normalize(d.embedding) from GateDoc d", float[].class)
                            .getSingleResult()).containsExactly(1f / 3, -2f / 3, 2f / 3);
                    assertThat(session.createSelectionQuery("select subvector(d.embedding, 2, 2) from GateDoc d", float[].class)
                            .getSingleResult()).containsExactly(-2f, 2f);
                    assertThat(session.createSelectionQuery("select taxicab_distance(d.embedding, d.embedding) from GateDoc d",
                            Double.class).getSingleResult()).isZero();
                    assertThat(session.createSelectionQuery("select binary_quantize(d.embedding) from GateDoc d", Object.class)
                            .getSingleResult().toString()).isEqualTo("101");
                    assertThat(session.createSelectionQuery("select jaccard_distance(binary_quantize(d.embedding),"
                            + " binary_quantize(d.embedding)) from GateDoc d", Double.class).getSingleResult()).isZero();
                });
            }
        }
    }

    private static SessionFactory build(CountingDataSource dataSource, boolean allowMetadataAccess) {
        Configuration configuration = new Configuration().addAnnotatedClass(GateDoc.class);
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        settings.put(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName());
        settings.put(JdbcSettings.ALLOW_METADATA_ON_BOOT, String.valueOf(allowMetadataAccess));
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        configuration.getProperties().putAll(settings);
        return configuration.buildSessionFactory();
    }
}
