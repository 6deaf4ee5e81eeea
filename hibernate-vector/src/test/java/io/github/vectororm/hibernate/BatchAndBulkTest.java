package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batched persists send binary vectors in JDBC batches; the COPY bulk loader writes all rows or none.
 * Also prints, for the closing note, 100k x 384-d load rates and k-NN latency against raw JDBC in the same run.
 */
@PgVectorDatabase
class BatchAndBulkTest {

    private static final int DIMS = 384;

    enum Kind { ARTICLE, NOTE }

    @Entity(name = "Passage")
    @Table(name = "passages")
    public static class Passage {
        @Id
        Long id;

        String text;

        Kind kind;

        Instant created;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        @VectorIndex(metric = Metric.COSINE)
        float[] embedding;

        Passage() {
        }

        Passage(long id, float[] embedding) {
            this.id = id;
            this.text = "passage " + id;
            this.kind = id % 2 == 0 ? Kind.ARTICLE : Kind.NOTE;
            this.created = Instant.ofEpochSecond(1_700_000_000L + id);
            this.embedding = embedding;
        }
    }

    private static SessionFactory sessionFactory;
    private static TestDatabase db;

    @BeforeAll
    static void create(TestDatabase database) {
        db = database;
        sessionFactory = HibernateSupport.sessionFactory(db, Map.of(AvailableSettings.HBM2DDL_AUTO, "create-drop",
                AvailableSettings.STATEMENT_BATCH_SIZE, "100", AvailableSettings.ORDER_INSERTS, "true"), Passage.class);
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    static float[] vector(long seed) {
        Random random = new Random(seed);
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = random.nextFloat() - 0.5f;
        }
        return v;
    }

    @Test
    void persistsAreBatchedWithBinaryVectors() {
        int before = HibernateSupport.SQL.size();
        sessionFactory.inTransaction(session -> {
            for (long i = 0; i < 1000; i++) {
                session.persist(new Passage(1_000_000 + i, vector(i)));
            }
        });
        long inserts = HibernateSupport.SQL.subList(before, HibernateSupport.SQL.size()).stream()
                .filter(sql -> sql.startsWith("insert")).count();
        assertThat(inserts).as("statements prepared for 1000 inserts with batch size 100").isLessThanOrEqualTo(10);
        sessionFactory.inTransaction(session -> {
            assertThat(session.find(Passage.class, 1_000_007L).embedding).containsExactly(vector(7));
            session.createMutationQuery("delete from Passage where id >= 1000000").executeUpdate();
        });
    }

