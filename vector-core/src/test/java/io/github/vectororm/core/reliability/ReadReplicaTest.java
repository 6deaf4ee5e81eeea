package io.github.vectororm.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.pgvector.PGvector;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.ClusterScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * k-NN reads on a streaming read replica: {@code scripts/replica.sh} starts a private primary (127.0.0.1:5441) and a
 * standby made with {@code pg_basebackup -R} (127.0.0.1:5442); the test writes and indexes on the primary, waits until
 * the standby has replayed the primary's WAL, then reads through pgjdbc's multi-host URL with
 * {@code targetServerType=preferSecondary}/{@code secondary} and writes with {@code targetServerType=primary}.
 */
// starts private clusters (ports 5440-5444, this machine's PostgreSQL binaries, runuser): run with -Pclusters
@Tag("clusters")
class ReadReplicaTest {

    private static final int ROWS = 10_000; // with fewer rows and ef_search=100 the planner prefers an exact scan
    private static final int DIMENSIONS = 16;
    private static final int K = 10;
    private static final String TABLE = "replica_items";
    private static final SearchSettings SETTINGS = SearchSettings.builder().hnswEfSearch(100)
            .hnswIterativeScan(IterativeScan.STRICT_ORDER).build();
    private static final IndexDefinition INDEX = IndexDefinition.hnsw(TABLE,
            IndexedExpression.column("embedding", VectorType.VECTOR, DIMENSIONS), Metric.L2).build();

    private static Map<String, String> urls;

    @BeforeAll
    static void startReplica() {
        script("stop"); // a clean pair, whatever an earlier run left
        urls = new HashMap<>();
        for (String line : script("start").split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("primary=") || line.startsWith("standby=") || line.startsWith("multihost=")) {
                urls.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        assertThat(urls).containsKeys("primary", "standby", "multihost");
    }

    @AfterAll
    static void stopReplica() {
        script("stop");
    }

    @Test
    void knnReadsRouteToTheStandbyAndMatchThePrimary() throws Exception {
        // 1. rows and an HNSW index on the primary
        try (Connection primary = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(urls.get("primary")))) {
            try (Statement s = primary.createStatement()) {
                s.execute("drop table if exists " + TABLE);
                s.execute("create table " + TABLE + " (id bigint primary key, category integer not null, embedding vector("
                        + DIMENSIONS + ") not null)");
            }
            primary.setAutoCommit(false);
            try (VectorCopyWriter w = VectorCopyWriter.into(primary, TABLE).column("id", CopyType.BIGINT)
                    .column("category", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
                for (int i = 0; i < ROWS; i++) {
                    w.addRow((long) i, i % 10, vector(i));
                }
                assertThat(w.finish()).isEqualTo(ROWS);
            }
            primary.commit();
            primary.setAutoCommit(true);
            try (Statement s = primary.createStatement()) {
                s.execute(INDEX.createSql());
                s.execute("analyze " + TABLE);
            }
        }

        // 2. wait until the standby has replayed everything the primary has written so far
        long waitedMs = awaitReplay();

        String readUrl = PgVectorTypes.withBinaryTransfer(urls.get("multihost") + "&targetServerType=preferSecondary");
        float[] probe = vector(4_242);
        List<String> primaryHits;
        List<String> primaryFiltered;
        try (Connection primary = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(urls.get("primary")))) {
            primaryHits = knn(primary, probe, null);
            primaryFiltered = knn(primary, probe, 3);
        }

        // 3. reads through the multi-host URL land on the standby, use its replica of the HNSW index, and equal the primary's
        List<String> standbyHits;
        List<String> standbyFiltered;
        String plan;
        String filteredPlan;
        String efInside;
        String efAfter;
        int standbyPort;
        boolean inRecovery;
        try (Connection read = DriverManager.getConnection(readUrl)) {
            inRecovery = queryString(read, "select pg_is_in_recovery()").matches("t|true");
            standbyPort = Integer.parseInt(queryString(read, "select inet_server_port()"));
            read.setAutoCommit(false);
            read.setReadOnly(true); // BEGIN READ ONLY: set_config(..., true) is allowed in a read-only transaction
            SETTINGS.applyLocal(read);
            efInside = queryString(read, "select current_setting('hnsw.ef_search') || '/' || current_setting('hnsw.iterative_scan')");
            plan = explain(read, probe, null);
            filteredPlan = explain(read, probe, 3);
            standbyHits = knn(read, probe, null);
            standbyFiltered = knn(read, probe, 3);
            read.commit();
            efAfter = queryString(read, "select current_setting('hnsw.ef_search')");
            read.commit();
        }
        System.out.printf("[measure] read replica: rows written on the primary=%d, standby replay wait=%d ms,"
                + " reading connection pg_is_in_recovery=%s port=%d, settings in the read-only transaction=%s (after it: %s),"
                + " plan=%s | filtered plan=%s%n", ROWS, waitedMs, inRecovery, standbyPort, efInside, efAfter,
                plan.replaceAll("'\\[[^']*'", "?").replace('\n', ' '), filteredPlan.replaceAll("'\\[[^']*'", "?").replace('\n', ' '));
        System.out.printf("[measure] read replica: top-%d ids+distances equal on primary and standby: %d of %d (unfiltered),"
                + " %d of %d (category = 3, iterative scan)%n", K, countEqual(primaryHits, standbyHits), primaryHits.size(),
                countEqual(primaryFiltered, standbyFiltered), primaryFiltered.size());
        assertThat(inRecovery).isTrue();
        assertThat(standbyPort).isEqualTo(port(urls.get("standby")));
        assertThat(efInside).isEqualTo("100/strict_order");
        assertThat(efAfter).isEqualTo("40");
        assertThat(plan).contains("Index Scan using " + INDEX.name());
        assertThat(filteredPlan).contains("Index Scan using " + INDEX.name());
        assertThat(primaryHits).hasSize(K);
        assertThat(primaryFiltered).hasSize(K);
        assertThat(standbyHits).isEqualTo(primaryHits);
        assertThat(standbyFiltered).isEqualTo(primaryFiltered);

        // 4. targetServerType=secondary also reads the standby, which refuses writes (SQLState 25006)
        SQLException refused;
        try (Connection secondary = DriverManager.getConnection(urls.get("multihost") + "&targetServerType=secondary");
                Statement s = secondary.createStatement()) {
            assertThat(queryString(secondary, "select pg_is_in_recovery()")).isIn("t", "true");
            refused = catchThrowableOfType(SQLException.class,
                    () -> s.execute("insert into " + TABLE + " values (-1, 0, '" + new PGvector(vector(-1)) + "')"));
        }
        assertThat((Throwable) refused).as("a write on the standby").isNotNull();
        assertThat(refused.getSQLState()).isEqualTo("25006");

        // 5. a write through targetServerType=primary lands on the primary, and reaches the standby by replication
        boolean writerInRecovery;
        int writerPort;
        try (Connection write = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(urls.get("multihost")
                + "&targetServerType=primary")); PreparedStatement ps = write.prepareStatement(
                        "insert into " + TABLE + " (id, category, embedding) values (?, ?, ?)")) {
            writerInRecovery = queryString(write, "select pg_is_in_recovery()").matches("t|true");
            writerPort = Integer.parseInt(queryString(write, "select inet_server_port()"));
            ps.setLong(1, ROWS);
            ps.setInt(2, 3);
            ps.setObject(3, new PGvector(probe));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        long onPrimary = countRow(urls.get("primary"));
        long secondWaitMs = awaitReplay();
        long onStandby = countRow(urls.get("standby"));
        List<String> afterWrite;
        try (Connection read = DriverManager.getConnection(readUrl)) {
            read.setAutoCommit(false);
            read.setReadOnly(true);
            SETTINGS.applyLocal(read);
            afterWrite = knn(read, probe, 3);
            read.commit();
        }
        System.out.printf("[measure] read replica: write via targetServerType=primary went to port %d (in recovery=%s);"
                + " row on primary=%d, on standby after a %d ms replay wait=%d, nearest on the standby now id %s;"
                + " write on the standby refused with %s%n", writerPort, writerInRecovery, onPrimary, secondWaitMs, onStandby,
                afterWrite.get(0), refused.getSQLState());
        assertThat(writerInRecovery).isFalse();
        assertThat(writerPort).isEqualTo(port(urls.get("primary")));
        assertThat(onPrimary).isEqualTo(1);
        assertThat(onStandby).isEqualTo(1);
        assertThat(afterWrite.get(0)).startsWith(ROWS + ":0.0");
    }

