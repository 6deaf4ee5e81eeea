package io.github.vectororm.core;

import static io.github.vectororm.core.IndexBuilderExecutionTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invalid indexes, what a failed or cancelled CREATE INDEX CONCURRENTLY leaves: the builder drops the ones its own
 * builds leave and an invalid leftover that IF NOT EXISTS would take for a finished build, never a valid index that
 * was there before, and never reports an invalid index as built.
 */
@PgVectorDatabase
class IndexBuilderValidityTest {

    private static final IndexedExpression EMBEDDING = IndexedExpression.column("embedding", VectorType.VECTOR, 4);

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table valid_docs (id bigint, embedding vector(4))",
                "insert into valid_docs select g, array[g, 1, 2, 3]::real[]::vector from generate_series(1, 2000) g",
                "create or replace function slow_few_rows(id bigint) returns boolean language plpgsql immutable"
                        + " as $$ begin if id < 40 then perform pg_sleep(0.1); end if; return true; end $$");
    }

    @Test
    void aConcurrentBuildRefusedBecauseTheNameIsTakenLeavesTheExistingIndexAlone(TestDatabase db) throws Exception {
        db.execute("create index taken_idx on valid_docs (id)");
        IndexDefinition index = IndexDefinition.hnsw("valid_docs", EMBEDDING, Metric.L2).name("taken_idx").concurrently().build();
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).build(index, p -> { }))
                .isInstanceOf(SQLException.class).hasMessageContaining("\"taken_idx\" already exists");
        assertThat(rows(db, "select pg_get_indexdef(indexrelid), indisvalid from pg_index"
                + " where indexrelid = 'taken_idx'::regclass"))
                .as("the index that had the name before is still there")
                .singleElement().asString().contains("btree (id)").endsWith("|t");
        db.execute("drop index taken_idx");
    }

    @Test
    void anInvalidLeftoverIsDroppedAndBuiltAgainInsteadOfTakenForTheIndex(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> db.execute("create index concurrently leftover_idx on valid_docs using hnsw"
                + " (embedding vector_l2_ops) where 1 / (id - 5) > -100")).hasMessageContaining("division by zero");
        IndexDefinition index = IndexDefinition.hnsw("valid_docs", EMBEDDING, Metric.L2).name("leftover_idx")
                .concurrently().ifNotExists().build();
        IndexBuilder.Result result = IndexBuilder.using(db.dataSource()).build(index, p -> { });
        assertThat(rows(db, "select indisvalid, pg_get_indexdef(indexrelid) like '%WHERE%' from pg_index"
                + " where indexrelid = 'leftover_idx'::regclass")).as("built anew, valid, without the leftover's predicate")
                .containsExactly("t|f");
        assertThat(result.sizeBytes()).isPositive();
        db.execute(index.dropSql());
    }

    @Test
    void anInvalidIndexThatIfNotExistsSkipsToIsNotReportedAsBuilt(TestDatabase db) throws Exception {
        // an invalid partitioned parent, as an interrupted ON ONLY route leaves it: not dropped (the indexes attached
        // to it would go too), and a build without concurrently that IF NOT EXISTS skips to says so
        db.execute("create table split_docs (tenant int, embedding vector(4)) partition by list (tenant)",
                "create table split_docs_1 partition of split_docs for values in (1)",
                "create index if not exists split_idx on only split_docs using hnsw (embedding vector_l2_ops)");
        IndexDefinition index = IndexDefinition.hnsw("split_docs", EMBEDDING, Metric.L2).name("split_idx").ifNotExists().build();
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).build(index, p -> { }))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("the index split_idx on split_docs exists but is not valid (pg_index.indisvalid)")
                .hasMessageContaining("build the declaration with concurrently() to continue");
        db.execute("drop table split_docs");
    }

    @Test
    void anIndexAnotherSessionIsBuildingIsInvalidTooButNotALeftover(TestDatabase db) throws Exception {
        List<Throwable> otherFailed = new CopyOnWriteArrayList<>();
        Thread other = new Thread(() -> {
            try {
                db.execute("create index concurrently busy_idx on valid_docs using hnsw (embedding vector_l2_ops)"
                        + " where slow_few_rows(id)");
            } catch (SQLException e) {
                otherFailed.add(e);
            }
        });
        other.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (rows(db, "select count(*) from pg_stat_progress_create_index p join pg_class c on c.oid = p.index_relid"
                + " where c.relname = 'busy_idx'").equals(List.of("0"))) {
            assertThat(System.nanoTime()).as("the other session's build shows in pg_stat_progress_create_index")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
        IndexDefinition index = IndexDefinition.hnsw("valid_docs", EMBEDDING, Metric.L2).name("busy_idx")
                .concurrently().ifNotExists().build();
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).build(index, p -> { }))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("the index busy_idx is being built by another session right now (backend pid");
        other.join();
        assertThat(otherFailed).as("the other session's build was left to finish").isEmpty();
        assertThat(rows(db, "select indisvalid from pg_index where indexrelid = 'busy_idx'::regclass")).containsExactly("t");
        db.execute(index.dropSql());
    }

    @Test
    void anInterruptedConcurrentBuildLeavesNoInvalidIndex(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.hnsw("valid_docs", EMBEDDING, Metric.L2).name("stopped_idx")
                .where("slow_few_rows(id)").concurrently().build();
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).parallelWorkers(0).pollInterval(Duration.ofMillis(20))
                .build(index, p -> Thread.currentThread().interrupt()))
                .hasMessage("index build of stopped_idx interrupted and cancelled");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(rows(db, "select count(*) from pg_class where relname = 'stopped_idx'"))
                .as("the invalid index the cancelled build left was dropped").containsExactly("0");
    }
}
