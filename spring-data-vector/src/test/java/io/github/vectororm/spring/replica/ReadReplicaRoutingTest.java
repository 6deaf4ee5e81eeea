package io.github.vectororm.spring.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.test.ReadmeSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;

/**
 * A Spring Boot application with a primary and a streaming standby ({@code scripts/replica.sh}, private clusters on
 * 127.0.0.1:5443/5444): writes land on the primary, the repository's vector searches run on the standby, with its
 * HNSW index, and return what the primary would.
 */
// starts private clusters (ports 5440-5444, this machine's PostgreSQL binaries, runuser): run with -Pclusters
@Tag("clusters")
class ReadReplicaRoutingTest {

    private static final Map<String, String> ENV = Map.of("REPLICA_PRIMARY_PORT", "5443", "REPLICA_STANDBY_PORT", "5444",
            "REPLICA_DIR", "/var/tmp/vectororm-replica-spring");
    private static Map<String, String> urls;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        urls = replica("start");
        context = new SpringApplicationBuilder(ReplicaApplication.class).properties(
                "app.primary-url=" + urls.get("primary"), "app.standby-url=" + urls.get("standby"),
                "spring.jpa.hibernate.ddl-auto=create-drop").run();
    }

    @AfterAll
    static void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        replica("stop");
    }

    @Test
    void searchesRunOnTheStandbyWritesOnThePrimary() throws Exception {
        NoteRepository notes = context.getBean(NoteRepository.class);
        Random random = new Random(5);
        List<Note> rows = new ArrayList<>();
        for (long id = 1; id <= 2000; id++) {
            rows.add(new Note(id, vector(random)));
        }
        notes.saveAll(rows);
        waitForReplay();

        assertThat(notes.writeTransactionRunsOnStandby()).as("read-write transaction on the primary").isFalse();
        assertThat(notes.readOnlyTransactionRunsOnStandby()).as("read-only transaction on the standby").isTrue();

        float[] probe = vector(new Random(6));
        List<Nearest<Note>> hits = notes.findNearest("embedding", Metric.L2, probe, Limit.of(10));
        List<long[]> expected = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(urls.get("primary"));
                PreparedStatement ps = c.prepareStatement("select id, embedding <-> ?::vector from notes order by embedding <-> ?::vector limit 10")) {
            ps.setString(1, VectorCodec.format(probe));
            ps.setString(2, VectorCodec.format(probe));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expected.add(new long[] {rs.getLong(1)});
                    distances.add(rs.getDouble(2));
                }
            }
        }
        assertThat(hits).extracting(h -> h.entity().getId()).containsExactlyElementsOf(expected.stream().map(e -> e[0]).toList());
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.get(i).distance()).isCloseTo(distances.get(i), within(1e-9));
        }
        try (Connection c = DriverManager.getConnection(urls.get("standby")); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain select id from notes order by embedding <-> '"
                    + VectorCodec.format(probe) + "' limit 10")) {
                while (rs.next()) {
                    plan.append(rs.getString(1));
                }
            }
            assertThat(plan.toString()).contains("Index Scan using notes_embedding_hnsw_l2_idx");
        }
        System.out.printf("[measure] replica routing: %d rows written on the primary, 10 neighbors read on the standby,"
                + " equal to the primary's%n", rows.size());
        ReadmeSnippets.assertPageShows("docs/operations.md", ReplicaApplication.class, "replica");
    }

    private static void waitForReplay() throws SQLException, InterruptedException {
        String lsn;
        try (Connection c = DriverManager.getConnection(urls.get("primary")); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_current_wal_lsn()")) {
            rs.next();
            lsn = rs.getString(1);
        }
        try (Connection c = DriverManager.getConnection(urls.get("standby"));
                PreparedStatement ps = c.prepareStatement("select pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
            ps.setString(1, lsn);
            for (int i = 0; i < 300; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the standby did not replay the primary's WAL up to " + lsn + " within 30 s");
    }

    private static float[] vector(Random random) {
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Runs scripts/replica.sh with this test's ports; fails (never skips) with the script's output when it cannot. */
    private static Map<String, String> replica(String command) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("scripts/replica.sh"))) {
            root = root.getParent();
        }
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("scripts/replica.sh").toString(), command)
                .redirectErrorStream(true);
        builder.environment().putAll(ENV);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("scripts/replica.sh " + command + " failed:\n" + out);
        }
        Map<String, String> found = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(eq + 1).startsWith("jdbc:")) {
                found.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return found;
    }
}
