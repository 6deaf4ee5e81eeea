package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real build reports increasing progress and ends at done; IVFFlat is rebuilt with lists from the row count; on a
 * partitioned table the build covers every partition, reports partition progress and per-partition sizes; with
 * CONCURRENTLY it creates the index ON ONLY the parent and attaches each partition's concurrently built index (a rerun
 * is a no-op), and a sub-partitioned table is refused before any DDL.
 */
@PgVectorDatabase
class IndexBuilderTest {

    private static final int DIMS = 64;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table builds (id bigint primary key, embedding vector(" + DIMS + "))");
        Random random = new Random(12);
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "builds")
                .column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
            for (long i = 0; i < 30_000; i++) {
                float[] v = new float[DIMS];
                for (int d = 0; d < DIMS; d++) {
                    v[d] = random.nextFloat();
                }
                writer.addRow(i, v);
            }
            writer.finish();
        }
    }

    @Test
    void progressIncreasesAndEndsAtDone(TestDatabase db) throws SQLException {
        IndexDefinition index = IndexDefinition.hnsw("builds", IndexedExpression.column("embedding", VectorType.VECTOR, DIMS),
                Metric.L2).m(8).efConstruction(32).where("slow_on_first_row(id)").build();
        // the predicate holds the heap scan on its first block for 600 ms: there the server's raw blocks_done reads
        // blocks_total (heapam_scan_get_blocks_done), then restarts at 1; every poll in that window sees it
        db.execute("create or replace function slow_on_first_row(id bigint) returns boolean language plpgsql immutable"
                + " as $$ begin if id = 0 then perform pg_sleep(0.6); end if; return true; end $$");
        List<IndexBuilder.Progress> seen = new ArrayList<>();
        IndexBuilder.Result result = IndexBuilder.using(db.dataSource()).maintenanceWorkMem("256MB").parallelWorkers(0)
                .pollInterval(Duration.ofMillis(20)).build(index, seen::add);
        System.out.printf("[measure] HNSW build of 30k x %d-d: %d progress reports, %d ms, %d kB%n", DIMS, seen.size(),
                result.duration().toMillis(), result.sizeBytes() / 1024);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1).done()).isTrue();
        assertThat(seen.subList(0, seen.size() - 1)).allMatch(p -> p.phase().startsWith("building index") || p.phase().startsWith("initializing"));
        assertThat(seen.stream().filter(p -> !p.done()).mapToLong(IndexBuilder.Progress::tuplesDone).max().orElse(0))
                .as("tuples loaded were reported").isPositive();
        assertThat(seen).filteredOn(p -> p.phase().equals("building index: loading tuples") && p.blocksTotal() > 0)
                .as("the first block's raw blocks_done = blocks_total is not reported as a finished scan")
                .first().satisfies(p -> assertThat(p.blocksDone()).isLessThan(p.blocksTotal()));
        for (int i = 1; i < seen.size() - 1; i++) {
            IndexBuilder.Progress before = seen.get(i - 1);
            IndexBuilder.Progress now = seen.get(i);
            if (before.phase().equals(now.phase())) {
                assertThat(now.tuplesDone()).as("within a phase progress only grows").isGreaterThanOrEqualTo(before.tuplesDone());
                assertThat(now.blocksDone()).as("within a phase blocks done only grow").isGreaterThanOrEqualTo(before.blocksDone());
            }
        }
        assertThat(result.sizeBytes()).isPositive();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show maintenance_work_mem")) {
            rs.next();
            assertThat(rs.getString(1)).as("the setting stayed on the build connection").isNotEqualTo("256MB");
        }
        db.execute(index.dropSql());
    }

    @Test
    void theServersRawBlocksDoneReadsTotalOnTheFirstBlockThenRestarts(TestDatabase db) throws Exception {
        db.execute("create table raw_scan (id bigint, embedding vector(4))",
                "insert into raw_scan select g, array[g, 1, 2, 3]::real[]::vector from generate_series(0, 999) g",
                // row 0 (the first block) waits for an advisory lock the watcher holds until it has seen the progress
                // there: the first sample is taken on the first block however slow the machine
                "create or replace function slow_on_row_zero(id bigint) returns boolean language plpgsql immutable"
                        + " as $$ begin if id = 0 then perform pg_advisory_xact_lock(4242); end if; return true; end $$");
        List<String> raw = new ArrayList<>();
        try (Connection build = db.connect(); Connection watch = db.connect()) {
            int pid;
            try (Statement s = build.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Statement s = watch.createStatement()) {
                s.execute("select pg_advisory_lock(4242)");
            }
            boolean held = true;
            java.util.concurrent.CompletableFuture<Void> running = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (Statement s = build.createStatement()) {
                    s.execute("set max_parallel_maintenance_workers = 0");
                    s.execute("create index raw_scan_idx on raw_scan using hnsw (embedding vector_l2_ops)"
                            + " where slow_on_row_zero(id)");
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            long deadline = System.nanoTime() + 120_000_000_000L;
            try {
                while (!running.isDone()) {
                    try (Statement s = watch.createStatement(); ResultSet rs = s.executeQuery("select blocks_done,"
                            + " blocks_total from pg_stat_progress_create_index where pid = " + pid
                            + " and phase = 'building index: loading tuples'")) {
                        if (rs.next() && rs.getLong(2) > 0) {
                            raw.add(rs.getLong(1) + "/" + rs.getLong(2));
                        }
                    }
                    if (held && (!raw.isEmpty() || System.nanoTime() > deadline)) {
                        held = false; // seen on the first block (or given up): let the build go on
                        try (Statement s = watch.createStatement()) {
                            s.execute("select pg_advisory_unlock(4242)");
                        }
                    }
                    Thread.sleep(20);
                }
            } finally {
                if (held) {
                    try (Statement s = watch.createStatement()) {
                        s.execute("select pg_advisory_unlock(4242)");
                    }
                }
            }
            running.get();
        }
        System.out.printf("[measure] raw blocks_done/blocks_total of a build held on block 0: %s%n", raw.stream().distinct().toList());
        assertThat(raw).as("polled during the build").isNotEmpty();
        String total = raw.get(0).split("/")[1];
        assertThat(raw.get(0)).as("on the first block the server reports the scan as complete").isEqualTo(total + "/" + total);
        db.execute("drop table raw_scan");
    }

    @Test
    void theServersFirstBlockTotalIsHeldBackAndANewPhaseStartsAfresh() {
        // the raw sequence measured above (8/8 on the first block, then 1/8, 3/8, ...) as the reporter passes it on
        String phase = "building index: loading tuples";
        IndexBuilder.Progress last = null;
        List<Long> reported = new ArrayList<>();
        for (long raw : new long[] {8, 1, 3, 2, 8}) {
            last = IndexProgressReporter.monotonic(last, new IndexBuilder.Progress(phase, raw, 8, raw * 10, 0, false));
            reported.add(last.blocksDone());
        }
        assertThat(reported).containsExactly(0L, 1L, 3L, 3L, 3L);
        assertThat(IndexProgressReporter.monotonic(last, new IndexBuilder.Progress("building index: performing"
                + " final sort", 0, 0, 5, 100, false))).as("a new phase").extracting(IndexBuilder.Progress::tuplesDone)
                .isEqualTo(5L);
    }

    @Test
    void ivfflatRebuildRecomputesLists(TestDatabase db) throws SQLException {
        IndexDefinition index = IndexDefinition.ivfflat("builds", IndexedExpression.column("embedding", VectorType.VECTOR, DIMS),
                Metric.L2).lists(2).build();
        db.execute(index.createSql());
        IndexDefinition rebuilt = IndexBuilder.using(db.dataSource()).rebuildIvfflat(index, p -> { });
        assertThat(rebuilt.lists()).hasValue(30);
        assertThat(rebuilt.name()).isEqualTo(index.name());
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select indexdef from pg_indexes where schemaname = current_schema() and tablename = 'builds' and indexdef like '%ivfflat%'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains(index.name()).contains("lists='30'");
            assertThat(rs.next()).as("the old index is gone").isFalse();
        }
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).maintenanceWorkMem("lots"))
                .hasMessageContaining("must look like 512MB");
    }

    @Test
    void partitionedTableGetsAnIndexOnEveryPartition(TestDatabase db) throws SQLException {
        db.execute("create table tenant_docs (tenant int not null, id bigint not null, embedding vector(32),"
                + " primary key (tenant, id)) partition by list (tenant)",
                "create table tenant_docs_1 partition of tenant_docs for values in (1)",
                "create table tenant_docs_2 partition of tenant_docs for values in (2)",
                "create table tenant_docs_3 partition of tenant_docs for values in (3)");
        Random random = new Random(13);
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "tenant_docs")
                .column("tenant", CopyType.INTEGER).column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
            for (long i = 0; i < 24_000; i++) {
                float[] v = new float[32];
                for (int d = 0; d < v.length; d++) {
                    v[d] = random.nextFloat();
                }
                writer.addRow((int) (1 + i % 3), i, v);
            }
            writer.finish();
        }
        IndexedExpression embedding = IndexedExpression.column("embedding", VectorType.VECTOR, 32);
        IndexBuilder builder = IndexBuilder.using(db.dataSource()).parallelWorkers(0).pollInterval(Duration.ofMillis(20));

        IndexDefinition index = IndexDefinition.hnsw("tenant_docs", embedding, Metric.L2).m(8).efConstruction(32).build();
        List<IndexBuilder.Progress> seen = new ArrayList<>();
        IndexBuilder.Result result = builder.build(index, seen::add);
        List<IndexBuilder.Progress> building = seen.stream().filter(p -> !p.done()).toList();
        System.out.printf("[measure] HNSW build on 3 partitions of 8k x 32-d: %d progress reports (partitions done seen: %s),"
                + " %d ms, sizes %s%n", building.size(),
                building.stream().map(IndexBuilder.Progress::partitionsDone).distinct().toList(), result.duration().toMillis(),
                result.partitions().stream().map(p -> p.index() + "=" + p.sizeBytes() / 1024 + "kB").toList());
        assertThat(building).as("the build was observed").isNotEmpty();
        assertThat(building).filteredOn(p -> p.phase().startsWith("building")) // "initializing" comes before the count
                .allSatisfy(p -> assertThat(p.partitionsTotal()).isEqualTo(3));
        for (int i = 1; i < building.size(); i++) {
            assertThat(building.get(i).fraction()).as("overall fraction grows across partitions")
                    .isGreaterThanOrEqualTo(building.get(i - 1).partitionsDone() / 3.0);
        }
        assertThat(seen.get(seen.size() - 1)).isEqualTo(new IndexBuilder.Progress("done", 0, 0, 0, 0, 3, 3, true));
        assertThat(result.partitions()).extracting(IndexBuilder.PartitionIndex::partition)
                .containsExactly("tenant_docs_1", "tenant_docs_2", "tenant_docs_3");
        assertThat(result.partitions()).allSatisfy(p -> assertThat(p.sizeBytes()).isPositive());
        assertThat(result.sizeBytes()).isEqualTo(result.partitions().stream().mapToLong(IndexBuilder.PartitionIndex::sizeBytes).sum());

        // a partition created later gets its own index from PostgreSQL
        db.execute("create table tenant_docs_4 partition of tenant_docs for values in (4)");
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_get_indexdef(i.indexrelid) from pg_index i"
                        + " where i.indrelid = 'tenant_docs_4'::regclass and i.indexrelid::regclass::text like '%embedding%'")) {
            assertThat(IndexBuilder.partitionIndexes(c, index)).hasSize(4);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("USING hnsw (embedding vector_l2_ops) WITH (m='8', ef_construction='32')");
        }
        db.execute("drop table tenant_docs");
    }

    @Test
    void concurrentBuildOnAPartitionedTableAttachesEachPartitionsIndex(TestDatabase db) throws SQLException {
        // one partition with a quoted mixed-case name, one whose name is too long to prefix the index name to
        String longName = "conc_docs_partition_number_three_with_a_rather_long_name";
        db.execute("create table conc_docs (tenant int not null, id bigint not null, embedding vector(16))"
                + " partition by list (tenant)",
                "create table conc_docs_1 partition of conc_docs for values in (1)",
                "create table \"Conc Docs 2\" partition of conc_docs for values in (2)",
                "create table " + longName + " partition of conc_docs for values in (3)");
        Random random = new Random(14);
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, "conc_docs")
                .column("tenant", CopyType.INTEGER).column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
            for (long i = 0; i < 6_000; i++) {
                float[] v = new float[16];
                for (int d = 0; d < v.length; d++) {
                    v[d] = random.nextFloat();
                }
                writer.addRow((int) (1 + i % 3), i, v);
            }
            writer.finish();
        }
        db.execute("analyze conc_docs");
        IndexDefinition index = IndexDefinition.hnsw("conc_docs", IndexedExpression.column("embedding", VectorType.VECTOR, 16),
                Metric.L2).m(8).efConstruction(32).concurrently().build();
        assertThat(index.createOnOnlySql()).isEqualTo("CREATE INDEX IF NOT EXISTS conc_docs_embedding_hnsw_l2_idx ON ONLY"
                + " conc_docs USING hnsw (embedding vector_l2_ops) WITH (m = 8, ef_construction = 32)");
        IndexBuilder builder = IndexBuilder.using(db.dataSource()).parallelWorkers(0).pollInterval(Duration.ofMillis(20));
        List<IndexBuilder.Progress> seen = new ArrayList<>();
        IndexBuilder.Result result = builder.build(index, seen::add);
        List<Long> partitionsDone = seen.stream().map(IndexBuilder.Progress::partitionsDone).distinct().toList();
        System.out.printf("[measure] concurrent HNSW build ON ONLY 3 partitions of 2k x 16-d: %d progress reports, phases %s,"
                + " partitions done seen %s, %d ms, indexes %s%n", seen.size(),
                seen.stream().map(IndexBuilder.Progress::phase).distinct().toList(), partitionsDone,
                result.duration().toMillis(), result.partitions().stream().map(IndexBuilder.PartitionIndex::index).toList());
        assertThat(seen).allSatisfy(p -> assertThat(p.partitionsTotal()).isEqualTo(3));
        assertThat(partitionsDone).as("partitions done only rise").isSorted().contains(1L, 2L, 3L);
        assertThat(seen).filteredOn(p -> p.phase().equals("partition index attached")).hasSize(3);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(new IndexBuilder.Progress("done", 0, 0, 0, 0, 3, 3, true));
        assertThat(seen.subList(0, seen.size() - 1)).noneMatch(IndexBuilder.Progress::done);
        assertThat(result.partitions()).extracting(IndexBuilder.PartitionIndex::partition)
                .containsExactlyInAnyOrder("conc_docs_1", "\"Conc Docs 2\"", longName);
        assertThat(result.partitions()).allSatisfy(p -> assertThat(p.sizeBytes()).isPositive());

        String attachedSql = "select t.relname, x.relname, length(x.relname), i.indisvalid, am.amname from pg_inherits h"
                + " join pg_index i on i.indexrelid = h.inhrelid join pg_class x on x.oid = i.indexrelid"
                + " join pg_class t on t.oid = i.indrelid join pg_am am on am.oid = x.relam"
                + " where h.inhparent = 'conc_docs_embedding_hnsw_l2_idx'::regclass order by 1";
        List<String> attached = rows(db, attachedSql);
        System.out.printf("[measure] attached partition indexes: %s%n", attached);
        assertThat(attached).containsExactly(
                "Conc Docs 2|Conc Docs 2_conc_docs_embedding_hnsw_l2_idx|43|t|hnsw",
                "conc_docs_1|conc_docs_1_conc_docs_embedding_hnsw_l2_idx|43|t|hnsw",
                longName + "|" + attached.get(2).split("\\|")[1] + "|63|t|hnsw");
        assertThat(attached.get(2).split("\\|")[1]).as("cut to 63 bytes with a hash of the whole name")
                .matches(java.util.regex.Pattern.quote(longName.substring(0, 50)) + ".*_[0-9a-f]{1,7}");
        assertThat(rows(db, "select i.indisvalid, c.relkind from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where i.indexrelid = 'conc_docs_embedding_hnsw_l2_idx'::regclass"))
                .as("the parent index is a valid partitioned index").containsExactly("t|I");

        // a k-NN search with the partition key reads that partition's own index
        String vector = "'[" + String.join(",", java.util.Collections.nCopies(16, "0.5")) + "]'";
        List<String> plan = rows(db, "explain (costs off) select id from conc_docs where tenant = 2"
                + " order by embedding <-> " + vector + " limit 5");
        System.out.printf("[measure] plan with the key: %s%n", plan);
        assertThat(String.join("\n", plan)).contains("Index Scan using \"Conc Docs 2_conc_docs_embedding_hnsw_l2_idx\" on"
                + " \"Conc Docs 2\"");

        // a rerun is a no-op: every partition is skipped, nothing new is created
        List<String> indexesBefore = rows(db, "select indexrelid::regclass::text from pg_index order by 1");
        List<IndexBuilder.Progress> rerun = new ArrayList<>();
        builder.build(index, rerun::add);
        System.out.printf("[measure] rerun progress: %s%n", rerun);
        assertThat(rerun).filteredOn(p -> !p.done()).extracting(IndexBuilder.Progress::phase)
                .containsExactly("partition index already attached", "partition index already attached",
                        "partition index already attached");
        assertThat(rerun.get(rerun.size() - 1)).isEqualTo(new IndexBuilder.Progress("done", 0, 0, 0, 0, 3, 3, true));
        assertThat(rows(db, "select indexrelid::regclass::text from pg_index order by 1")).isEqualTo(indexesBefore);
        assertThat(rows(db, attachedSql)).isEqualTo(attached);
        db.execute("drop table conc_docs");
    }

    @Test
    void aFailedPartitionBuildDropsItsInvalidIndexKeepsTheAttachedOnesAndARerunContinues(TestDatabase db) throws SQLException {
        db.execute("create table fail_docs (tenant int not null, id bigint not null, embedding vector(4)) partition by list (tenant)",
                "create table fail_docs_1 partition of fail_docs for values in (1)",
                "create table fail_docs_2 partition of fail_docs for values in (2)",
                "create table fail_docs_3 partition of fail_docs for values in (3)",
                "insert into fail_docs select 1 + g % 3, g, array[g, 1, 2, 3]::real[]::vector from generate_series(1, 300) g",
                // the partial-index predicate divides by zero on this row only, so the third partition's build fails
                "insert into fail_docs values (3, 0, '[0,1,2,3]')");
        IndexDefinition index = IndexDefinition.hnsw("fail_docs", IndexedExpression.column("embedding", VectorType.VECTOR, 4),
                Metric.L2).name("fail_idx").where("100 / id > -1").concurrently().build();
        IndexBuilder builder = IndexBuilder.using(db.dataSource()).pollInterval(Duration.ofMillis(20));
        assertThatThrownBy(() -> builder.build(index, p -> { }))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> System.out.printf("[measure] failed partition build: %s%n", e.getMessage()))
                .hasMessageContaining("on partition fail_docs_3 failed")
                .hasMessageContaining("division by zero")
                .hasMessageContaining("its invalid index was dropped")
                .hasMessageContaining("the indexes of [fail_docs_1, fail_docs_2] stay attached")
                .hasMessageContaining("run the build again to continue");
        String attachedSql = "select i.indrelid::regclass::text from pg_inherits h join pg_index i on i.indexrelid = h.inhrelid"
                + " where h.inhparent = 'fail_idx'::regclass order by 1";
        assertThat(rows(db, attachedSql)).containsExactly("fail_docs_1", "fail_docs_2");
        assertThat(rows(db, "select count(*) from pg_index where indrelid = 'fail_docs_3'::regclass"))
                .as("the failed partition's invalid index is gone").containsExactly("0");
        assertThat(rows(db, "select indisvalid from pg_index where indexrelid = 'fail_idx'::regclass")).containsExactly("f");

        db.execute("delete from fail_docs where id = 0");
        List<IndexBuilder.Progress> rerun = new ArrayList<>();
        builder.build(index, rerun::add);
        assertThat(rerun).extracting(IndexBuilder.Progress::phase).containsSubsequence("partition index already attached",
                "partition index already attached", "partition index attached", "done");
        assertThat(rows(db, attachedSql)).containsExactly("fail_docs_1", "fail_docs_2", "fail_docs_3");
        assertThat(rows(db, "select indisvalid from pg_index where indexrelid = 'fail_idx'::regclass")).containsExactly("t");
        db.execute("drop table fail_docs");
    }

    @Test
    void concurrentBuildOnASubPartitionedTableIsRefusedBeforeAnyDdl(TestDatabase db) throws SQLException {
        db.execute("create table sub_docs (tenant int not null, region int not null, embedding vector(4))"
                + " partition by list (tenant)",
                "create table sub_docs_1 partition of sub_docs for values in (1)",
                "create table sub_docs_2 partition of sub_docs for values in (2) partition by list (region)",
                "create table sub_docs_2_1 partition of sub_docs_2 for values in (1)",
                "insert into sub_docs values (1, 1, '[1,2,3,4]'), (2, 1, '[4,3,2,1]')");
        IndexDefinition index = IndexDefinition.hnsw("sub_docs", IndexedExpression.column("embedding", VectorType.VECTOR, 4),
                Metric.L2).concurrently().build();
        List<String> indexesBefore = rows(db, "select indexrelid::regclass::text from pg_index order by 1");
        List<IndexBuilder.Progress> seen = new ArrayList<>();
        assertThatThrownBy(() -> IndexBuilder.using(db.dataSource()).build(index, seen::add))
                .isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("table sub_docs is partitioned and its partition sub_docs_2 is itself partitioned")
                .hasMessageContaining("build it without concurrently");
        assertThat(seen).isEmpty();
        assertThat(rows(db, "select indexrelid::regclass::text from pg_index order by 1")).as("no index was created")
                .isEqualTo(indexesBefore);
        db.execute("drop table sub_docs");
    }

    private static List<String> rows(TestDatabase db, String sql) throws SQLException {
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

    @Test
    void verifyChecksTheDeclarationAgainstTheColumn(TestDatabase db) throws SQLException {
        db.execute("create table checked (id bigint, v vector(8), h halfvec(8), b bit(8), free vector)");
        try (Connection c = db.connect()) {
            IndexBuilder.verify(c, IndexDefinition.hnsw("checked", IndexedExpression.column("v", VectorType.VECTOR, 8), Metric.L2).build());
            IndexBuilder.verify(c, IndexDefinition.hnsw("checked", IndexedExpression.subvector("h", VectorType.HALFVEC, 4), Metric.L2).build());
            IndexBuilder.verify(c, IndexDefinition.hnsw("checked", IndexedExpression.column("free", VectorType.VECTOR, 99), Metric.L2).build());
            assertThatThrownBy(() -> IndexBuilder.verify(c, IndexDefinition.hnsw("checked",
                    IndexedExpression.binaryQuantize("v", 16), Metric.HAMMING).build()))
                    .hasMessage("index on checked.v: the declaration says 16 dimensions (binary_quantize(v)::bit(16)), column"
                            + " checked.v is vector(8)");
            assertThatThrownBy(() -> IndexBuilder.verify(c, IndexDefinition.hnsw("checked",
                    IndexedExpression.subvector("v", VectorType.VECTOR, 9), Metric.L2).build()))
                    .hasMessageContaining("a subvector of 9 dimensions");
            assertThatThrownBy(() -> IndexBuilder.verify(c, IndexDefinition.hnsw("checked",
                    IndexedExpression.column("h", VectorType.VECTOR, 8), Metric.L2).build()))
                    .hasMessageContaining("needs a column of type vector, column checked.h is halfvec");
            assertThatThrownBy(() -> IndexBuilder.verify(c, IndexDefinition.hnsw("checked",
                    IndexedExpression.column("nope", VectorType.VECTOR, 8), Metric.L2).build()))
                    .hasMessageContaining("has no column nope");
            assertThatThrownBy(() -> IndexBuilder.verify(c, IndexDefinition.hnsw("missing",
                    IndexedExpression.column("v", VectorType.VECTOR, 8), Metric.L2).build()))
                    .hasMessageContaining("table missing does not exist");
        }
        db.execute("drop table checked");
    }
}
