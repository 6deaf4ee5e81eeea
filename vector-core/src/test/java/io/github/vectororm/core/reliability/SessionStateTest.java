package io.github.vectororm.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With a pool of one connection every borrower gets the same session: search settings applied through
 * {@link SearchSettings#applyLocal} must be gone for the next borrower, whether the transaction committed,
 * failed, timed out or was abandoned; binary transfer must hold on every connection the pool hands out.
 */
@PgVectorDatabase
class SessionStateTest {

    static final SearchSettings EVERYTHING = SearchSettings.builder().hnswEfSearch(321).hnswIterativeScan(IterativeScan.STRICT_ORDER)
            .hnswMaxScanTuples(777).ivfflatProbes(9).ivfflatIterativeScan(IterativeScan.RELAXED_ORDER).exact(true).build();

    @Test
    void settingsEndWithTheTransactionHoweverItEnds(TestDatabase db) throws SQLException {
        int borrows = 0;
        try (HikariDataSource pool = Pools.pool(db.jdbcUrl(), 1)) {
            int pid;
            try (Connection c = pool.getConnection()) {
                pid = Pools.backendPid(c);
                // pgvector's settings exist once its library is loaded in the session, by the first use of a vector
                query(c, "select '[1]'::vector");
                assertThat(Pools.settings(c)).isEqualTo(Pools.DEFAULTS);
            }
            // 1. committed
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                EVERYTHING.applyLocal(c);
                assertThat(Pools.settings(c)).containsEntry("hnsw.ef_search", "321").containsEntry("enable_indexscan", "off");
                c.commit();
            }
            borrows += expectDefaults(pool, pid);
            // 2. the query fails, the caller rolls back
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                EVERYTHING.applyLocal(c);
                assertThatThrownBy(() -> query(c, "select 1 / 0")).isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22012");
                c.rollback();
            }
            borrows += expectDefaults(pool, pid);
            // 3. the query fails and the caller just closes: the pool rolls the open transaction back
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                EVERYTHING.applyLocal(c);
                assertThatThrownBy(() -> query(c, "select 1 / 0")).isInstanceOf(SQLException.class);
            }
            borrows += expectDefaults(pool, pid);
            // 4. SET LOCAL statement_timeout: the statement is cancelled (57014), the timeout ends with the transaction
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                EVERYTHING.applyLocal(c);
                query(c, "select set_config('statement_timeout', '50', true)");
                assertThatThrownBy(() -> query(c, "select pg_sleep(30)")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("canceling statement due to statement timeout")
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
                c.rollback();
            }
            borrows += expectDefaults(pool, pid);
            // 5. Statement.setQueryTimeout: pgjdbc cancels the statement (57014 as well), then the transaction ends
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                EVERYTHING.applyLocal(c);
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout(1);
                    assertThatThrownBy(() -> s.execute("select pg_sleep(30)")).isInstanceOf(SQLException.class)
                            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
                }
                c.rollback();
            }
            borrows += expectDefaults(pool, pid);
            // 6. auto-commit is refused rather than silently doing nothing
            try (Connection c = pool.getConnection()) {
                assertThatThrownBy(() -> EVERYTHING.applyLocal(c)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("auto-commit");
            }
            borrows += expectDefaults(pool, pid);
        }
        System.out.printf("[measure] session state: 6 ways a transaction ends, %d later borrowers of the one pooled"
                + " connection saw all %d settings at server defaults%n", borrows, Pools.DEFAULTS.size());
    }

    /** Borrows the single connection again: same backend, every setting at its default. */
    private static int expectDefaults(HikariDataSource pool, int pid) throws SQLException {
        try (Connection c = pool.getConnection()) {
            assertThat(Pools.backendPid(c)).as("the pool of one hands out the same session").isEqualTo(pid);
            assertThat(Pools.settings(c)).isEqualTo(Pools.DEFAULTS);
        }
        return 1;
    }

    @Test
    void binaryTransferHoldsOnEveryConnectionThePoolHandsOut(TestDatabase db) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        int checks = 0;
        try (HikariDataSource urlPool = Pools.pool(PgVectorTypes.withBinaryTransfer(db.jdbcUrl("prepareThreshold", "-1")), 1);
                HikariDataSource plainPool = Pools.pool(db.jdbcUrl("prepareThreshold", "-1"), 1);
                Connection admin = db.connect()) {
            for (int round = 0; round < 3; round++) {
                for (HikariDataSource pool : new HikariDataSource[] {urlPool, plainPool}) {
                    try (Connection c = pool.getConnection()) {
                        boolean fresh = pids.add(Pools.backendPid(c));
                        if (pool == plainPool) {
                            if (fresh) {
                                assertThat(Pools.binaryVector(c)).as("a new connection of the plain pool is not binary yet").isFalse();
                            }
                            PgVectorTypes.ensureRegistered(c); // cheap when already registered
                        }
                        assertThat(Pools.binaryVector(c)).isTrue();
                        try (PreparedStatement ps = c.prepareStatement("select ?::vector(3)")) {
                            ps.setObject(1, new PGvector(new float[] {1, 2, round}));
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                assertThat(rs.getObject(1)).isInstanceOf(PGvector.class);
                                assertThat(((PGvector) rs.getObject(1)).toArray()).containsExactly(1, 2, round);
                            }
                        }
                        checks++;
                        if (round == 0) {
                            continue;
                        }
                        if (round == 1) {
                            pool.getHikariPoolMXBean().softEvictConnections(); // evicted when returned
                        } else {
                            Pools.terminate(admin, Pools.backendPid(c)); // the server ends the session under the pool
                        }
                    }
                }
            }
            // After pg_terminate_backend the pool still holds the dead connection: HikariCP skips its liveness check
            // for connections used in the last 500 ms, so one borrower can get it and sees 57P01 on first use; the
            // pool then evicts it and the next borrower gets a new, binary-capable connection.
            int firstUseFailures = 0;
            for (HikariDataSource pool : new HikariDataSource[] {urlPool, plainPool}) {
                for (int attempt = 0; ; attempt++) {
                    try (Connection c = pool.getConnection()) {
                        if (pool == plainPool) {
                            PgVectorTypes.ensureRegistered(c);
                        }
                        pids.add(Pools.backendPid(c));
                        assertThat(Pools.binaryVector(c)).isTrue();
                        checks++;
                        break;
                    } catch (SQLException e) {
                        assertThat(attempt).as("only the first borrower may see the dead connection").isZero();
                        assertThat(e.getSQLState()).isIn("57P01", "08006", "08003");
                        firstUseFailures++;
                    }
                }
            }
            System.out.printf("[measure] borrowers that got the terminated connection before the pool replaced it: %d%n",
                    firstUseFailures);
        }
        System.out.printf("[measure] binary transfer: %d borrows over %d distinct backends (after soft eviction and"
                + " pg_terminate_backend), vector sent and read in binary on every one%n", checks, pids.size());
        assertThat(pids.size()).isGreaterThanOrEqualTo(5);
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
