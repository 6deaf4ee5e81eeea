package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
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

/** Indexes created through the module serve the k-NN queries it renders; settings hold for one transaction only. */
@PgVectorDatabase
class NearestNeighborsIndexTest {

    private static final Table<Record> POINTS = DSL.table(DSL.name("points"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<Integer> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(3));

    private static Connection connection;
    private static DSLContext dsl;

    @BeforeAll
    static void loadPoints(TestDatabase db) throws SQLException {
        connection = db.connect();
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        dsl.createTable(POINTS).columns(ID, CATEGORY, EMBEDDING).execute();
        Random random = new Random(42);
        var insert = dsl.insertInto(POINTS, ID, CATEGORY, EMBEDDING);
        for (int i = 1; i <= 300; i++) {
            insert = insert.values(i, i % 10, new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()});
        }
        insert.execute();
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void hnswAndIvfflatIndexesServeTheRenderedQuery() {
        for (Metric metric : List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE, Metric.L1)) {
            IndexDefinition index = IndexDefinition
                    .hnsw("points", IndexedExpression.column("embedding", VectorType.VECTOR, 3), metric).m(8).efConstruction(32).build();
            assertIndexServes(index);
        }
        IndexDefinition ivfflat = IndexDefinition
                .ivfflat("points", IndexedExpression.column("embedding", VectorType.VECTOR, 3), Metric.L2).lists(3).build();
        assertThat(ivfflat.method()).isEqualTo(IndexMethod.IVFFLAT);
        assertIndexServes(ivfflat);
    }

    private static void assertIndexServes(IndexDefinition index) {
        VectorDdl.createIndex(dsl, index).execute();
        try {
            NearestNeighbors<Record> knn = NearestNeighbors.of(POINTS, EMBEDDING, index.metric(), new float[] {0.5f, 0.5f, 0.5f})
                    .select(ID).limit(5);
            assertThat(DSL.using(SQLDialect.POSTGRES).render(knn.asSelect()))
                    // jOOQ's POSTGRES dialect writes LIMIT as the standard FETCH NEXT, which plans to the same Limit node;
                    // unfiltered, k is a literal, so the prepared statement's generic plan is reused (checked below)
                    .endsWith("order by (\"embedding\" " + index.metric().operator() + " cast(? as vector)) asc fetch next 5 rows only");
            String plan = VectorTransactions.withSettings(dsl, SearchSettings.none(), tx -> {
                tx.dsl().execute("set local enable_seqscan = off");
                return String.join("\n", tx.dsl().fetch("explain {0}", knn.asSelect()).getValues(0, String.class));
            });
            assertThat(plan).as(index.createSql()).contains("Index Scan using " + index.name());
            for (int i = 0; i < 15; i++) {
                assertThat(knn.fetch(dsl)).hasSize(5);
            }
            // pgjdbc prepares on the server from the 5th execution; PostgreSQL plans 5 executions, then reuses
            Record plans = dsl.fetchOne("select generic_plans, custom_plans from pg_prepared_statements where statement like ?",
                    "%" + index.metric().operator() + " cast($_ as vector)) asc fetch next 5 rows only");
            assertThat(plans).as("the prepared k-NN statement").isNotNull();
            assertThat(plans.get(0, Long.class)).as("generic plans after 15 executions").isPositive();
        } finally {
            VectorDdl.dropIndex(dsl, index).execute();
        }
    }

    @Test
    void searchSettingsAreVisibleDuringTheQueryAndGoneAfter() {
        SearchSettings settings = SearchSettings.builder().hnswEfSearch(77).hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
        Field<String> efSearch = DSL.field("current_setting('hnsw.ef_search')", String.class);
        Field<String> iterative = DSL.field("current_setting('hnsw.iterative_scan')", String.class);
        String before = dsl.select(efSearch).fetchOne(efSearch);

        List<String> during = VectorTransactions.withSettings(dsl, settings,
                tx -> List.of(tx.dsl().select(efSearch).fetchOne(efSearch), tx.dsl().select(iterative).fetchOne(iterative)));
        assertThat(during).containsExactly("77", "relaxed_order");
        assertThat(dsl.select(efSearch).fetchOne(efSearch)).isEqualTo(before).isEqualTo("40");
        assertThat(dsl.select(iterative).fetchOne(iterative)).isEqualTo("off");

        // the settings reach the k-NN query itself: select them beside the neighbors
        NearestNeighbors<Record> knn = NearestNeighbors.of(POINTS, EMBEDDING, Metric.L2, new float[] {0.1f, 0.2f, 0.3f})
                .select(ID, DSL.field("current_setting('hnsw.ef_search')", String.class).as("ef"))
                .where(CATEGORY.eq(3)).limit(4).settings(settings);
        List<Neighbor<Record>> nearest = knn.fetch(dsl);
        assertThat(nearest).hasSize(4).allSatisfy(n -> assertThat(n.record().get("ef")).isEqualTo("77"));
        assertThat(dsl.select(efSearch).fetchOne(efSearch)).isEqualTo("40");
    }