    @Test
    void bulkLoaderCopiesEntitiesAllOrNothing() {
        List<Passage> passages = new ArrayList<>();
        for (long i = 0; i < 500; i++) {
            passages.add(new Passage(2_000_000 + i, vector(i)));
        }
        long written = sessionFactory.fromTransaction(session -> VectorBulkLoader.copy(session, Passage.class, passages));
        assertThat(written).isEqualTo(500);
        sessionFactory.inTransaction(session -> {
            Passage read = session.find(Passage.class, 2_000_003L);
            assertThat(read.embedding).containsExactly(vector(3));
            assertThat(read.kind).isEqualTo(Kind.NOTE);
            assertThat(read.created).isEqualTo(Instant.ofEpochSecond(1_700_000_000L + 2_000_003L));
            assertThat(read.text).isEqualTo("passage 2000003");
        });

        List<Passage> withBadRow = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            withBadRow.add(new Passage(3_000_000 + i, i == 50 ? Arrays.copyOf(vector(i), 10) : vector(i)));
        }
        assertThatThrownBy(() -> sessionFactory.inTransaction(session -> VectorBulkLoader.copy(session, Passage.class, withBadRow)))
                .isInstanceOf(VectorValidationException.class)
                .hasMessage("Passage.embedding has 10 dimensions, column passages.embedding is vector(384)");
        long left = sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                "select count(*) from Passage where id >= 3000000", Long.class).getSingleResult());
        assertThat(left).isZero();
        sessionFactory.inTransaction(session -> session.createMutationQuery("delete from Passage where id >= 2000000").executeUpdate());
    }

    /** Prints measurements for the closing note; asserts only that every path wrote every row. */
    @Test
    void measureLoadsAndQueriesAgainstRawJdbc() throws SQLException {
        int rows = Integer.getInteger("vectororm.measure.rows", 100_000);
        List<float[]> vectors = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            vectors.add(vector(i));
        }
        // raw COPY BINARY (vector-core's writer over pgjdbc's CopyManager) into a plain table
        db.execute("create table raw_passages (id bigint primary key, text varchar(255), kind smallint,"
                + " created timestamp(6) with time zone, embedding vector(" + DIMS + "))");
        long start = System.nanoTime();
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "raw_passages")
                .column("id", CopyType.BIGINT).column("text", CopyType.TEXT).column("kind", CopyType.SMALLINT)
                .column("created", CopyType.TIMESTAMPTZ).column("embedding", CopyType.VECTOR).open()) {
            for (int i = 0; i < rows; i++) {
                writer.addRow((long) i, "passage " + i, (short) (i % 2), Instant.ofEpochSecond(1_700_000_000L + i), vectors.get(i));
            }
            writer.finish();
        }
        double rawCopy = seconds(start);

        db.execute("drop index if exists passages_embedding_hnsw_cosine_idx");
        start = System.nanoTime();
        sessionFactory.inTransaction(session -> {
            for (int i = 0; i < rows; i++) {
                session.persist(new Passage(i, vectors.get(i)));
                if (i % 1000 == 999) {
                    session.flush();
                    session.clear();
                }
            }
        });
        double hibernatePersist = seconds(start);
        sessionFactory.inTransaction(session -> session.createMutationQuery("delete from Passage").executeUpdate());

        start = System.nanoTime();
        sessionFactory.inStatelessTransaction(session -> {
            List<Passage> batch = new ArrayList<>(1000);
            for (int i = 0; i < rows; i++) {
                batch.add(new Passage(i, vectors.get(i)));
                if (batch.size() == 1000) {
                    session.insertMultiple(batch);
                    batch.clear();
                }
            }
            session.insertMultiple(batch);
        });
        double stateless = seconds(start);
        sessionFactory.inTransaction(session -> session.createMutationQuery("delete from Passage").executeUpdate());

        List<Passage> entities = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            entities.add(new Passage(i, vectors.get(i)));
        }
        start = System.nanoTime();
        long copied = sessionFactory.fromTransaction(session -> VectorBulkLoader.copy(session, Passage.class, entities));
        double bulk = seconds(start);
        assertThat(copied).isEqualTo(rows);
        System.out.printf("[measure] load %d x %d-d: raw COPY BINARY %.2f s (%.0f rows/s); Hibernate persist (batch 100)"
                        + " %.2f s = %.2fx raw COPY rate; StatelessSession insertMultiple %.2f s = %.2fx; VectorBulkLoader"
                        + " %.2f s = %.2fx%n", rows, DIMS, rawCopy, rows / rawCopy, hibernatePersist, rawCopy / hibernatePersist,
                stateless, rawCopy / stateless, bulk, rawCopy / bulk);

        // k-NN latency (HNSW, cosine, top 10) over the first 20k rows, to keep the index build short in CI:
        // typed query vs raw JDBC with a binary parameter
        int indexed = Math.min(rows, 20_000);
        db.execute("truncate passages"); // fresh storage: the loads above left many dead row versions
        sessionFactory.inTransaction(session -> VectorBulkLoader.copy(session, Passage.class, entities.subList(0, indexed)));
        db.execute("analyze passages", "create index on passages using hnsw (embedding vector_cosine_ops)");
        float[][] probes = new float[200][];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = vector(10_000_000L + i);
        }
        double[] typed = new double[probes.length];
        double[] typedIds = new double[probes.length];
        double[] raw = new double[probes.length];
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                PreparedStatement ps = c.prepareStatement("select id, embedding <=> ? as d from passages order by embedding <=> ? limit 10")) {
            PgVectorTypes.register(c);
            for (int round = 0; round < 2; round++) { // first round warms up
                for (int i = 0; i < probes.length; i++) {
                    long t = System.nanoTime();
                    var p = VectorValues.toParameter(VectorType.VECTOR, probes[i]);
                    ps.setObject(1, p);
                    ps.setObject(2, p);
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                        }
                    }
                    raw[i] = (System.nanoTime() - t) / 1e6;
                    assertThat(n).isEqualTo(10);
                }
            }
        }
        sessionFactory.inSession(session -> {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < probes.length; i++) {
                    long t = System.nanoTime();
                    List<Nearest<Passage>> hits = VectorSearch.nearest(session, Passage.class, "embedding", Metric.COSINE)
                            .to(probes[i]).limit(10).list();
                    typed[i] = (System.nanoTime() - t) / 1e6;
                    assertThat(hits).hasSize(10);
                    session.clear();
                    t = System.nanoTime();
                    List<Long> ids = session.createSelectionQuery("select p.id from Passage p order by cosine_distance(p.embedding, :v)",
                            Long.class).setParameter("v", probes[i]).setMaxResults(10).getResultList();
                    typedIds[i] = (System.nanoTime() - t) / 1e6;
                    assertThat(ids).hasSize(10);
                }
            }
        });
        System.out.printf("[measure] top-10 k-NN over %d x %d-d (HNSW cosine, %d queries): raw JDBC median %.3f ms p99 %.3f ms;"
                        + " HQL ids median %.3f ms (%.2fx); VectorSearch entities+distance median %.3f ms (%.2fx) p99 %.3f ms%n",
                indexed, DIMS, probes.length, median(raw), p99(raw), median(typedIds), median(typedIds) / median(raw),
                median(typed), median(typed) / median(raw), p99(typed));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double p99(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }
}
