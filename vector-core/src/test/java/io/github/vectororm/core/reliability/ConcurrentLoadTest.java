package io.github.vectororm.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.LoadRun;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Concurrent COPY writers ({@link VectorCopyWriter}) and filtered k-NN readers (iterative scan) on one HNSW-indexed
 * table over a HikariCP pool, and the bounded load run for plain JDBC + {@link SearchSettings}.
 */
@PgVectorDatabase
class ConcurrentLoadTest {

    static final int DIMENSIONS = 16;
    static final int CATEGORIES = 10;
    static final int K = 10;
    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int ROWS_PER_WRITER = 400;
    private static final int UNIT = 100;
    private static final int BASE_ROWS = 200;
    /** A filter on one category in ten: without an iterative scan HNSW returns fewer than k rows. */
    static final SearchSettings ITERATIVE = SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();

    @Test
    void copyWritersAndFilteredKnnReadersConcurrently(TestDatabase db) throws Exception {
        createTable(db, "conc_items");
        try (HikariDataSource pool = Pools.pool(PgVectorTypes.withBinaryTransfer(db.jdbcUrl()), WRITERS + READERS)) {
            copy(pool, "conc_items", -1, 0, BASE_ROWS); // every category has k rows before the readers start
            LoadRun.Concurrency run = LoadRun.writeWhileReading(WRITERS, writer -> {
                for (int unit = 0; unit < ROWS_PER_WRITER / UNIT; unit++) {
                    copy(pool, "conc_items", writer, 1_000_000L * (writer + 1) + unit * UNIT, UNIT);
                }
            }, READERS, (reader, i) -> knn(pool, "conc_items", (int) ((reader + i) % CATEGORIES), vector(i * 31 + reader)), K);
            long total = count(pool, "select count(*) from conc_items");
            long perWriterOk = count(pool, "select count(*) from (select writer from conc_items where writer >= 0"
                    + " group by writer having count(*) = " + ROWS_PER_WRITER + ") w");
            System.out.printf("[measure] concurrency vector-core: writers=%d x %d rows by VectorCopyWriter (%d-row COPY units,"
                    + " %.0f rows/s), readers=%d, filtered k-NN queries=%d (iterative scan), rows read=%d, short results=%d,"
                    + " rows counted back=%d (= %d base + %d), writers complete=%d of %d, errors=0, deadlocks=0%n",
                    WRITERS, ROWS_PER_WRITER, UNIT, WRITERS * ROWS_PER_WRITER / run.writeSeconds(), READERS, run.queries(),
                    run.rowsRead(), run.shortResults(), total, BASE_ROWS, WRITERS * ROWS_PER_WRITER, perWriterOk, WRITERS);
            assertThat(total).isEqualTo(BASE_ROWS + WRITERS * ROWS_PER_WRITER);
            assertThat(perWriterOk).isEqualTo(WRITERS);
            assertThat(run.queries()).isGreaterThanOrEqualTo(READERS * 5L);
            assertThat(run.shortResults()).isZero();
        }
    }

    @Test
    void boundedLoadRun(TestDatabase db) throws Exception {
        createTable(db, "load_items");
        try (HikariDataSource pool = Pools.pool(PgVectorTypes.withBinaryTransfer(db.jdbcUrl()), LoadRun.THREADS)) {
            copy(pool, "load_items", -1, 0, 5_000);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("analyze load_items");
                c.setAutoCommit(false);
                ITERATIVE.applyLocal(c);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("explain (costs off) select id from load_items where category = 3"
                        + " order by embedding <-> '" + new PGvector(vector(1)) + "' limit " + K)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1).strip()).append(' ');
                    }
                }
                c.commit();
                System.out.printf("[measure] load vector-core: 5000 rows, plan of the measured query: %s%n",
                        plan.toString().replaceAll("'\\[[^']*'", "?").strip());
                assertThat(plan.toString()).contains("Index Scan using load_items_embedding_hnsw_l2_idx");
            }
            LoadRun.run("vector-core (JDBC + SearchSettings, filtered k-NN, iterative scan)",
                    (thread, i) -> knn(pool, "load_items", Math.floorMod(i + thread, CATEGORIES), vector(i * 7 + thread)));
        }
    }

    static void createTable(TestDatabase db, String table) throws SQLException {
        db.execute("create table " + table + " (id bigint primary key, writer integer not null, category integer not null,"
                        + " embedding vector(" + DIMENSIONS + ") not null)",
                IndexDefinition.hnsw(table, IndexedExpression.column("embedding", VectorType.VECTOR, DIMENSIONS), Metric.L2)
                        .build().createSql());
    }

    /** One COPY unit in its own transaction. */
    private static void copy(HikariDataSource pool, String table, int writer, long firstId, int rows) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (VectorCopyWriter w = VectorCopyWriter.into(c, table).column("id", CopyType.BIGINT)
                    .column("writer", CopyType.INTEGER).column("category", CopyType.INTEGER)
                    .column("embedding", CopyType.VECTOR).open()) {
                for (int i = 0; i < rows; i++) {
                    long id = firstId + i;
                    w.addRow(id, writer, (int) (id % CATEGORIES), vector(id));
                }
                assertThat(w.finish()).isEqualTo(rows);
            }
            c.commit();
        }
    }

    /** The k nearest rows of one category, with an iterative scan in the query's transaction; checks the filter held. */
    private static int knn(HikariDataSource pool, String table, int category, float[] probe) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            ITERATIVE.applyLocal(c);
            int hits = 0;
            try (PreparedStatement ps = c.prepareStatement("select category, embedding <-> ? from " + table
                    + " where category = ? order by embedding <-> ? limit " + K)) {
                PGvector v = new PGvector(probe);
                ps.setObject(1, v);
                ps.setInt(2, category);
                ps.setObject(3, v);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(1) != category) {
                            throw new AssertionError("filter category = " + category + " returned category " + rs.getInt(1));
                        }
                        hits++;
                    }
                }
            }
            c.commit();
            return hits;
        }
    }

    private static long count(HikariDataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static float[] vector(long i) {
        float[] v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = (float) Math.sin(i * 0.37 + d * 0.91);
        }
        return v;
    }
}
