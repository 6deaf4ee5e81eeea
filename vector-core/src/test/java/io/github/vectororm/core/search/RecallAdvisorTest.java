package io.github.vectororm.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The advisor's recall equals a recall computed independently here; the recommendation is the smallest that reaches the target. */
@PgVectorDatabase
class RecallAdvisorTest {

    private static final int DIMS = 32;
    private static final IndexedExpression COLUMN = IndexedExpression.column("embedding", VectorType.VECTOR, DIMS);
    private static List<float[]> probes;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        float[][] centres = SearchData.centres(50, DIMS, 8);
        SearchData.load(db, "points", 10_000, centres, 1.5, 9);
        db.execute(IndexDefinition.hnsw("points", COLUMN, Metric.L2).build().createSql());
        Random random = new Random(10);
        probes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            probes.add(SearchData.near(centres[random.nextInt(centres.length)], 1.5, random));
        }
    }

    @Test
    void recallMatchesAnIndependentComputationAndRisesWithEfSearch(TestDatabase db) throws SQLException {
        RecallAdvisor.RecallReport report;
        try (Connection c = db.connect()) {
            report = RecallAdvisor.on("points", "id", COLUMN, Metric.L2).k(10).efSearch(1, 10, 40, 200)
                    .targetRecall(0.95).queries(probes).measure(c);
        }
        System.out.print("[measure] recall advisor report:\n" + report.toTable());
        assertThat(report.rows()).hasSize(4);
        for (RecallAdvisor.RecallReport.Row row : report.rows()) {
            assertThat(row.recall()).as(row.name()).isCloseTo(independentRecall(db, row.settings()), within(1e-9));
            assertThat(row.medianMillis()).isPositive();
        }
        assertThat(report.rows().get(0).recall()).isLessThan(report.rows().get(3).recall());
        assertThat(report.rows().get(3).recall()).isGreaterThanOrEqualTo(0.95);
        RecallAdvisor.RecallReport.Row recommended = report.recommended().orElseThrow();
        assertThat(report.rows().subList(0, report.rows().indexOf(recommended))).allMatch(r -> r.recall() < 0.95);
        assertThat(report.toTable()).contains("<- recommended").contains("recommended: " + recommended.name());
    }

    @Test
    void sampleFromTheTableNeedsNoQueries(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            RecallAdvisor.RecallReport report = RecallAdvisor.on("points", "id", COLUMN, Metric.L2).k(5).efSearch(100)
                    .sampleFromTable(10).measure(c);
            assertThat(report.queries()).isEqualTo(10);
            assertThat(report.rows().get(0).recall()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void measuresTheIndexOnATableThePlannerWouldScanAndRefusesWithoutIndex(TestDatabase db) throws SQLException {
        float[][] centres = SearchData.centres(5, DIMS, 3);
        SearchData.load(db, "few_points", 300, centres, 1.5, 4);
        db.execute("analyze few_points");
        RecallAdvisor advisor = RecallAdvisor.on("few_points", "id", COLUMN, Metric.L2).k(10).efSearch(1, 40).queries(probes);
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> advisor.measure(c)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no index serves ORDER BY embedding <-> on few_points");
            db.execute(IndexDefinition.hnsw("few_points", COLUMN, Metric.L2).build().createSql());
            RecallAdvisor.RecallReport report = advisor.measure(c);
            System.out.print("[measure] recall advisor on 300 rows:\n" + report.toTable());
            // an HNSW scan returns at most ef_search rows: at ef_search = 1 one row, not always of the exact ten;
            // a sequential scan would have returned all ten (recall 1.0)
            assertThat(report.rows().get(0).recall()).isLessThanOrEqualTo(0.1 + 1e-9);
            assertThat(report.rows().get(1).recall()).isGreaterThan(0.1);
        }
    }

    private static double independentRecall(TestDatabase db, SearchSettings settings) throws SQLException {
        double sum = 0;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (float[] probe : probes) {
                Set<Long> exact = new HashSet<>(ids(c, probe, SearchSettings.builder().exact(true).build()));
                List<Long> approximate = ids(c, probe, settings);
                sum += approximate.stream().filter(exact::contains).count() / 10.0;
            }
        }
        return sum / probes.size();
    }

    private static List<Long> ids(Connection c, float[] probe, SearchSettings settings) throws SQLException {
        settings.applyLocal(c);
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from points order by embedding <-> ? limit 10")) {
            ps.setObject(1, VectorValues.toParameter(VectorType.VECTOR, probe));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        c.rollback();
        return ids;
    }
}
