package io.github.vectororm.core.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.core.BaseConnection;

/** HikariCP pools and the session state a borrower can observe. */
final class Pools {

    /** The settings the library may change, with the server defaults a fresh session sees. */
    static final Map<String, String> DEFAULTS = defaults();

    private Pools() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("hnsw.ef_search", "40");
        d.put("hnsw.iterative_scan", "off");
        d.put("hnsw.max_scan_tuples", "20000");
        d.put("ivfflat.probes", "1");
        d.put("ivfflat.iterative_scan", "off");
        d.put("enable_indexscan", "on");
        d.put("plan_cache_mode", "auto");
        d.put("statement_timeout", "0");
        return d;
    }

    static HikariDataSource pool(String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        config.setPoolName("reliability-" + size);
        return new HikariDataSource(config);
    }

    /** The current values of {@link #DEFAULTS}' settings on a connection. */
    static Map<String, String> settings(Connection c) throws SQLException {
        Map<String, String> now = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select current_setting(?)")) {
            for (String name : DEFAULTS.keySet()) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    now.put(name, rs.getString(1));
                }
            }
        }
        return now;
    }

    static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether pgjdbc sends {@code vector} parameters in binary on this connection. */
    static boolean binaryVector(Connection c) throws SQLException {
        BaseConnection base = c.unwrap(BaseConnection.class);
        return base.binaryTransferSend(base.getTypeInfo().getPGType("vector"));
    }

    static void terminate(Connection admin, int pid) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("select pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("backend " + pid + " was not terminated");
                }
            }
        }
    }

    /** Waits (without a deadline beyond 60 s) until a backend sleeps in pg_sleep, i.e. is inside the slow step. */
    static void awaitSleeping(Connection admin, int pid) throws SQLException, InterruptedException {
        try (PreparedStatement ps = admin.prepareStatement(
                "select count(*) from pg_stat_activity where pid = ? and wait_event = 'PgSleep'")) {
            ps.setInt(1, pid);
            for (int i = 0; i < 6000; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("backend " + pid + " never reached pg_sleep");
    }
}
