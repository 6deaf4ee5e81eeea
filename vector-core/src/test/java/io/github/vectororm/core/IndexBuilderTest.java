package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real build reports increasing progress and ends at done; IVFFlat is rebuilt with lists from the row count. */
@PgVectorDatabase
class IndexBuilderTest {

    private static final int DIMS = 64;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table builds (id bigint primary key, embedding vector(" + DIMS + "))");
        Random random = new Random(12);
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "builds")
                .column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
            for (long i = 0; i < 30_000; i++) {
                float[] v = new float[DIMS];
                for (int d = 0; d < DIMS; d++) {
                    v[d] = random.nextFloat();
                }
                writer.addRow(i, v);
            }
            writer.finish();
        }
    }

    @Test
    void progressIncreasesAndEndsAtDone(TestDatabase db) throws SQLException {
        IndexDefinition index = IndexDefinition.hnsw("builds", IndexedExpression.column("embedding", VectorType.VECTOR, DIMS),
                Metric.L2).m(8).efConstruction(32).build();
        List<IndexBuilder.Progress> seen = new ArrayList<>();
        IndexBuilder.Result result = IndexBuilder.using(db.dataSource()).maintenanceWorkMem("256MB").parallelWorkers(0)
                .pollInterval(Duration.ofMillis(20)).build(index, seen::add);
        System.out.printf("[measure] HNSW build of 30k x %d-d: %d progress reports, %d ms, %d kB%n", DIMS, seen.size(),
                result.duration().toMillis(), result.sizeBytes() / 1024);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1).done()).isTrue();
        assertThat(seen.subList(0, seen.size() - 1)).allMatch(p -> p.phase().startsWith("building index") || p.phase().startsWith("initializing"));
        assertThat(seen.stream().filter(p -> !p.done()).mapToLong(IndexBuilder.Progress::tuplesDone).max().orElse(0))
                .as("tuples loaded were reported").isPositive();
        for (int i = 1; i < seen.size() - 1; i++) {
            IndexBuilder.Progress before = seen.get(i - 1);
            IndexBuilder.Progress now = seen.get(i);
            if (before.phase().equals(now.phase())) {
                assertThat(now.tuplesDone()).as("within a phase progress only grows").isGreaterThanOrEqualTo(before.tuplesDone());
                assertThat(now.blocksDone()).isGreaterThanOrEqualTo(before.blocksDone());
            }
        }
        assertThat(result.sizeBytes()).isPositive();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show maintenance_work_mem")) {
            rs.next();
            assertThat(rs.getString(1)).as("the setting stayed on the build connection").isNotEqualTo("256MB");
        }
        db.execute(index.dropSql());
    }

    @Test
    void ivfflatRebuildRecomputesLists(TestDatabase db) throws SQLException {
        IndexDefinition index = IndexDefinition.ivfflat("builds", IndexedExpression.column("embedding", VectorType.VECTOR, DIMS),
                Metric.L2).lists(2).build();
        db.execute(index.createSql());
        IndexDefinition rebuilt = IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { });
        assertThat(rebuilt.lists()).hasValue(30);
        assertThat(rebuilt.name()).isEqualTo(index.name());
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select indexdef from pg_indexes where tablename = 'builds' and indexdef like '%ivfflat%'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains(index.name()).contains("lists='30'");
            assertThat(rs.next()).as("the old index is gone").isFalse();
        }
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).maintenanceWorkMem("lots"))
                .hasMessageContaining("must look like 512MB");
    }
}
