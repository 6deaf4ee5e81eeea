package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
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

    /** The builder's ranges are the server's: each bound accepted, one past it refused, read from pg_settings. */
    @Test
    void rangesAreTheServersAndEveryPgVectorSettingIsSettable(TestDatabase db) throws SQLException {
        Map<String, IntFunction<SearchSettings.Builder>> integers = Map.of(
                "hnsw.ef_search", v -> SearchSettings.builder().hnswEfSearch(v),
                "hnsw.max_scan_tuples", v -> SearchSettings.builder().hnswMaxScanTuples(v),
                "ivfflat.probes", v -> SearchSettings.builder().ivfflatProbes(v),
                "ivfflat.max_probes", v -> SearchSettings.builder().ivfflatMaxProbes(v),
                "max_parallel_workers_per_gather", v -> SearchSettings.builder().parallelWorkers(v));
        Map<String, double[]> serverRanges = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("load 'vector'");
            try (ResultSet rs = s.executeQuery("select name, min_val, max_val from pg_settings where vartype in"
                    + " ('integer', 'real') and (name like 'hnsw.%' or name like 'ivfflat.%'"
                    + " or name = 'max_parallel_workers_per_gather')")) {
                while (rs.next()) {
                    serverRanges.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
                }
            }
        }
        Set<String> settable = new TreeSet<>(integers.keySet());
        settable.add("hnsw.scan_mem_multiplier");
        assertThat(serverRanges.keySet()).as("pgvector's numeric settings, each settable").isEqualTo(settable);
        integers.forEach((name, setter) -> {
            int min = (int) serverRanges.get(name)[0];
            int max = (int) serverRanges.get(name)[1];
            assertThat(setter.apply(min).build().parameters()).containsEntry(name, Integer.toString(min));
            assertThat(setter.apply(max).build().parameters()).containsEntry(name, Integer.toString(max));
            assertThatThrownBy(() -> setter.apply(min - 1)).as(name).isInstanceOf(VectorValidationException.class);
            if (max < Integer.MAX_VALUE) {
                assertThatThrownBy(() -> setter.apply(max + 1)).as(name).isInstanceOf(VectorValidationException.class);
            }
        });
        double[] multiplier = serverRanges.get("hnsw.scan_mem_multiplier");
        assertThat(SearchSettings.builder().hnswScanMemMultiplier(multiplier[0]).build().parameters()).isNotEmpty();
        assertThat(SearchSettings.builder().hnswScanMemMultiplier(multiplier[1]).build().parameters()).isNotEmpty();
        assertThatThrownBy(() -> SearchSettings.builder().hnswScanMemMultiplier(Math.nextDown(multiplier[0])))
                .isInstanceOf(VectorValidationException.class);
        assertThatThrownBy(() -> SearchSettings.builder().hnswScanMemMultiplier(Math.nextUp(multiplier[1])))
                .isInstanceOf(VectorValidationException.class);
    }

    /** Exact search with parallel workers: the plan gathers from workers, and the answer is the serial one. */
    @Test
    void parallelWorkersSplitAnExactScan(TestDatabase db) throws SQLException {
        db.execute("create table par_items (id int primary key, embedding vector(128))",
                // the subquery refers to g, so each row gets its own random vector
                "insert into par_items select g, (select array_agg(random()) from generate_series(1, 128) where g > 0)"
                        + "::vector(128) from generate_series(1, 20000) g",
                "analyze par_items");
        String query = "select id from par_items order by embedding <-> (select embedding from par_items where id = 1)"
                + " limit 10";
        List<String> serial = plan(db, SearchSettings.builder().exact(true).parallelWorkers(0).build(), query);
        List<String> parallel = plan(db, SearchSettings.builder().exact(true).parallelWorkers(2).build(), query);
        assertThat(String.join("\n", serial)).doesNotContain("Gather");
        assertThat(String.join("\n", parallel)).contains("Gather Merge").contains("Workers Planned: 2");
        assertThat(ids(db, SearchSettings.builder().exact(true).parallelWorkers(2).build(), query))
                .isEqualTo(ids(db, SearchSettings.builder().exact(true).parallelWorkers(0).build(), query))
                .hasSize(10).startsWith(1);
    }

    private static List<String> plan(TestDatabase db, SearchSettings settings, String query) throws SQLException {
        return rows(db, settings, "explain " + query);
    }

    private static List<Integer> ids(TestDatabase db, SearchSettings settings, String query) throws SQLException {
        return rows(db, settings, query).stream().map(Integer::valueOf).toList();
    }

    private static List<String> rows(TestDatabase db, SearchSettings settings, String sql) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            settings.applyLocal(c);
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            c.commit();
            return rows;
        }
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