    /** "id:distance" of the k nearest rows (optionally of one category), in order. */
    private static List<String> knn(Connection c, float[] probe, Integer category) throws SQLException {
        String sql = "select id, embedding <-> ? as distance from " + TABLE + (category == null ? "" : " where category = ?")
                + " order by embedding <-> ? limit " + K;
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
            SETTINGS.applyLocal(c);
        }
        List<String> hits = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, new PGvector(probe));
            if (category != null) {
                ps.setInt(i++, category);
            }
            ps.setObject(i, new PGvector(probe));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hits.add(rs.getLong(1) + ":" + rs.getDouble(2));
                }
            }
        }
        if (own) {
            c.commit();
            c.setAutoCommit(true);
        }
        return hits;
    }

    private static String explain(Connection c, float[] probe, Integer category) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("explain (costs off) select id from " + TABLE
                + (category == null ? "" : " where category = " + category) + " order by embedding <-> ? limit " + K)) {
            ps.setObject(1, new PGvector(probe));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1).strip()).append('\n');
                }
            }
            return plan.toString().strip();
        }
    }

    /** Polls the standby until pg_last_wal_replay_lsn() has reached the primary's pg_current_wal_lsn(); returns ms waited. */
    private static long awaitReplay() throws SQLException, InterruptedException {
        String target;
        try (Connection primary = DriverManager.getConnection(urls.get("primary"))) {
            target = queryString(primary, "select pg_current_wal_lsn()");
        }
        long start = System.nanoTime();
        try (Connection standby = DriverManager.getConnection(urls.get("standby"));
                PreparedStatement ps = standby.prepareStatement("select pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
            ps.setString(1, target);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    }
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
                    throw new AssertionError("the standby did not replay up to " + target + " within 30 s");
                }
                Thread.sleep(10);
            }
        }
    }

    private static long countRow(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return Long.parseLong(queryString(c, "select count(*) from " + TABLE + " where id = " + ROWS));
        }
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int countEqual(List<String> a, List<String> b) {
        int equal = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i).equals(b.get(i))) {
                equal++;
            }
        }
        return equal;
    }

    private static int port(String url) {
        String hostPort = url.substring("jdbc:postgresql://".length(), url.indexOf('/', "jdbc:postgresql://".length()));
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    static float[] vector(long i) {
        float[] v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = (float) Math.sin(i * 0.61 + d * 1.3);
        }
        return v;
    }

    /** Runs scripts/replica.sh; fails (never skips) with the script's output when it cannot. */
    private static String script(String command) {
        return ClusterScript.run("replica.sh", command);
    }
}
