package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class PgVectorExtensionTest {

    @Test
    void createsAndReportsTheInstalledVersion(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            PgVectorVersion version = PgVectorExtension.create(c);
            assertThat(version.isAtLeast(PgVectorVersion.parse("0.8.0"))).as("installed %s", version).isTrue();
            assertThat(PgVectorExtension.installedVersion(c)).contains(version);
            assertThat(PgVectorExtension.require(c, EnumSet.allOf(PgVectorFeature.class))).isEqualTo(version);
        }
    }

    @Test
    void featuresNewerThanTheInstalledVersionAreRefusedNamingBothVersions() {
        PgVectorVersion heroku = PgVectorVersion.parse("0.5.0");
        PgVectorFeature.HNSW.requireSupportedBy(heroku);
        assertThatThrownBy(() -> PgVectorFeature.HALFVEC.requireSupportedBy(heroku))
                .isInstanceOf(UnsupportedPgVectorFeatureException.class)
                .hasMessageStartingWith("the halfvec type: pgvector 0.7.0 or newer is required, but the database has pgvector 0.5.0");
        assertThatThrownBy(() -> PgVectorFeature.ITERATIVE_SCAN.requireSupportedBy(PgVectorVersion.parse("0.7.4")))
                .hasMessageContaining("pgvector 0.8.0 or newer is required, but the database has pgvector 0.7.4");
        assertThatThrownBy(() -> PgVectorFeature.HNSW.requireSupportedBy(PgVectorVersion.parse("0.4.4")))
                .hasMessageContaining("HNSW indexes: pgvector 0.5.0");
    }

    @Test
    void requireReadsTheVersionOncePerConnection(TestDatabase db) throws SQLException {
        try (ScratchDatabase scratch = db.createScratchDatabase();
                Connection first = DriverManager.getConnection(scratch.jdbcUrl());
                Statement s = first.createStatement()) {
            s.execute("create extension vector");
            s.execute("update pg_extension set extversion = '0.7.4' where extname = 'vector'");
            assertThat(PgVectorExtension.require(first, EnumSet.of(PgVectorFeature.HALFVEC)))
                    .isEqualTo(PgVectorVersion.parse("0.7.4"));
            s.execute("update pg_extension set extversion = '0.8.0' where extname = 'vector'");
            // no second read on this connection: the gate on every query is free after the first
            assertThatThrownBy(() -> PgVectorExtension.require(first, EnumSet.of(PgVectorFeature.ITERATIVE_SCAN)))
                    .hasMessageContaining("but the database has pgvector 0.7.4");
            assertThat(PgVectorExtension.installedVersion(first)).as("installedVersion always asks")
                    .contains(PgVectorVersion.parse("0.8.0"));
            try (Connection second = DriverManager.getConnection(scratch.jdbcUrl())) {
                assertThat(PgVectorExtension.require(second, EnumSet.of(PgVectorFeature.ITERATIVE_SCAN)))
                        .isEqualTo(PgVectorVersion.parse("0.8.0"));
            }
        }
    }

    @Test
    void versionsParseAndCompare() {
        assertThat(PgVectorVersion.parse("0.8.0")).isEqualTo(new PgVectorVersion(0, 8, 0));
        assertThat(PgVectorVersion.parse("0.10")).isEqualTo(new PgVectorVersion(0, 10, 0));
        assertThat(PgVectorVersion.parse("0.10.1").compareTo(PgVectorVersion.parse("0.9.9"))).isPositive();
        assertThatThrownBy(() -> PgVectorVersion.parse("eight")).hasMessageContaining("'eight' is not a pgvector version");
    }
}