    @Test
    void exactModeSwitchesIndexScansOffAndIsTheOnlyWayWithoutALimit() {
        NearestNeighbors<Record> unlimited = NearestNeighbors.of(POINTS, EMBEDDING, Metric.COSINE, new float[] {1f, 0f, 0f}).select(ID);
        assertThatThrownBy(unlimited::asSelect).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedding").hasMessageContaining("without a limit").hasMessageContaining("exact()");

        IndexDefinition index = IndexDefinition
                .hnsw("points", IndexedExpression.column("embedding", VectorType.VECTOR, 3), Metric.COSINE).build();
        VectorDdl.createIndex(dsl, index).execute();
        try {
            NearestNeighbors<Record> exact = NearestNeighbors.of(POINTS, EMBEDDING, Metric.COSINE, new float[] {1f, 0f, 0f}).select(ID)
                    .where(CATEGORY.eq(1)).exact();
            assertThat(exact.effectiveSettings().exact()).isTrue();
            List<Neighbor<Record>> all = exact.fetch(dsl);
            assertThat(all).hasSize(30);
            assertThat(all).extracting(Neighbor::distance).isSorted();
            exact.limit(3);
            String exactPlan = VectorTransactions.withSettings(dsl, exact.effectiveSettings(),
                    tx -> String.join("\n", tx.dsl().fetch("explain {0}", exact.asSelect()).getValues(0, String.class)));
            assertThat(exactPlan).contains("Seq Scan on points").doesNotContain("Index Scan");
            String approximatePlan = VectorTransactions.withSettings(dsl, SearchSettings.none(), tx -> {
                tx.dsl().execute("set local enable_seqscan = off");
                return String.join("\n", tx.dsl().fetch("explain {0}", exact.asSelect()).getValues(0, String.class));
            });
            assertThat(approximatePlan).contains("Index Scan using " + index.name());
        } finally {
            VectorDdl.dropIndex(dsl, index).execute();
        }
    }

    /** PgVectorDSL.indexed renders each expression index's own SQL (vector-core's), so its index serves the k-NN. */
    @Test
    void indexedExpressionsServeTheirExpressionIndexesAndEqualTheServersOrder() {
        float[] probe = {0.5f, 0.2f, 0.9f};
        record Case(IndexedExpression expression, Metric metric) {
        }
        for (Case c : List.of(new Case(IndexedExpression.halfvec("embedding", 3), Metric.L2),
                new Case(IndexedExpression.binaryQuantize("embedding", 3), Metric.HAMMING),
                new Case(IndexedExpression.subvector("embedding", VectorType.VECTOR, 2), Metric.COSINE))) {
            IndexDefinition index = IndexDefinition.hnsw("points", c.expression(), c.metric()).build();
            VectorDdl.createIndex(dsl, index).execute();
            try {
                NearestNeighbors<Record> knn = NearestNeighbors.of(POINTS, c.expression(), EMBEDDING, c.metric(), probe)
                        .select(ID).limit(7);
                String plan = VectorTransactions.withSettings(dsl, SearchSettings.none(), tx -> {
                    tx.dsl().execute("set local enable_seqscan = off");
                    return String.join("\n", tx.dsl().fetch("explain {0}", knn.asSelect()).getValues(0, String.class));
                });
                assertThat(plan).as(index.createSql()).contains("Index Scan using " + index.name());
                // the server's own ordering by the expression, written from vector-core's SQL (ties broken alike)
                List<Double> server = dsl.fetch("select " + c.expression().sql() + " " + c.metric().operator() + " "
                        + c.expression().probeSql("?") + " as d from points order by d limit 7",
                        io.github.vectororm.core.codec.VectorCodec.format(probe)).getValues("d", Double.class);
                assertThat(knn.fetch(dsl)).extracting(Neighbor::distance).as(index.createSql()).containsExactlyElementsOf(server);
            } finally {
                VectorDdl.dropIndex(dsl, index).execute();
            }
        }
        // the expression's own rule for the column types it applies to, as the server's
        Field<com.pgvector.PGsparsevec> sparse = DSL.field(DSL.name("s"), VectorDataTypes.sparsevec(3));
        assertThatThrownBy(() -> PgVectorDSL.indexed(IndexedExpression.binaryQuantize("s", 3), sparse))
                .isInstanceOf(io.github.vectororm.core.VectorValidationException.class)
                .hasMessage("binary_quantize(s)::bit(3): s is sparsevec, the expression applies to [halfvec, vector]");
        assertThatThrownBy(() -> dsl.fetch("select binary_quantize('{1:1}/3'::sparsevec)"))
                .hasMessageContaining("function binary_quantize(sparsevec) does not exist");
    }
}
