package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Settings are in force inside the transaction and gone after it, commit or rollback. */
@PgVectorDatabase
class SearchSettingsTest {

    private static final SearchSettings ALL = SearchSettings.builder()
            .hnswEfSearch(123).hnswIterativeScan(IterativeScan.STRICT_ORDER).hnswMaxScanTuples(5000)
            .hnswScanMemMultiplier(2).ivfflatProbes(7).ivfflatIterativeScan(IterativeScan.RELAXED_ORDER)
            .ivfflatMaxProbes(50).exact(true).build();

    @Test
    void settingsLastForOneTransaction(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            // load pgvector into the session so its settings have server defaults, not empty placeholders
            c.createStatement().execute("select '[1]'::vector");
            c.setAutoCommit(false);
            ALL.applyLocal(c);
            assertThat(setting(c, "hnsw.ef_search")).isEqualTo("123");
            assertThat(setting(c, "hnsw.iterative_scan")).isEqualTo("strict_order");
            assertThat(setting(c, "hnsw.max_scan_tuples")).isEqualTo("5000");
            assertThat(setting(c, "hnsw.scan_mem_multiplier")).isEqualTo("2");
            assertThat(setting(c, "ivfflat.probes")).isEqualTo("7");
            assertThat(setting(c, "ivfflat.iterative_scan")).isEqualTo("relaxed_order");
            assertThat(setting(c, "ivfflat.max_probes")).isEqualTo("50");
            assertThat(setting(c, "enable_indexscan")).isEqualTo("off");
            assertThat(setting(c, "plan_cache_mode")).isEqualTo("force_custom_plan");
            c.commit();
            assertThat(setting(c, "hnsw.ef_search")).isEqualTo("40");
            assertThat(setting(c, "enable_indexscan")).isEqualTo("on");

            ALL.applyLocal(c);
            c.rollback();
            assertThat(setting(c, "hnsw.iterative_scan")).isEqualTo("off");
            assertThat(setting(c, "ivfflat.probes")).isEqualTo("1");
        }
    }

    @Test
    void autoCommitIsRefusedBecauseSetLocalWouldDoNothing(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> ALL.applyLocal(c)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transaction-scoped (SET LOCAL)");
        }
    }

    @Test
    void valuesAreRangeChecked() {
        assertThatThrownBy(() -> SearchSettings.builder().hnswEfSearch(0)).isInstanceOf(VectorValidationException.class)
                .hasMessage("hnsw.ef_search must be 1 to 1000, not 0");
        assertThatThrownBy(() -> SearchSettings.builder().hnswEfSearch(1001)).hasMessageContaining("not 1001");
        assertThatThrownBy(() -> SearchSettings.builder().ivfflatProbes(40000)).hasMessageContaining("ivfflat.probes must be 1 to 32768");
        assertThatThrownBy(() -> SearchSettings.builder().ivfflatIterativeScan(IterativeScan.STRICT_ORDER))
                .hasMessageContaining("supports off and relaxed_order");
        assertThatThrownBy(() -> SearchSettings.builder().hnswScanMemMultiplier(Double.NaN)).hasMessageContaining("not NaN");
    }

    @Test
    void overridesWinAndFeaturesAccumulate() {
        SearchSettings defaults = SearchSettings.builder().hnswEfSearch(40).ivfflatProbes(3).build();
        SearchSettings merged = defaults.withOverrides(
                SearchSettings.builder().hnswEfSearch(200).hnswIterativeScan(IterativeScan.RELAXED_ORDER).build());
        assertThat(merged.parameters()).containsEntry("hnsw.ef_search", "200").containsEntry("ivfflat.probes", "3")
                .containsEntry("hnsw.iterative_scan", "relaxed_order");
        assertThat(merged.requiredFeatures()).containsExactly(PgVectorFeature.ITERATIVE_SCAN);
        assertThat(defaults.requiredFeatures()).isEmpty();
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
