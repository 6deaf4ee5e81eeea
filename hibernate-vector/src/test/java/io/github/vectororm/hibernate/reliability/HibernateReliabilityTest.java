package io.github.vectororm.hibernate.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.hibernate.VectorSearch;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
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

/** Hibernate over a HikariCP pool of one: VectorSearch settings never reach the next session; a killed batch leaves nothing. */
@PgVectorDatabase
class HibernateReliabilityTest {

    @Entity(name = "RelItem")
    @Table(name = "rel_items")
    public static class Item {
        @Id
        Long id;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] embedding;

        Item() {
        }

        Item(long id, int category, float... embedding) {
            this.id = id;
            this.category = category;
            this.embedding = embedding;
        }
    }

    private static final int SLOW_ROW = 500;
    private static HikariDataSource pool;
    private static SessionFactory sessionFactory;
    private static TestDatabase db;

    @BeforeAll
    static void setUp(TestDatabase database) throws SQLException {
        db = database;
        db.execute("create table rel_items (id bigint primary key, category integer not null, embedding vector(3))",
                "create index on rel_items using hnsw (embedding vector_l2_ops)",
                "insert into rel_items select g, g % 10, array[g, g % 7, 1]::vector from generate_series(1, 200) g",
                "create function rel_slow_row() returns trigger language plpgsql as $$ begin"
                        + " if new.id = " + (10_000 + SLOW_ROW) + " then perform pg_sleep(60); end if; return new; end $$",
                "create trigger rel_slow before insert on rel_items for each row execute function rel_slow_row()");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        pool = new HikariDataSource(config);
        Configuration configuration = new Configuration().addAnnotatedClass(Item.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, db.schema());
        sessionFactory = configuration.buildSessionFactory();
    }

    @AfterAll
    static void tearDown() {
        sessionFactory.close();
        pool.close();
    }

    private static final SearchSettings SETTINGS = SearchSettings.builder().hnswEfSearch(123)
            .hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();

    @Test
    void vectorSearchSettingsDoNotLeakToTheNextSession() {
        int checks = 0;
        // 1. VectorSearch opens and commits its own transaction
        try (Session s = sessionFactory.openSession()) {
            assertThat(VectorSearch.nearest(s, Item.class, "embedding", Metric.L2).to(new float[] {3, 3, 1})
                    .settings(SETTINGS).limit(5).list()).hasSize(5);
        }
        checks += expectDefaults();
        // 2. the query throws (division by zero in a filter): VectorSearch rolls its transaction back
        try (Session s = sessionFactory.openSession()) {
            assertThatThrownBy(() -> VectorSearch.nearest(s, Item.class, "embedding", Metric.L2).to(new float[] {3, 3, 1})
                    .where((cb, root) -> cb.equal(cb.quot(root.get("category"), 0), 1)).settings(SETTINGS).limit(5).list())
                    .isInstanceOf(RuntimeException.class);
        }
        checks += expectDefaults();
        // 3. inside the caller's transaction with SET LOCAL statement_timeout: the query is cancelled, caller rolls back
        try (Session s = sessionFactory.openSession()) {
            Transaction tx = s.beginTransaction();
            s.doWork(c -> execute(c, "select set_config('statement_timeout', '50', true)"));
            Throwable timeout = org.assertj.core.api.Assertions.catchThrowable(() -> VectorSearch.nearest(s, Item.class,
                    "embedding", Metric.L2).to(new float[] {3, 3, 1})
                    .where((cb, root) -> cb.isNotNull(cb.function("pg_sleep", Object.class, cb.literal(30))))
                    .settings(SETTINGS).limit(5).list());
            System.out.printf("[measure] Hibernate VectorSearch under statement_timeout: %s / SQLState %s / %s%n",
                    timeout.getClass().getName(), ((SQLException) rootCause(timeout)).getSQLState(),
                    rootCause(timeout).getMessage().lines().findFirst().orElse(""));
            assertThat(rootCause(timeout)).isInstanceOf(SQLException.class);
            assertThat(((SQLException) rootCause(timeout)).getSQLState()).isEqualTo("57014");
            tx.rollback();
        }
        checks += expectDefaults();
        System.out.printf("[measure] Hibernate: %d sessions after VectorSearch.settings(...) (committed, failed, timed out)"
                + " saw ef_search=40, iterative_scan=off, statement_timeout=0 on the one pooled connection%n", checks);
    }

    @Test
    void batchInsertKilledMidwayLeavesNothingAndThePoolRecovers() throws Exception {
        int pid;
        try (Connection c = pool.getConnection()) {
            pid = pid(c);
        }
        Throwable failure;
        try (Connection admin = db.connect(); Session s = sessionFactory.openSession()) {
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                try (PreparedStatement ps = admin.prepareStatement(
                        "select count(*) from pg_stat_activity where pid = ? and wait_event = 'PgSleep'")) {
                    ps.setInt(1, pid);
                    for (int i = 0; i < 6000; i++) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) == 1) {
                                execute(admin, "select pg_terminate_backend(" + pid + ")");
                                return;
                            }
                        }
                        Thread.sleep(10);
                    }
                    throw new IllegalStateException("never reached pg_sleep");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Transaction tx = s.beginTransaction();
            try {
                for (long i = 0; i < 1_000; i++) {
                    s.persist(new Item(10_000 + i, 1, i, 1, 1));
                }
                tx.commit();
                failure = null;
            } catch (RuntimeException e) {
                failure = e;
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException ignored) {
                        // the connection is gone; nothing to roll back on the server
                    }
                }
            }
            killer.get();
        }
        System.out.printf("[measure] Hibernate batch insert under pg_terminate_backend: %s / %s%n",
                failure == null ? null : failure.getClass().getName(),
                failure == null ? null : rootCause(failure).getMessage().lines().findFirst().orElse(""));
        assertThat(failure).isNotNull();
        long visible = -1;
        for (int attempt = 0; attempt < 2 && visible < 0; attempt++) { // the first borrow may get the dead connection once
            try (Session s = sessionFactory.openSession()) {
                visible = s.createQuery("select count(*) from RelItem where id >= 10000", Long.class).getSingleResult();
            } catch (RuntimeException e) {
                assertThat(attempt).isZero();
            }
        }
        long total;
        try (Session s = sessionFactory.openSession()) {
            total = s.createQuery("select count(*) from RelItem", Long.class).getSingleResult();
        }
        System.out.printf("[measure] Hibernate: faults injected=1, rows of the failed batch visible=%d, rows read back=%d%n",
                visible, total);
        assertThat(visible).isZero();
        assertThat(total).isEqualTo(200);
    }

    private static int expectDefaults() {
        try (Session s = sessionFactory.openSession()) {
            s.doWork(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_setting('hnsw.ef_search'),"
                        + " current_setting('hnsw.iterative_scan'), current_setting('statement_timeout')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("40");
                    assertThat(rs.getString(2)).isEqualTo("off");
                    assertThat(rs.getString(3)).isEqualTo("0");
                }
            });
        }
        return 1;
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
