package io.github.vectororm.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.jooq.NearestNeighbors;
import io.github.vectororm.jooq.Neighbor;
import io.github.vectororm.jooq.VectorCopy;
import io.github.vectororm.jooq.VectorDataTypes;
import io.github.vectororm.test.LoadRun;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep4;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent jOOQ writers (half multi-row INSERT, half {@link VectorCopy}) and filtered {@link NearestNeighbors}
 * readers (iterative scan) on one HNSW-indexed table over a HikariCP pool, and the bounded load run for
 * {@link NearestNeighbors}.
 */
@PgVectorDatabase
class JooqConcurrencyTest {

    private static final int DIMENSIONS = 16;
    private static final int CATEGORIES = 10;
    private static final int K = 10;
    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int ROWS_PER_WRITER = 400;
    private static final int UNIT = 100;
    private static final int BASE_ROWS = 200;
    private static final int LOAD_ROWS = 5_000;
    private static final SearchSettings ITERATIVE = SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();

    private static final Table<Record> ITEMS = DSL.table(DSL.name("conc_items"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<Integer> WRITER = DSL.field(DSL.name("writer"), SQLDataType.INTEGER);
    private static final Field<Integer> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(DIMENSIONS));

    private static HikariDataSource pool;
    private static DSLContext dsl;

    @BeforeAll
    static void setUp(TestDatabase db) throws SQLException {
        db.execute("create table conc_items (id bigint primary key, writer integer not null, category integer not null,"
                        + " embedding vector(" + DIMENSIONS + ") not null)",
                IndexDefinition.hnsw("conc_items", IndexedExpression.column("embedding", VectorType.VECTOR, DIMENSIONS),
                        Metric.L2).build().createSql());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PgVectorTypes.withBinaryTransfer(db.jdbcUrl()));
        config.setMaximumPoolSize(WRITERS + READERS);
        config.setConnectionTimeout(10_000);
        pool = new HikariDataSource(config);
        dsl = DSL.using(pool, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    @Test
    void insertAndCopyWritersAndFilteredNearestNeighborsReadersConcurrently() throws Exception {
        copy(-1, 0, BASE_ROWS); // every category has k rows before the readers start
        LoadRun.Concurrency run = LoadRun.writeWhileReading(WRITERS, writer -> {
            for (int unit = 0; unit < ROWS_PER_WRITER / UNIT; unit++) {
                long firstId = 1_000_000L * (writer + 1) + unit * UNIT;
                if (writer % 2 == 0) {
                    insert(writer, firstId, UNIT);
                } else {
                    copy(writer, firstId, UNIT);
                }
            }
        }, READERS, (reader, i) -> nearest((int) ((reader + i) % CATEGORIES), vector(i * 31 + reader)), K);
        int total = dsl.fetchCount(ITEMS, WRITER.ge(-1));
        int perWriterOk = dsl.fetchCount(DSL.select(WRITER).from(ITEMS).where(WRITER.ge(0)).groupBy(WRITER)
                .having(DSL.count().eq(ROWS_PER_WRITER)));
        System.out.printf("[measure] concurrency jOOQ: writers=%d x %d rows (2 by multi-row INSERT, 2 by VectorCopy;"
                + " %d rows a transaction, %.0f rows/s), readers=%d, filtered NearestNeighbors queries=%d (iterative scan),"
                + " rows read=%d, short results=%d, rows counted back=%d (= %d base + %d), writers complete=%d of %d,"
                + " errors=0, deadlocks=0%n", WRITERS, ROWS_PER_WRITER, UNIT, WRITERS * ROWS_PER_WRITER / run.writeSeconds(), READERS,
                run.queries(), run.rowsRead(), run.shortResults(), total, BASE_ROWS, WRITERS * ROWS_PER_WRITER, perWriterOk,
                WRITERS);
        assertThat(total).isEqualTo(BASE_ROWS + WRITERS * ROWS_PER_WRITER);
        assertThat(perWriterOk).isEqualTo(WRITERS);
        assertThat(run.queries()).isGreaterThanOrEqualTo(READERS * 5L);
        assertThat(run.shortResults()).isZero();
    }

    /** The load rows (writer -2) are left out of the other test's counts, so the two tests may run in either order. */
    @Test
    void boundedLoadRun() throws Exception {
        List<Record> records = new ArrayList<>();
        for (long id = 5_000_000; id < 5_000_000 + LOAD_ROWS; id++) {
            records.add(record(id, -2));
        }
        long copied = dsl.transactionResult(tx -> VectorCopy.copy(tx.dsl(), ITEMS, records, List.of(ID, WRITER, CATEGORY,
                EMBEDDING)));
        assertThat(copied).isEqualTo(LOAD_ROWS);
        dsl.execute("analyze conc_items");
        LoadRun.run("jOOQ (NearestNeighbors + where + settings, filtered k-NN, iterative scan)",
                (thread, i) -> nearest((int) Math.floorMod(i + thread, CATEGORIES), vector(i * 7 + thread)));
    }

    /** One transaction: a multi-row INSERT of {@code rows} rows. */
    private static void insert(int writer, long firstId, int rows) {
        dsl.transaction(tx -> {
            InsertValuesStep4<Record, Long, Integer, Integer, float[]> insert = tx.dsl().insertInto(ITEMS, ID, WRITER, CATEGORY,
                    EMBEDDING);
            for (long id = firstId; id < firstId + rows; id++) {
                insert = insert.values(id, writer, (int) (id % CATEGORIES), vector(id));
            }
            assertThat(insert.execute()).isEqualTo(rows);
        });
    }

    /** One transaction: a VectorCopy of {@code rows} records. */
    private static void copy(int writer, long firstId, int rows) {
        List<Record> records = new ArrayList<>();
        for (long id = firstId; id < firstId + rows; id++) {
            records.add(record(id, writer));
        }
        dsl.transaction(tx -> assertThat(VectorCopy.copy(tx.dsl(), ITEMS, records, List.of(ID, WRITER, CATEGORY, EMBEDDING)))
                .isEqualTo(rows));
    }

    private static Record record(long id, int writer) {
        Record record = dsl.newRecord(ID, WRITER, CATEGORY, EMBEDDING);
        record.set(ID, id);
        record.set(WRITER, writer);
        record.set(CATEGORY, (int) (id % CATEGORIES));
        record.set(EMBEDDING, vector(id));
        return record;
    }

    /** The k nearest rows of one category; checks the filter held. */
    private static int nearest(int category, float[] probe) {
        List<Neighbor<Record>> hits = NearestNeighbors.of(ITEMS, EMBEDDING, Metric.L2, probe).select(ID, CATEGORY)
                .where(CATEGORY.eq(category)).settings(ITERATIVE).limit(K).fetch(dsl);
        for (Neighbor<Record> hit : hits) {
            if (hit.record().get(CATEGORY) != category) {
                throw new AssertionError("filter category = " + category + " returned category " + hit.record().get(CATEGORY));
            }
        }
        return hits.size();
    }

    private static float[] vector(long i) {
        float[] v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = (float) Math.sin(i * 0.37 + d * 0.91);
        }
        return v;
    }
}
