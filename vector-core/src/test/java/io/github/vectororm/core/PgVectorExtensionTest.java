package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
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
    void versionsParseAndCompare() {
        assertThat(PgVectorVersion.parse("0.8.0")).isEqualTo(new PgVectorVersion(0, 8, 0));
        assertThat(PgVectorVersion.parse("0.10")).isEqualTo(new PgVectorVersion(0, 10, 0));
        assertThat(PgVectorVersion.parse("0.10.1").compareTo(PgVectorVersion.parse("0.9.9"))).isPositive();
        assertThatThrownBy(() -> PgVectorVersion.parse("eight")).hasMessageContaining("'eight' is not a pgvector version");
    }
}
