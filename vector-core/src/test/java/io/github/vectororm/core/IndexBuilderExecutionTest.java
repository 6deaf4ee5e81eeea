package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the blocking CREATE INDEX runs (the caller's executor, else a named daemon thread of its own, never a shared
 * pool) and what an interrupt of the calling thread does on the server: the build is cancelled, or never starts.
 */
@PgVectorDatabase
class IndexBuilderExecutionTest {

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table runs (id bigint, embedding vector(4))",
                "insert into runs select g, array[g, 1, 2, 3]::real[]::vector from generate_series(0, 1999) g",
                // holds the heap scan 0.1 s on each of the first 40 rows: an uncancelled build takes at least 4 s
                "create or replace function slow_first_rows(id bigint) returns boolean language plpgsql immutable"
                        + " as $$ begin if id < 40 then perform pg_sleep(0.1); end if; return true; end $$");
    }

    @Test
    void theStatementRunsOnTheCallersExecutorAndTheCallbackOnTheCallingThread(TestDatabase db) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "callers-pool"));
        List<String> ranOn = new CopyOnWriteArrayList<>();
        List<String> calledBackOn = new CopyOnWriteArrayList<>();
        IndexDefinition index = IndexDefinition.hnsw("runs", IndexedExpression.column("embedding", VectorType.VECTOR, 4),
                Metric.L2).name("on_pool_idx").build();
        try {
            IndexBuilder.using(db.dataSource()).parallelWorkers(0).pollInterval(Duration.ofMillis(20))
                    .executor(task -> pool.execute(() -> {
                        ranOn.add(Thread.currentThread().getName());
                        task.run();
                    }))
                    .build(index, p -> calledBackOn.add(Thread.currentThread().getName()));
        } finally {
            pool.shutdown();
        }
        assertThat(ranOn).containsExactly("callers-pool");
        assertThat(calledBackOn).isNotEmpty().containsOnly(Thread.currentThread().getName());
        assertThat(rows(db, "select indisvalid from pg_index where indexrelid = 'on_pool_idx'::regclass"))
                .containsExactly("t");
        db.execute(index.dropSql());
    }

    @Test
    void withoutAnExecutorEachStatementGetsANamedDaemonThreadThatEndsWithIt(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.hnsw("runs", IndexedExpression.column("embedding", VectorType.VECTOR, 4),
                Metric.L2).name("own_thread_idx").where("slow_first_rows(id)").build();
        List<Thread> builders = new CopyOnWriteArrayList<>();
        IndexBuilder.using(db.dataSource()).parallelWorkers(0).pollInterval(Duration.ofMillis(20)).build(index, p -> {
            if (builders.isEmpty()) {
                for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                    if (thread.getKey().getName().equals("vectororm-index-build own_thread_idx")) {
                        builders.add(thread.getKey());
                    }
                }
            }
        });
        System.out.printf("[measure] build thread seen during the build: %s%n", builders);
        assertThat(builders).as("the build ran on its own thread, seen while it ran").hasSize(1);
        Thread builder = builders.get(0);
        assertThat(builder.isDaemon()).as("a daemon: a stuck build cannot keep the JVM alive").isTrue();
        assertThat(builder).as("not a pool's worker").isNotInstanceOf(java.util.concurrent.ForkJoinWorkerThread.class);
        builder.join(5_000);
        assertThat(builder.isAlive()).as("the thread ends with its statement").isFalse();
        db.execute(index.dropSql());
    }

    @Test
    void anInterruptCancelsTheBuildOnTheServer(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.hnsw("runs", IndexedExpression.column("embedding", VectorType.VECTOR, 4),
                Metric.L2).name("interrupted_idx").where("slow_first_rows(id)").build();
        List<IndexBuilder.Progress> seen = new ArrayList<>();
        long start = System.nanoTime();
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).parallelWorkers(0).pollInterval(Duration.ofMillis(20))
                .build(index, p -> {
                    seen.add(p);
                    Thread.currentThread().interrupt(); // as a caller's shutdown would, while the server builds
                }))
                .isInstanceOf(SQLException.class)
                .hasMessage("index build of interrupted_idx interrupted and cancelled");
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(Thread.interrupted()).as("the interrupt flag is set again").isTrue();
        System.out.printf("[measure] interrupted build returned after %d ms (uncancelled: >= 4000 ms)%n", millis);
        assertThat(seen).as("the server was building when interrupted").isNotEmpty();
        assertThat(millis).as("cancelled on the server, not waited for").isLessThan(3_000);
        assertThat(rows(db, "select count(*) from pg_class where relname = 'interrupted_idx'")).containsExactly("0");
        assertThat(rows(db, "select count(*) from pg_stat_activity where query like 'CREATE INDEX interrupted_idx%'"
                + " and state = 'active'")).as("no build left running").containsExactly("0");
    }

    @Test
    void anInterruptBeforeTheExecutorStartsTheStatementMeansItNeverRuns(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.hnsw("runs", IndexedExpression.column("embedding", VectorType.VECTOR, 4),
                Metric.L2).name("never_idx").build();
        ExecutorService late = Executors.newSingleThreadExecutor();
        CountDownLatch ran = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            caller.interrupt();
        });
        interrupter.start();
        try {
            assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).pollInterval(Duration.ofMillis(20))
                    .executor(task -> late.execute(() -> {
                        try {
                            Thread.sleep(1_000); // a busy pool: the task starts after the caller gave up
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        task.run();
                        ran.countDown();
                    }))
                    .build(index, p -> { }))
                    .hasMessage("index build of never_idx interrupted and cancelled");
            assertThat(Thread.interrupted()).isTrue();
            assertThat(ran.await(5, TimeUnit.SECONDS)).as("the late task ran").isTrue();
        } finally {
            interrupter.join();
            late.shutdown();
        }
        assertThat(rows(db, "select count(*) from pg_class where relname = 'never_idx'"))
                .as("the task started after the build was given up, on a connection gone back to the pool: it did nothing")
                .containsExactly("0");
    }

    @Test
    void aFailedBuildIsThrownWithTheFailedSettingsResetSuppressedNotHiddenByIt(TestDatabase db) throws Exception {
        // a real failure: the partial-index predicate divides by zero on row 0 of the concurrent build; then, while
        // the builder drops the invalid index it left (before it resets the settings), an event trigger ends the
        // build connection's backend, so the RESET on that connection fails as well
        db.execute("create function end_build_backend() returns event_trigger language plpgsql as $$ begin"
                + " if current_query() like '%failing_idx%' then perform pg_terminate_backend(pid) from pg_stat_activity"
                + " where query like 'CREATE INDEX CONCURRENTLY failing_idx%' and pid <> pg_backend_pid(); end if; end $$");
        IndexDefinition index = IndexDefinition.hnsw("runs", IndexedExpression.column("embedding", VectorType.VECTOR, 4),
                Metric.L2).name("failing_idx").where("100 / id > -1").concurrently().build();
        try {
            db.execute("create event trigger end_build_backend on ddl_command_start when tag in ('DROP INDEX')"
                    + " execute function end_build_backend()");
            assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).maintenanceWorkMem("64MB").parallelWorkers(0)
                    .build(index, p -> { }))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> System.out.printf("[measure] failed build: %s (%s), suppressed %s%n", e.getMessage(),
                            ((SQLException) e).getSQLState(), List.of(e.getSuppressed())))
                    .hasMessageContaining("division by zero")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("the build's own failure").isEqualTo("22012"))
                    .satisfies(e -> assertThat(e.getSuppressed()).as("the failed RESET, kept beside it").singleElement()
                            .asString().contains("resetting maintenance_work_mem and max_parallel_maintenance_workers"
                                    + " on the build connection failed"));
        } finally {
            db.execute("drop event trigger if exists end_build_backend");
        }
        assertThat(rows(db, "select count(*) from pg_class where relname = 'failing_idx'"))
                .as("the invalid index was dropped").containsExactly("0");
        db.execute("drop function end_build_backend()");
    }

    static List<String> rows(TestDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }
}
