package io.github.vectororm.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backend terminated in the middle of a COPY, a JDBC batch and a k-NN query: the caller gets a clear exception,
 * no row of the failed unit is visible, and the pool serves the next call. A trigger (or filter) sleeps at one
 * row, and the test terminates the backend once pg_stat_activity shows it sleeping there: the fault lands inside
 * the unit without any timing assumption.
 */
@PgVectorDatabase
class FaultsTest {

    private static final int ROWS = 2_000;
    private static final int SLOW_ROW = 1_000;
    private static TestDatabase db;

    @BeforeAll
    static void schema(TestDatabase database) throws SQLException {
        db = database;
        db.execute("create table items (id bigint primary key, category integer, embedding vector(8))",
                "create function items_slow_row() returns trigger language plpgsql as $$ begin"
                        + " if new.id = " + SLOW_ROW + " then perform pg_sleep(60); end if; return new; end $$",
                "create trigger items_slow before insert on items for each row execute function items_slow_row()",
                "create table docs (id bigint primary key, embedding vector(8))",
                "create function slow_at(id bigint, at bigint) returns boolean volatile language plpgsql as $$ begin"
                        + " if id = at then perform pg_sleep(60); end if; return true; end $$");
        try (Connection c = db.connect(); VectorCopyWriter w = VectorCopyWriter.into(c, "docs").column("id", CopyType.BIGINT)
                .column("embedding", CopyType.VECTOR).open()) {
            for (long i = 0; i < 5_000; i++) {
                w.addRow(i, vector(i));
            }
            w.finish();
        }
        db.execute("create index on docs using hnsw (embedding vector_l2_ops)", "analyze docs");
    }

    @Test
    void backendTerminatedDuringCopyBatchAndQuery() throws Exception {
        int faults = 0;
        try (HikariDataSource pool = Pools.pool(PgVectorTypes.withBinaryTransfer(db.jdbcUrl()), 1);
                Connection admin = db.connect()) {
            // 1. COPY (FORMAT BINARY) through VectorCopyWriter
            Throwable copyFailure = underFault(pool, admin, c -> {
                try (VectorCopyWriter w = VectorCopyWriter.into(c, "items").column("id", CopyType.BIGINT)
                        .column("category", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
                    for (long i = 0; i < ROWS; i++) {
                        w.addRow(i, (int) (i % 10), vector(i));
                    }
                    w.finish();
                }
            });
            faults++;
            System.out.printf("[measure] COPY under pg_terminate_backend: %s%n", copyFailure);
            assertThat(copyFailure).isInstanceOf(SQLException.class).hasMessageContaining("COPY into items");
            assertThat(((SQLException) copyFailure).getSQLState()).as("a connection-class SQLState").startsWith("08");
            assertThat(count(pool, "items")).as("no row of the cancelled COPY").isZero();

            // 2. a JDBC batch of inserts in one transaction
            Throwable batchFailure = underFault(pool, admin, c -> {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("insert into items values (?, ?, ?)")) {
                    for (long i = 0; i < ROWS; i++) {
                        ps.setLong(1, i);
                        ps.setInt(2, (int) (i % 10));
                        ps.setObject(3, new PGvector(vector(i)));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            });
            faults++;
            System.out.printf("[measure] JDBC batch under pg_terminate_backend: %s%n", batchFailure);
            assertThat(batchFailure).isInstanceOf(SQLException.class);
            assertThat(((SQLException) batchFailure).getSQLState()).isIn("57P01", "08006");
            assertThat(count(pool, "items")).as("no row of the failed batch").isZero();

            // 3. an exact k-NN query whose filter sleeps at one row
            Throwable queryFailure = underFault(pool, admin, c -> {
                c.setAutoCommit(false);
                SearchSettings.builder().exact(true).build().applyLocal(c);
                try (PreparedStatement ps = c.prepareStatement(
                        "select id from docs where slow_at(id, 2500) order by embedding <-> ? limit 5")) {
                    ps.setObject(1, new PGvector(vector(7)));
                    ps.executeQuery().close();
                }
            });
            faults++;
            System.out.printf("[measure] k-NN query under pg_terminate_backend: %s%n", queryFailure);
            assertThat(queryFailure).isInstanceOf(SQLException.class);
            assertThat(((SQLException) queryFailure).getSQLState()).isIn("57P01", "08006");

            // the pool recovers: the same work without a fault succeeds on the next borrow
            int recovered = 0;
            try (Connection c = borrowLive(pool)) {
                try (PreparedStatement ps = c.prepareStatement("select id from docs order by embedding <-> ? limit 5")) {
                    ps.setObject(1, new PGvector(vector(7)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            recovered++;
                        }
                    }
                }
                try (VectorCopyWriter w = VectorCopyWriter.into(c, "items").column("id", CopyType.BIGINT)
                        .column("category", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
                    for (long i = 0; i < SLOW_ROW; i++) { // stops before the slow row
                        w.addRow(i, (int) (i % 10), vector(i));
                    }
                    assertThat(w.finish()).isEqualTo(SLOW_ROW);
                }
            }
            long rows = count(pool, "items");
            System.out.printf("[measure] faults injected=%d, rows visible from failed units=0, after recovery: k-NN rows=%d,"
                    + " COPY rows written and counted back=%d%n", faults, recovered, rows);
            assertThat(recovered).isEqualTo(5);
            assertThat(rows).isEqualTo(SLOW_ROW);
            db.execute("truncate items");
        }
    }

    @Test
    void statementTimeoutOnAnExactScanIsSqlState57014() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            SearchSettings.builder().exact(true).build().applyLocal(c);
            try (Statement s = c.createStatement()) {
                s.execute("select set_config('statement_timeout', '100', true)");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from docs where slow_at(id, 10) order by embedding <-> ? limit 5")) {
                ps.setObject(1, new PGvector(vector(3)));
                assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class)
                        .satisfies(e -> System.out.printf("[measure] statement timeout on an exact scan: SQLState %s, %s%n",
                                ((SQLException) e).getSQLState(), e.getMessage()))
                        .hasMessageContaining("canceling statement due to statement timeout")
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            }
            c.rollback();
        }
    }

    @FunctionalInterface
    interface Work {
        void run(Connection c) throws Exception;
    }

    /** Runs work on a pooled connection and terminates its backend once it sleeps in the slow step. */
    private static Throwable underFault(HikariDataSource pool, Connection admin, Work work) throws Exception {
        try (Connection c = borrowLive(pool)) {
            int pid = Pools.backendPid(c);
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                try {
                    Pools.awaitSleeping(admin, pid);
                    Pools.terminate(admin, pid);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Throwable failure = null;
            try {
                work.run(c);
            } catch (Exception e) {
                failure = e;
            }
            killer.get();
            assertThat(failure).as("the work was interrupted by the fault").isNotNull();
            return failure;
        }
    }

    /** The first borrow after a fault may hand out the dead connection once (see SessionStateTest); retry once. */
    private static Connection borrowLive(HikariDataSource pool) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            Connection c = pool.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("select 1");
                return c;
            } catch (SQLException e) {
                c.close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private static long count(HikariDataSource pool, String table) throws SQLException {
        try (Connection c = borrowLive(pool); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static float[] vector(long i) {
        float[] v = new float[8];
        for (int d = 0; d < 8; d++) {
            v[d] = (float) Math.sin(i * 0.37 + d);
        }
        return v;
    }
}
