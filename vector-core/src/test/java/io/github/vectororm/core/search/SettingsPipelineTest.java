package io.github.vectororm.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.RoundTrips;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings and their query in one round trip, in force for that query only, in and out of a caller's transaction. */
@PgVectorDatabase
class SettingsPipelineTest {

    private static final SearchSettings SETTINGS = SearchSettings.builder().hnswEfSearch(123)
            .hnswIterativeScan(IterativeScan.RELAXED_ORDER).exact(true).build();
    private static final SqlQuery PROBE = new SqlQuery("SELECT current_setting('hnsw.ef_search') || ' '"
            + " || current_setting('hnsw.iterative_scan') || ' ' || current_setting('enable_indexscan') || ' ' || ?"
            // like every k-NN query, it uses pgvector (loads the library, which defines its settings)
            + " || ' ' || vector_dims(CAST('[1,2]' AS vector))",
            List.of("bound"));

    @Test
    void inAutoCommitTheSettingsEndWithTheStatement(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY))) {
            SettingsPipeline.execute(c, SETTINGS, PROBE, SettingsPipelineTest::first); // warm: the version gate's read
            String[] during = new String[1];
            assertThat(RoundTrips.during(() -> during[0] = SettingsPipeline.execute(c, SETTINGS, PROBE,
                    SettingsPipelineTest::first))).isEqualTo(1);
            assertThat(during[0]).isEqualTo("123 relaxed_order off bound 2");
            assertThat(setting(c, "hnsw.ef_search")).isEqualTo("40");
            assertThat(setting(c, "enable_indexscan")).isEqualTo("on");
        }
    }

    @Test
    void inACallersTransactionTheCallersOwnValuesComeBack(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local hnsw.ef_search = 77"); // the caller's own, before pgvector is loaded
            }
            String[] during = new String[1];
            long trips = RoundTrips.during(() -> during[0] = SettingsPipeline.execute(c, SETTINGS, PROBE,
                    SettingsPipelineTest::first));
            assertThat(during[0]).isEqualTo("123 relaxed_order off bound 2");
            assertThat(trips).as("the version gate's first read on this connection, then the pipeline").isEqualTo(2);
            assertThat(setting(c, "hnsw.ef_search")).as("the caller's SET LOCAL").isEqualTo("77");
            assertThat(setting(c, "hnsw.iterative_scan")).as("unknown before: the session's value").isEqualTo("off");
            assertThat(setting(c, "enable_indexscan")).isEqualTo("on");
            c.commit();
            assertThat(setting(c, "hnsw.ef_search")).isEqualTo("40");
        }
    }

    @Test
    void withoutSettingsTheQueryRunsAsItIs(TestDatabase db) throws SQLException {
        SettingsPipeline pipeline = SettingsPipeline.of(SearchSettings.none(), PROBE, true);
        assertThat(pipeline.sql()).isEqualTo(PROBE.sql());
        assertThat(pipeline.resultIndex()).isZero();
        try (Connection c = db.connect()) {
            assertThat(SettingsPipeline.execute(c, SearchSettings.none(), PROBE, SettingsPipelineTest::first))
                    .endsWith(" bound 2");
        }
    }

    private static String first(ResultSet rs) throws SQLException {
        rs.next();
        return rs.getString(1);
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
