package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.RoundTrips;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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

/**
 * Round trips of jOOQ's k-NN entry points, counted on the socket, next to raw JDBC doing the same work: one, with
 * or without settings (they travel in the query's statement), in or out of a caller's transaction.
 */
@PgVectorDatabase
class RoundTripCountTest {

    private static final int DIMS = 8;
    private static final Table<Record> ITEMS = DSL.table(DSL.name("trip_items"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<Integer> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(DIMS));
    private static final float[] PROBE = TestVectors.gaussian(new Random(3), DIMS);
    private static final SearchSettings SETTINGS = SearchSettings.builder().hnswEfSearch(60)
            .hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();

    private static Connection connection;
    private static DSLContext dsl;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table trip_items (id bigint primary key, category int not null, embedding vector(" + DIMS + "))",
                "insert into trip_items select g, g % 10, (select array_agg(random()) from generate_series(1, " + DIMS
                        + ") where g > 0)::vector from generate_series(1, 2000) g",
                "create index on trip_items using hnsw (embedding vector_l2_ops)", "analyze trip_items");
        connection = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY));
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void nearestNeighborsCostsWhatRawJdbcCosts() throws Exception {
        search(SearchSettings.none()); // warm
        assertThat(RoundTrips.during(() -> search(SearchSettings.none()))).isEqualTo(raw()).isEqualTo(1);
        List<float[]> probes = List.of(PROBE, PROBE, PROBE);
        assertThat(RoundTrips.during(() -> BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, probes).select(ID)
                .limit(10).fetch(dsl))).as("a batch is one statement").isEqualTo(1);
    }

    @Test
    void settingsCostNoRoundTripOfTheirOwn() throws Exception {
        search(SETTINGS); // warm: the version gate's read on this connection
        assertThat(RoundTrips.during(() -> search(SETTINGS))).as("auto-commit").isEqualTo(1);
        List<float[]> probes = List.of(PROBE, PROBE);
        assertThat(RoundTrips.during(() -> BatchNeighbors.of(ITEMS, EMBEDDING, Metric.L2, probes).select(ID)
                .limit(10).settings(SETTINGS).fetch(dsl))).as("a batch with settings").isEqualTo(1);
        dsl.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.execute("set local hnsw.ef_search = 77");
            long trips = RoundTrips.during(() -> NearestNeighbors.of(ITEMS, EMBEDDING, Metric.L2, PROBE).select(ID)
                    .where(CATEGORY.eq(3)).limit(10).settings(SETTINGS).fetch(tx));
            assertThat(trips).as("in a caller's transaction").isEqualTo(1);
            assertThat(tx.fetchValue("select current_setting('hnsw.ef_search')")).as("the caller's own value")
                    .isEqualTo("77");
        });
    }

    @Test
    void settingsAreInForceDuringTheQuery() {
        var probe = DSL.field("current_setting('hnsw.ef_search')", String.class);
        List<Neighbor<Record>> hits = NearestNeighbors.of(ITEMS, EMBEDDING, Metric.L2, PROBE).select(ID, probe.as("ef"))
                .limit(3).settings(SearchSettings.builder().hnswEfSearch(91).build()).fetch(dsl);
        assertThat(hits).hasSize(3).allSatisfy(hit -> assertThat(hit.record().get("ef")).isEqualTo("91"));
        assertThat(hits.get(0).record().get(ID)).isNotNull();
        assertThat(dsl.fetchValue("select current_setting('hnsw.ef_search')")).isEqualTo("40");
    }

    private static List<Neighbor<Record>> search(SearchSettings settings) {
        return NearestNeighbors.of(ITEMS, EMBEDDING, Metric.L2, PROBE).select(ID, CATEGORY, EMBEDDING)
                .where(CATEGORY.eq(3)).limit(10).settings(settings).fetch(dsl);
    }

    private static long raw() throws Exception {
        try (PreparedStatement s = connection.prepareStatement("select id, category, embedding, embedding <-> ?"
                + " from trip_items where category = ? order by embedding <-> ? limit 10")) {
            s.setObject(1, new com.pgvector.PGvector(PROBE));
            s.setInt(2, 3);
            s.setObject(3, new com.pgvector.PGvector(PROBE));
            return RoundTrips.during(() -> s.executeQuery().close());
        }
    }
}
