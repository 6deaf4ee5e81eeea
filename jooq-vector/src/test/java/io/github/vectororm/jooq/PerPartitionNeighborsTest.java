package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.RoundTrips;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestNeighbors#perPartition} on local partitions, one of them in another schema: each branch names its leaf
 * in the leaf's schema, for an unqualified table and a schema-qualified one; the answer equals an exact oracle and the
 * parent's own exact query; every leaf's index serves its branch; settings keep the one round trip; misuse is refused.
 */
@PgVectorDatabase
class PerPartitionNeighborsTest {

    private static final int DIMS = 8;
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<Integer> TENANT = DSL.field(DSL.name("tenant"), SQLDataType.INTEGER);
    private static final Field<Integer> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(DIMS));
    private static final Table<Record> PLAIN = DSL.table(DSL.name("pp_items"));
    private static String other;
    private static Partitions partitions;
    private static Connection connection;
    private static DSLContext dsl;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        other = db.schema() + "_x";
        db.execute("create schema " + other,
                "create table pp_items (id bigint not null, tenant int not null, category int not null, embedding vector("
                        + DIMS + ")) partition by list (tenant)",
                "create table pp_items_1 partition of pp_items for values in (1)",
                "create table pp_items_2 partition of pp_items for values in (2)",
                "create table " + other + ".pp_items_3 partition of pp_items for values in (3)",
                "insert into pp_items select g, g % 3 + 1, g / 3 % 10, (select array_agg(random()) from generate_series(1, "
                        + DIMS + ") where g > 0)::vector from generate_series(1, 9000) g",
                "create index on pp_items using hnsw (embedding vector_l2_ops)",
                "analyze pp_items", "create table pp_other (id bigint)");
        connection = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY));
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        partitions = Partitions.of(connection, "pp_items");
    }

    @AfterAll
    static void close(TestDatabase db) throws SQLException {
        connection.close();
        db.execute("drop schema " + other + " cascade");
    }

    private static List<NearestNeighbors<Record>> bothForms(TestDatabase db, float[] probe) {
        Table<Record> qualified = DSL.table(DSL.name(db.schema(), "pp_items"));
        return List.of(
                NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, probe).select(ID, TENANT).where(CATEGORY.eq(4)),
                NearestNeighbors.of(qualified, DSL.field(DSL.name(db.schema(), "pp_items", "embedding"),
                        VectorDataTypes.vector(DIMS)), Metric.L2, probe)
                        .select(DSL.field(DSL.name(db.schema(), "pp_items", "id"), SQLDataType.BIGINT),
                                DSL.field(DSL.name(db.schema(), "pp_items", "tenant"), SQLDataType.INTEGER))
                        .where(DSL.field(DSL.name(db.schema(), "pp_items", "category"), SQLDataType.INTEGER).eq(4)));
    }

    @Test
    void eachBranchNamesItsLeafAndTheAnswerIsExact(TestDatabase db) throws SQLException {
        float[] probe = vector(1);
        List<Long> oracle = oracle(probe, 4, 10);
        List<Long> parentsOwn = NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, probe).select(ID).where(CATEGORY.eq(4))
                .limit(10).exact().fetch(dsl).stream().map(n -> n.record().get(ID)).toList();
        assertThat(parentsOwn).isEqualTo(oracle);
        for (NearestNeighbors<Record> form : bothForms(db, probe)) {
            NearestNeighbors<Record> knn = form.limit(10).exact().perPartition(partitions);
            String sql = dsl.render(knn.asSelect());
            assertThat(sql).contains("from \"" + db.schema() + "\".\"pp_items_1\"",
                    "from \"" + db.schema() + "\".\"pp_items_2\"", "from \"" + other + "\".\"pp_items_3\"")
                    .doesNotContain("\"pp_items\"");
            List<Neighbor<Record>> hits = knn.fetch(dsl);
            assertThat(hits).extracting(n -> n.record().get(0, Long.class)).isEqualTo(oracle);
            assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(Neighbor::distance));
            // the select composes like any jOOQ select, bound or inlined
            assertThat(dsl.fetch(knn.asSelect()).getValues(0, Long.class)).isEqualTo(oracle);
        }
    }

    @Test
    void everyLeafsIndexServesItsBranch(TestDatabase db) {
        // unfiltered: with a filter, 3,000 rows a leaf are few enough that the planner sorts the matching ones
        NearestNeighbors<Record> knn = NearestNeighbors.of(DSL.table(DSL.name(db.schema(), "pp_items")),
                DSL.field(DSL.name(db.schema(), "pp_items", "embedding"), VectorDataTypes.vector(DIMS)), Metric.L2, vector(2))
                .select(DSL.field(DSL.name(db.schema(), "pp_items", "id"), SQLDataType.BIGINT)).limit(10)
                .settings(SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build())
                .perPartition(partitions);
        String plan = VectorTransactions.withSettings(dsl, knn.effectiveSettings(), tx -> String.join("\n",
                tx.dsl().fetch("explain (costs off) {0}", knn.asSelect()).getValues(0, String.class)));
        for (String leaf : List.of("pp_items_1", "pp_items_2", "pp_items_3")) {
            assertThat(plan).containsPattern("Index Scan using " + leaf + "_embedding_idx on " + leaf);
        }
        assertThat(knn.fetch(dsl)).hasSize(10);
        // a filter on the partition key keeps one branch
        NearestNeighbors<Record> oneTenant = NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, vector(2)).select(ID, TENANT)
                .where(TENANT.eq(3)).limit(10).perPartition(partitions);
        String pruned = VectorTransactions.withSettings(dsl, oneTenant.effectiveSettings(), tx -> String.join("\n",
                tx.dsl().fetch("explain (costs off) {0}", oneTenant.asSelect()).getValues(0, String.class)));
        assertThat(pruned).contains("on pp_items_3").doesNotContain("on pp_items_1").doesNotContain("on pp_items_2");
        assertThat(oneTenant.fetch(dsl)).hasSize(10).allSatisfy(n -> assertThat(n.record().get(TENANT)).isEqualTo(3));
    }

    @Test
    void theGuidesExampleSearchesEachLeafAndEqualsTheExactAnswer(TestDatabase db) throws SQLException {
        float[] probe = vector(4);
        // tag::jooq-per-partition[]
        Partitions partitions = Partitions.of(connection, "pp_items"); // re-read after partitions or server options change
        List<Neighbor<Record>> nearest = NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, probe)
                .select(ID, TENANT)
                .where(CATEGORY.eq(3))
                .limit(10)
                .perPartition(partitions)
                .fetch(dsl);
        // end::jooq-per-partition[]
        List<Long> exact = NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, probe).select(ID).where(CATEGORY.eq(3))
                .limit(10).exact().fetch(dsl).stream().map(n -> n.record().get(ID)).toList();
        assertThat(nearest).extracting(n -> n.record().get(ID)).hasSize(10).isEqualTo(exact);
    }

    @Test
    void settingsTravelInTheStatementOneRoundTrip(TestDatabase db) throws Exception {
        SearchSettings settings = SearchSettings.builder().hnswEfSearch(60).hnswIterativeScan(IterativeScan.RELAXED_ORDER)
                .build();
        NearestNeighbors<Record> knn = bothForms(db, vector(3)).get(0).limit(10).settings(settings).perPartition(partitions);
        knn.fetch(dsl); // warm: the version gate's read on this connection
        assertThat(RoundTrips.during(() -> knn.fetch(dsl))).isEqualTo(1);
        assertThat(knn.effectiveSettings().parameters()).containsEntry("hnsw.ef_search", "60")
                .containsEntry("constraint_exclusion", "on").containsEntry("plan_cache_mode", "force_custom_plan");
        assertThat(dsl.fetchValue("select current_setting('constraint_exclusion')")).as("for the statement only")
                .isEqualTo("partition");
    }

    @Test
    void aRenderMappingOfTheCallersStillAppliesAndIsLeftAsItWas(TestDatabase db) throws SQLException {
        float[] probe = vector(5);
        // the caller's own runtime mapping: schema "app" is this test's schema at run time
        Settings settings = new Settings().withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput("app").withOutput(db.schema())));
        DSLContext mapped = DSL.using(connection, SQLDialect.POSTGRES, settings);
        Field<Long> otherId = DSL.field(DSL.name("app", "pp_other", "id"), SQLDataType.BIGINT);
        NearestNeighbors<Record> knn = NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, probe).select(ID)
                .where(CATEGORY.eq(4), ID.notIn(DSL.select(otherId).from(DSL.table(DSL.name("app", "pp_other")))))
                .limit(10).exact().perPartition(partitions);
        assertThat(mapped.render(knn.asSelect())).contains("from \"" + db.schema() + "\".\"pp_other\"")
                .doesNotContain("\"app\"");
        assertThat(knn.fetch(mapped)).extracting(n -> n.record().get(ID)).isEqualTo(oracle(probe, 4, 10));
        assertThat(settings.getRenderMapping().getSchemata()).hasSize(1);
    }

    @Test
    void misuseIsRefusedNamingTheCause(TestDatabase db) throws SQLException {
        Table<Record> otherTable = DSL.table(DSL.name("pp_other"));
        assertThatThrownBy(() -> NearestNeighbors.of(otherTable, EMBEDDING, Metric.L2, vector(4)).select(ID)
                .perPartition(partitions)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the partitions are " + db.schema() + ".pp_items's, not this table's");
        // the same name in another schema is another table
        Table<Record> elsewhere = DSL.table(DSL.name(other, "pp_items"));
        assertThatThrownBy(() -> NearestNeighbors.of(elsewhere, EMBEDDING, Metric.L2, vector(4)).select(ID)
                .perPartition(partitions)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nearest neighbors in " + other + ".pp_items: the partitions are " + db.schema()
                        + ".pp_items's");
        // a named parameter bound twice cannot be re-bound in order in each branch
        Param<Integer> tenant = DSL.param("tenant", 1);
        assertThatThrownBy(() -> NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, vector(4)).select(ID)
                .where(TENANT.eq(tenant).or(CATEGORY.eq(tenant))).limit(10).perPartition(partitions).fetch(dsl))
                .hasMessageContaining("binds a named parameter (DSL.param(name, value)) more than once");
        Field<float[]> fromRow = DSL.field(DSL.select(EMBEDDING).from(PLAIN).where(ID.eq(1L)));
        assertThatThrownBy(() -> NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, fromRow).perPartition(partitions))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the probe is an expression");
        Field<Double> distanceColumn = DSL.field(DSL.name("distance"), SQLDataType.DOUBLE);
        assertThatThrownBy(() -> NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, vector(4)).select(ID, distanceColumn)
                .perPartition(partitions)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selected column distance has the name of the distance column");
        assertThatThrownBy(() -> NearestNeighbors.of(PLAIN, EMBEDDING, Metric.L2, vector(4)).select(ID).exact()
                .perPartition(partitions).asSelect()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("per partition without a limit");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> Partitions.of(c, "pp_other")).hasMessageContaining("has no partitions");
        }
    }

    /** The k nearest rows of a category over every row, distances computed here. */
    private static List<Long> oracle(float[] probe, int category, int k) throws SQLException {
        record Row(long id, double distance) {
        }
        List<Row> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id, embedding::real[] from pp_items where category = " + category)) {
            while (rs.next()) {
                Float[] boxed = (Float[]) rs.getArray(2).getArray();
                float[] v = new float[boxed.length];
                for (int d = 0; d < v.length; d++) {
                    v[d] = boxed[d];
                }
                rows.add(new Row(rs.getLong(1), Metric.L2.distance(probe, v)));
            }
        }
        return rows.stream().sorted(Comparator.comparingDouble(Row::distance)).limit(k).map(Row::id).toList();
    }

    private static float[] vector(long seed) {
        Random random = new Random(seed);
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            v[d] = random.nextFloat();
        }
        return v;
    }
}
