package io.github.vectororm.core;

import static io.github.vectororm.core.IndexBuilderExecutionTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IVFFlat rebuild swaps the new index in for the old one in one transaction: other sessions see the old index
 * until the swap commits, never a moment without one; a failed swap (forced on the server by an event trigger)
 * leaves the old index in place and valid and the new one dropped; a leftover from an interrupted rebuild is
 * cleaned up, a valid index that happens to have the temporary name is not touched.
 */
@PgVectorDatabase
class IndexBuilderRebuildTest {

    private static final IndexedExpression EMBEDDING = IndexedExpression.column("embedding", VectorType.VECTOR, 8);

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table drift (id bigint, embedding vector(8))",
                "insert into drift select g, array[g % 7, g % 5, g % 3, 1, 2, 3, 4, g % 11]::real[]::vector"
                        + " from generate_series(1, 3000) g");
    }

    @Test
    void otherSessionsSeeTheOldIndexUntilTheSwapCommits(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.ivfflat("drift", EMBEDDING, Metric.L2).name("atomic_idx").lists(2).build();
        db.execute(index.createSql(), "create table swap_log (at timestamptz)",
                // holds the rename 0.5 s, after the old index was dropped: a swap in two transactions shows no index then
                "create function slow_rename() returns event_trigger language plpgsql as $$ begin"
                        + " if current_query() like '%atomic_idx%' then insert into swap_log values (clock_timestamp());"
                        + " perform pg_sleep(0.5); end if; end $$");
        List<Timestamp> seenAt = new CopyOnWriteArrayList<>();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread observer = new Thread(() -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = s.executeQuery("select clock_timestamp(), exists (select 1 from pg_index"
                            + " where indexrelid = to_regclass('atomic_idx') and indisvalid)")) {
                        rs.next();
                        seenAt.add(rs.getTimestamp(1));
                        seen.add(rs.getBoolean(2));
                    }
                    Thread.sleep(10);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        IndexDefinition rebuilt;
        try {
            db.execute("create event trigger slow_rename on ddl_command_start when tag in ('ALTER INDEX')"
                    + " execute function slow_rename()");
            observer.start();
            rebuilt = IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { });
        } finally {
            stop.set(true);
            observer.join();
            db.execute("drop event trigger if exists slow_rename");
        }
        Timestamp renameStarted = Timestamp.valueOf(rows(db, "select at::timestamp from swap_log").get(0));
        long duringRename = seenAt.stream().filter(t -> !t.before(renameStarted)
                && t.before(new Timestamp(renameStarted.getTime() + 500))).count();
        System.out.printf("[measure] rebuild observed %d times, %d during the held rename, index absent %d times%n",
                seen.size(), duringRename, seen.stream().filter(b -> !b).count());
        assertThat(duringRename).as("observed while the swap was held open").isGreaterThanOrEqualTo(5);
        assertThat(seen).as("the index atomic_idx existed and was valid at every observation").containsOnly(true);
        assertThat(rebuilt.lists()).hasValue(3);
        assertThat(rows(db, "select pg_get_indexdef(indexrelid) from pg_index where indrelid = 'drift'::regclass"))
                .singleElement().asString().contains("atomic_idx").contains("lists='3'");
        db.execute(index.dropSql(), "drop table swap_log", "drop function slow_rename()");
    }

    @Test
    void aFailedSwapKeepsTheOldIndexValidAndDropsTheNewOne(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.ivfflat("drift", EMBEDDING, Metric.L2).name("kept_idx").lists(2).build();
        db.execute(index.createSql(), "create function refuse_rename() returns event_trigger language plpgsql as $$ begin"
                + " if current_query() like '%kept_idx%' then raise exception 'rename refused by the test'; end if; end $$");
        String oldOid = rows(db, "select 'kept_idx'::regclass::oid").get(0);
        try {
            db.execute("create event trigger refuse_rename on ddl_command_end when tag in ('ALTER INDEX')"
                    + " execute function refuse_rename()");
            assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { }))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> System.out.printf("[measure] failed swap: %s%n", e.getMessage()))
                    .hasMessageContaining("rename refused by the test")
                    .hasMessageContaining("the old index kept_idx stays in place")
                    .hasMessageContaining("the new index \"kept_idx_rebuild\" was dropped");
        } finally {
            db.execute("drop event trigger if exists refuse_rename");
        }
        assertThat(rows(db, "select c.oid, c.relname, i.indisvalid, pg_get_indexdef(i.indexrelid) like '%lists=''2''%'"
                + " from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'drift'::regclass"))
                .as("the old index, the same relation, valid, with its old lists; no temporary index left")
                .containsExactly(oldOid + "|kept_idx|t|t");
        db.execute(index.dropSql(), "drop function refuse_rename()");
    }

    @Test
    void anInvalidLeftoverOfAnInterruptedRebuildIsDroppedAValidIndexOfThatNameIsNot(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.ivfflat("drift", EMBEDDING, Metric.L2).name("left_idx").lists(2).build();
        db.execute(index.createSql());
        // what an interrupted rebuild leaves: its concurrent build failed, the invalid index stays
        assertThatThrownBy(() -> db.execute("create index concurrently left_idx_rebuild on drift using ivfflat"
                + " (embedding vector_l2_ops) with (lists = 2) where 1 / (id - 5) > -100")).hasMessageContaining("division by zero");
        assertThat(rows(db, "select indisvalid from pg_index where indexrelid = 'left_idx_rebuild'::regclass")).containsExactly("f");
        IndexDefinition rebuilt = IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { });
        assertThat(rows(db, "select c.relname, i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where i.indrelid = 'drift'::regclass")).containsExactly("left_idx|t");
        assertThat(rebuilt.lists()).hasValue(3);

        db.execute("create index left_idx_rebuild on drift (id)");
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { }))
                .isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("an index named \"left_idx_rebuild\" already exists on drift and is valid");
        assertThat(rows(db, "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where i.indrelid = 'drift'::regclass order by 1")).containsExactly("left_idx", "left_idx_rebuild");
        db.execute(index.dropSql(), "drop index left_idx_rebuild");
    }

    @Test
    void aPartitionedIndexIsRebuiltAgainAndAgainWithItsPartitionsIndexesNamedAfterIt(TestDatabase db) throws Exception {
        db.execute("create table drift_parts (tenant int, embedding vector(8)) partition by list (tenant)",
                "create table drift_parts_1 partition of drift_parts for values in (1)",
                "create table drift_parts_2 partition of drift_parts for values in (2)",
                "insert into drift_parts select 1 + g.id % 2, g.embedding from drift g");
        IndexDefinition index = IndexDefinition.ivfflat("drift_parts", EMBEDDING, Metric.L2).name("parts_idx").lists(2).build();
        db.execute(index.createSql());
        String children = "select t.relname, x.relname, i.indisvalid, pg_get_indexdef(x.oid) like '%lists=''3''%'"
                + " from pg_inherits h join pg_class x on x.oid = h.inhrelid join pg_index i on i.indexrelid = x.oid"
                + " join pg_class t on t.oid = i.indrelid where h.inhparent = 'parts_idx'::regclass order by 1";
        for (int run = 1; run <= 2; run++) {
            IndexDefinition rebuilt = IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { });
            assertThat(rebuilt.lists()).hasValue(3);
            assertThat(rows(db, children)).as("rebuild %d", run).containsExactly(
                    "drift_parts_1|drift_parts_1_parts_idx|t|t", "drift_parts_2|drift_parts_2_parts_idx|t|t");
            assertThat(rows(db, "select count(*) from pg_class where relname like '%rebuild%'")).containsExactly("0");
        }
        db.execute("drop table drift_parts");
    }

    @Test
    void aQuotedIndexNameOnASchemaQualifiedTableIsRebuiltInPlace(TestDatabase db) throws Exception {
        IndexDefinition index = IndexDefinition.ivfflat(db.schema() + ".drift", EMBEDDING, Metric.COSINE)
                .name("\"Drift Cosine\"").lists(2).build();
        db.execute(index.createSql());
        IndexDefinition rebuilt = IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { });
        assertThat(rebuilt.name()).isEqualTo("\"Drift Cosine\"");
        assertThat(rows(db, "select c.relname, pg_get_indexdef(i.indexrelid) like '%vector_cosine_ops) WITH (lists=''3'')'"
                + " from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'drift'::regclass"))
                .containsExactly("Drift Cosine|t");
        db.execute(index.dropSql());
    }
}
