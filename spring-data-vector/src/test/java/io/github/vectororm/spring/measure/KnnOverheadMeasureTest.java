package io.github.vectororm.spring.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorSearch;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.Vector;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Where the time of a top-10 k-NN goes: raw JDBC (ids, and whole rows with the vector in binary) against
 * Hibernate's {@link VectorSearch}, the Spring Data fragment's {@code findNearest} and a derived {@code Near}
 * query, on one HNSW-indexed table of 768-d vectors (10k rows by default; {@code -Dvectororm.measure.rows=50000}
 * for the benchmark's size). Medians are printed, not asserted, and so are the protocol messages each path sends
 * per call (from pgjdbc's own log) and whether the vector column arrives in binary.
 */
@PgVectorDatabase
class KnnOverheadMeasureTest {

    static final int DIMS = 768;
    private static final int ROWS = Integer.getInteger("vectororm.measure.rows", 10_000);
    private static final int K = 10;
    private static final int PROBES = 200;
    private static final int ROUNDS = Integer.getInteger("vectororm.measure.rounds", 5);

    private static ConfigurableApplicationContext context;
    private static ChunkRepository chunks;
    private static SessionFactory sessionFactory;
    private static Connection rawIdsConnection;
    private static PreparedStatement rawIds;
    private static Connection rawRowsConnection;
    private static PreparedStatement rawRows;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        context = new SpringApplicationBuilder(MeasureApplication.class).properties(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.hikari.maximum-pool-size=2",
                "spring.jpa.open-in-view=false",
                "spring.jpa.hibernate.ddl-auto=create-drop",
                "spring.jpa.properties.hibernate.default_schema=" + db.schema(),
                "logging.level.root=warn").run();
        chunks = context.getBean(ChunkRepository.class);
        // the native factory, as the benchmark's: sessions opened through Spring's EntityManagerFactory proxy are
        // themselves proxies that reflect every call
        sessionFactory = context.getBean(LocalContainerEntityManagerFactoryBean.class).getNativeEntityManagerFactory()
                .unwrap(SessionFactory.class);
        db.execute("drop index chunks_embedding_hnsw_cosine_idx");
        Random random = new Random(41);
        long start = System.nanoTime();
        for (long first = 0; first < ROWS; first += 5_000) {
            List<Chunk> rows = new ArrayList<>();
            for (long id = first; id < Math.min(ROWS, first + 5_000); id++) {
                rows.add(new Chunk(id, TestVectors.gaussian(random, DIMS)));
            }
            chunks.copyAll(rows);
        }
        long loaded = System.nanoTime();
        db.execute("set maintenance_work_mem = '512MB'",
                "create index chunks_embedding_hnsw_cosine_idx on chunks using hnsw (embedding vector_cosine_ops)"
                        + " with (m = 16, ef_construction = 64)",
                "analyze chunks");
        System.out.printf("[measure] %d x %d-d chunks: copyAll %d ms, HNSW build %d ms%n", ROWS, DIMS,
                (loaded - start) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);

        // raw JDBC as an application with its own statement would: one connection, the statement kept open
        rawIdsConnection = DriverManager.getConnection(db.jdbcUrl());
        PGvector.registerTypes(rawIdsConnection);
        rawIds = rawIdsConnection.prepareStatement("select id from chunks order by embedding <=> ? limit " + K);
        rawRowsConnection = DriverManager.getConnection(db.jdbcUrl("prepareThreshold", "-1"));
        PGvector.registerTypes(rawRowsConnection);
        rawRows = rawRowsConnection.prepareStatement(
                "select id, embedding, embedding <=> ? as distance from chunks order by distance limit " + K);
    }

    @AfterAll
    static void stop() throws SQLException {
        rawIdsConnection.close();
        rawRowsConnection.close();
        context.close();
    }


    @Test
    void pathsReturnTheSameRowsAndTheirMediansAndRoundTripsArePrinted() throws Exception {
        Map<String, Function<float[], List<Long>>> paths = new LinkedHashMap<>();
        paths.put("raw JDBC ids", KnnOverheadMeasureTest::rawIds);
        paths.put("raw JDBC rows (id, embedding, distance; binary)", KnnOverheadMeasureTest::rawRows);
        paths.put("Hibernate VectorSearch (session per call)", KnnOverheadMeasureTest::vectorSearch);
        paths.put("Spring fragment findNearest", p -> chunks.findNearest("embedding", Metric.COSINE, p, Limit.of(K))
                .stream().map(h -> h.entity().getId()).toList());
        paths.put("Spring derived findByEmbeddingNear", p -> chunks.findByEmbeddingNear(Vector.of(p),
                Score.of(2, ScoringFunction.cosine()), Limit.of(K)).stream().map(r -> r.getContent().getId()).toList());

        Random random = new Random(43);
        List<float[]> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            probes.add(TestVectors.gaussian(random, DIMS));
        }
        for (float[] probe : probes.subList(0, 5)) {
            List<Long> expected = rawIds(probe);
            assertThat(expected).hasSize(K);
            paths.forEach((name, path) -> assertThat(path.apply(probe)).as(name).isEqualTo(expected));
        }
        for (var entry : paths.entrySet()) {
            System.out.printf("[measure] per call, %s: %s%n", entry.getKey(), protocol(entry.getValue(), probes.get(7)));
        }

        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        paths.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));
        List<String> order = new ArrayList<>(paths.keySet());
        Random shuffle = new Random(47);
        for (int round = 0; round <= ROUNDS; round++) {
            Collections.shuffle(order, shuffle);
            for (String name : order) {
                Function<float[], List<Long>> path = paths.get(name);
                for (float[] probe : probes) {
                    long start = System.nanoTime();
                    path.apply(probe);
                    long took = System.nanoTime() - start;
                    if (round > 0) { // round 0 warms up
                        nanos.get(name).add(took);
                    }
                }
            }
        }
        double rawIdsMedian = median(nanos.get("raw JDBC ids"));
        double rawRowsMedian = median(nanos.get("raw JDBC rows (id, embedding, distance; binary)"));
        System.out.printf("[measure] top-%d of %d x %d-d (HNSW, cosine), medians of %d queries per path:%n", K, ROWS, DIMS,
                ROUNDS * PROBES);
        nanos.forEach((name, samples) -> System.out.printf("[measure]   %-50s %7.0f us  %.2fx raw ids  %.2fx raw rows%n",
                name, median(samples) / 1000, median(samples) / rawIdsMedian, median(samples) / rawRowsMedian));
    }

    private static List<Long> rawIds(float[] probe) {
        try {
            rawIds.setObject(1, new PGvector(probe));
            List<Long> ids = new ArrayList<>(K);
            try (ResultSet rs = rawIds.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> rawRows(float[] probe) {
        try {
            rawRows.setObject(1, new PGvector(probe));
            List<Long> ids = new ArrayList<>(K);
            try (ResultSet rs = rawRows.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    float[] embedding = ((PGvector) rs.getObject(2)).toArray();
                    double distance = rs.getDouble(3);
                    if (embedding.length != DIMS || distance < 0) {
                        throw new IllegalStateException("unexpected row");
                    }
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> vectorSearch(float[] probe) {
        try (Session session = sessionFactory.openSession()) {
            List<Nearest<Chunk>> hits = VectorSearch.nearest(session, Chunk.class, "embedding", Metric.COSINE).to(probe)
                    .limit(K).list();
            return hits.stream().map(h -> h.entity().getId()).toList();
        }
    }

    private static double median(List<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /**
     * The frontend messages one call sends, counted from pgjdbc's FINEST log: each Sync is a round trip; the
     * statements parsed are listed; the formats of result columns show whether the vector arrived in binary.
     */
    private static String protocol(Function<float[], List<Long>> path, float[] probe) {
        Logger logger = Logger.getLogger("org.postgresql");
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                Object[] parameters = record.getParameters();
                messages.add(parameters == null ? message : java.text.MessageFormat.format(message.replace("'", "''"), parameters));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Level previous = logger.getLevel();
        logger.setLevel(Level.FINEST);
        logger.addHandler(handler);
        try {
            path.apply(probe);
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<String> statements = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        synchronized (messages) {
            for (String message : messages) {
                String m = message.strip();
                if (m.startsWith("FE=>")) {
                    String kind = m.substring(4).strip().split("[( ]")[0];
                    counts.merge(kind, 1, Integer::sum);
                    if (kind.equals("Parse")) {
                        int q = m.indexOf("query=\"");
                        statements.add(q < 0 ? m : m.substring(q + 7, Math.min(m.length(), q + 7 + 60)));
                    }
                    if (kind.equals("SimpleQuery")) {
                        statements.add(m);
                    }
                } else if (m.startsWith("Field(")) {
                    fields.add(m);
                }
            }
        }
        return counts + " parsed " + statements + " result fields " + fields.stream().filter(f -> f.contains("embedding")
                || f.contains("vector")).distinct().toList() + (messages.isEmpty() ? " (no pgjdbc log)" : "");
    }
}
