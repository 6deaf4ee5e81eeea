package io.github.vectororm.hibernate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorBulkLoader;
import io.github.vectororm.hibernate.VectorSearch;
import io.github.vectororm.test.LoadRun;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent Hibernate batch inserts and filtered {@link VectorSearch} readers (iterative scan) on one HNSW-indexed
 * table over a HikariCP pool, and the bounded load run for {@link VectorSearch}.
 */
@PgVectorDatabase
class HibernateConcurrencyTest {

    @Entity(name = "ConcItem")
    @Table(name = "conc_items")
    public static class Item {
        @Id
        Long id;

        int writer;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMENSIONS)
        float[] embedding;

        Item() {
        }

        Item(long id, int writer, float[] embedding) {
            this.id = id;
            this.writer = writer;
            this.category = (int) (id % CATEGORIES);
            this.embedding = embedding;
        }
    }

    private static final int DIMENSIONS = 16;
    private static final int CATEGORIES = 10;
    private static final int K = 10;
    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int ROWS_PER_WRITER = 400;
    private static final int UNIT = 100;
    private static final int BATCH_SIZE = 50;
    private static final int BASE_ROWS = 200;
    private static final int LOAD_ROWS = 5_000;
    private static final SearchSettings ITERATIVE = SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();

    private static HikariDataSource pool;
    private static SessionFactory sessionFactory;

    @BeforeAll
    static void setUp(TestDatabase db) throws SQLException {
        db.execute("create table conc_items (id bigint primary key, writer integer not null, category integer not null,"
                        + " embedding vector(" + DIMENSIONS + ") not null)",
                IndexDefinition.hnsw("conc_items", IndexedExpression.column("embedding", VectorType.VECTOR, DIMENSIONS),
                        Metric.L2).build().createSql());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setMaximumPoolSize(WRITERS + READERS);
        config.setConnectionTimeout(10_000);
        pool = new HikariDataSource(config);
        Configuration configuration = new Configuration().addAnnotatedClass(Item.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(BATCH_SIZE));
        configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, db.schema());
        sessionFactory = configuration.buildSessionFactory();
    }

    @AfterAll
    static void tearDown() {
        sessionFactory.close();
        pool.close();
    }

    @Test
    void batchInsertWritersAndFilteredVectorSearchReadersConcurrently() throws Exception {
        persist(-1, 0, BASE_ROWS); // every category has k rows before the readers start
        LoadRun.Concurrency run = LoadRun.writeWhileReading(WRITERS, writer -> {
            for (int unit = 0; unit < ROWS_PER_WRITER / UNIT; unit++) {
                persist(writer, 1_000_000L * (writer + 1) + unit * UNIT, UNIT);
            }
        }, READERS, (reader, i) -> search((int) ((reader + i) % CATEGORIES), vector(i * 31 + reader)), K);
        long total;
        long perWriterOk;
        try (Session s = sessionFactory.openSession()) {
            total = s.createSelectionQuery("select count(*) from ConcItem i where i.writer >= -1", Long.class).getSingleResult();
            perWriterOk = s.createSelectionQuery("select i.writer from ConcItem i where i.writer >= 0 group by i.writer"
                    + " having count(*) = " + ROWS_PER_WRITER, Integer.class).getResultList().size();
        }
        System.out.printf("[measure] concurrency Hibernate: writers=%d x %d rows by persist + JDBC batch (batch_size=%d,"
                + " %d rows a transaction, %.0f rows/s), readers=%d, filtered VectorSearch queries=%d (iterative scan),"
                + " rows read=%d, short results=%d, rows counted back=%d (= %d base + %d), writers complete=%d of %d,"
                + " errors=0, deadlocks=0%n", WRITERS, ROWS_PER_WRITER, BATCH_SIZE, UNIT, WRITERS * ROWS_PER_WRITER / run.writeSeconds(),
                READERS, run.queries(), run.rowsRead(), run.shortResults(), total, BASE_ROWS, WRITERS * ROWS_PER_WRITER,
                perWriterOk, WRITERS);
        assertThat(total).isEqualTo(BASE_ROWS + WRITERS * ROWS_PER_WRITER);
        assertThat(perWriterOk).isEqualTo(WRITERS);
        assertThat(run.queries()).isGreaterThanOrEqualTo(READERS * 5L);
        assertThat(run.shortResults()).isZero();
    }

    /** The load rows (writer -2) are left out of the other test's counts, so the two tests may run in either order. */
    @Test
    void boundedLoadRun() throws Exception {
        try (Session s = sessionFactory.openSession()) {
            Transaction tx = s.beginTransaction();
            List<Item> items = new ArrayList<>();
            for (long id = 5_000_000; id < 5_000_000 + LOAD_ROWS; id++) {
                items.add(new Item(id, -2, vector(id)));
            }
            assertThat(VectorBulkLoader.copy(s, Item.class, items)).isEqualTo(LOAD_ROWS);
            tx.commit();
            s.doWork(c -> {
                try (var st = c.createStatement()) {
                    st.execute("analyze conc_items");
                }
            });
        }
        LoadRun.run("Hibernate (VectorSearch + where + settings, filtered k-NN, iterative scan)",
                (thread, i) -> search((int) Math.floorMod(i + thread, CATEGORIES), vector(i * 7 + thread)));
    }

    /** One transaction of {@code rows} persisted entities, flushed in JDBC batches. */
    private static void persist(int writer, long firstId, int rows) {
        try (Session s = sessionFactory.openSession()) {
            Transaction tx = s.beginTransaction();
            for (long id = firstId; id < firstId + rows; id++) {
                s.persist(new Item(id, writer, vector(id)));
            }
            tx.commit();
        }
    }

    /** The k nearest items of one category; checks the filter held. */
    private static int search(int category, float[] probe) {
        try (Session s = sessionFactory.openSession()) {
            List<Nearest<Item>> hits = VectorSearch.nearest(s, Item.class, "embedding", Metric.L2).to(probe)
                    .where((cb, item) -> cb.equal(item.get("category"), category)).settings(ITERATIVE).limit(K).list();
            for (Nearest<Item> hit : hits) {
                if (hit.entity().category != category) {
                    throw new AssertionError("filter category = " + category + " returned category " + hit.entity().category);
                }
            }
            return hits.size();
        }
    }

    private static float[] vector(long i) {
        float[] v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = (float) Math.sin(i * 0.37 + d * 0.91);
        }
        return v;
    }
}
