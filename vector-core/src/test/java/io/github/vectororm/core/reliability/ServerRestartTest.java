package io.github.vectororm.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.ClusterScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A server restart during a loop of COPY units and k-NN queries, on a cluster of this test's own
 * ({@code scripts/fault-cluster.sh}, loopback port 5440; never the shared server): errors during the outage,
 * full service after it, and every committed unit complete, none half-written.
 */
// starts private clusters (ports 5440-5444, this machine's PostgreSQL binaries, runuser): run with -Pclusters
@Tag("clusters")
class ServerRestartTest {

    private static final int UNIT = 50;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        url = script("start").strip();
    }

    @AfterAll
    static void stop() throws Exception {
        script("stop");
    }

    @Test
    void restartDuringLoadLosesNothingCommittedAndLeavesNoHalfUnit() throws Exception {
        try (HikariDataSource pool = Pools.pool(PgVectorTypes.withBinaryTransfer(url), 2)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop table if exists units");
                s.execute("create table units (unit integer, n integer, embedding vector(8))");
                s.execute("create index on units using hnsw (embedding vector_l2_ops)");
            }
            int committed = 0;
            int failedUnits = 0;
            int queries = 0;
            int failedQueries = 0;
            int afterRestart = 0;
            CompletableFuture<String> restart = null;
            for (int unit = 0; afterRestart < 20; unit++) {
                if (unit == 20) {
                    restart = CompletableFuture.supplyAsync(() -> script("restart"));
                }
                try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    try (VectorCopyWriter w = VectorCopyWriter.into(c, "units").column("unit", CopyType.INTEGER)
                            .column("n", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
                        for (int n = 0; n < UNIT; n++) {
                            w.addRow(unit, n, FaultsTest.vector(unit * 1000L + n));
                        }
                        w.finish();
                    }
                    c.commit();
                    committed++;
                    try (PreparedStatement ps = c.prepareStatement("select unit from units order by embedding <-> ? limit 5")) {
                        ps.setObject(1, new PGvector(FaultsTest.vector(unit)));
                        try (ResultSet rs = ps.executeQuery()) {
                            int rows = 0;
                            while (rs.next()) {
                                rows++;
                            }
                            assertThat(rows).isEqualTo(5);
                        }
                    }
                    c.commit();
                    queries++;
                    if (restart != null && restart.isDone()) {
                        afterRestart++;
                    }
                } catch (SQLException e) {
                    // during the outage: connection refused/terminated/shutting down
                    assertThat(e.getSQLState()).as(e.toString()).isNotNull().matches("08...|57P0[1-3]");
                    failedUnits++;
                    failedQueries++;
                    if (failedUnits > 2_000) {
                        throw new AssertionError("the server never came back", e);
                    }
                    Thread.sleep(20);
                }
                if (unit > 100_000) {
                    throw new AssertionError("no progress");
                }
            }
            restart.get();
            long rows;
            long incompleteUnits;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select count(*) from units")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("select count(*) from (select unit from units group by unit having count(*) <> "
                        + UNIT + ") x")) {
                    rs.next();
                    incompleteUnits = rs.getLong(1);
                }
            }
            System.out.printf("[measure] server restart: faults injected=1 (pg_ctl restart -m fast), units committed=%d,"
                    + " units failed during the outage=%d, k-NN queries ok=%d, units completed after the restart=%d,"
                    + " rows read back=%d (= %d x %d), half-written units=%d%n", committed, failedUnits, queries, afterRestart,
                    rows, committed, UNIT, incompleteUnits);
            assertThat(failedUnits).as("the restart was noticed").isPositive();
            assertThat(incompleteUnits).isZero();
            assertThat(rows).isEqualTo((long) committed * UNIT);
        }
    }

    /** Runs scripts/fault-cluster.sh; fails (never skips) with the script's output when it cannot. */
    private static String script(String command) {
        return ClusterScript.run("fault-cluster.sh", command);
    }
}
