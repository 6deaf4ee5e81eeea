package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch's answer for each probe is that probe's own NearestNeighbors answer, and each probe is an index scan. */
@PgVectorDatabase
class BatchNeighborsTest {

    private static final int DIMS = 16;
    private static final Table<Record> ITEMS = DSL.table(DSL.name("batch_items"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<Integer> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(DIMS));

    private static Connection connection;
    private static DSLContext dsl;
    private static final List<float[]> PROBES = new ArrayList<>();

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        connection = db.connect();
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        dsl.createTable(ITEMS).columns(ID, CATEGORY, EMBEDDING).execute();
        Random random = new Random(8);
        var insert = dsl.insertInto(ITEMS, ID, CATEGORY, EMBEDDING);
        for (int i = 1; i <= 3000; i++) {
            insert = insert.values(i, i % 10, TestVectors.gaussian(random, DIMS));
        }
        insert.execute();
        dsl.execute("create index batch_items_hnsw on batch_items using hnsw (embedding vector_l2_ops)");
        dsl.execute("analyze batch_items");
        for (int i = 0; i < 20; i++) {
            PROBES.add(TestVectors.gaussian(random, DIMS));
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void eachProbeGetsItsOwnQuerysRecordsAndDistances() {
        SearchSettings iterative = SearchSettings.builder().hnswIterativeScan(IterativeScan.STRICT_ORDER).build();
        List<List<Neighbor<Record>>> batch = BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, PROBES)
                .select(ID, CATEGORY, EMBEDDING).where(CATEGORY.eq(3)).limit(10).settings(iterative).fetch(dsl);
        assertThat(batch).hasSize(PROBES.size());
        for (int i = 0; i < PROBES.size(); i++) {
            List<Neighbor<Record>> single = NearestNeighbors.of(ITEMS, EMBEDDING, Metric.L2, PROBES.get(i))
                    .select(ID, CATEGORY, EMBEDDING).where(CATEGORY.eq(3)).limit(10).settings(iterative).fetch(dsl);
            assertThat(batch.get(i)).as("probe " + (i + 1)).hasSize(10);
            assertThat(batch.get(i).stream().map(n -> n.record().get(ID) + "=" + n.distance()).toList())
                    .isEqualTo(single.stream().map(n -> n.record().get(ID) + "=" + n.distance()).toList());
            assertThat(batch.get(i).get(0).record().get(EMBEDDING)).hasSize(DIMS);
        }
    }

    @Test
    void everyProbeIsAnIndexScan() {
        var select = BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, PROBES).select(ID).limit(5).asSelect();
        String plan = dsl.fetch("explain (analyze, costs off, timing off) {0}", select).format();
        assertThat(plan).contains("Nested Loop").contains("Index Scan using batch_items_hnsw")
                .contains("loops=" + PROBES.size());
    }

    @Test
    void badBatchesAreRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, List.of(new float[3])))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("probe 1 has 3 dimensions");
        assertThatThrownBy(() -> BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, List.<float[]>of()))
                .hasMessage("a batch takes 1 to 1000 probes, not 0");
        assertThatThrownBy(() -> BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, PROBES).select(ID).asSelect())
                .hasMessageContaining("needs limit(k)");
        assertThatThrownBy(() -> BatchNeighbors.of(ITEMS, EMBEDDING, Metric.HAMMING, PROBES))
                .isInstanceOf(VectorValidationException.class);
    }
}
