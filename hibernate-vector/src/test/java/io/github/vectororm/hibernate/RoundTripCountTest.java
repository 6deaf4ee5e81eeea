package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.RoundTrips;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Round trips of Hibernate's k-NN entry points, counted on the socket, next to raw JDBC doing the same work. Without
 * settings a search is one round trip, as raw's. With settings, Hibernate runs its query with executeQuery, which
 * takes one statement only, so the settings cannot travel with it: they cost a set_config round trip, and outside a
 * caller's transaction also its COMMIT (docs/hibernate.md says so); raw JDBC sends both in one round trip.
 */
@PgVectorDatabase
class RoundTripCountTest {

    private static final int DIMS = 8;
    private static final SearchSettings SETTINGS = SearchSettings.builder().hnswEfSearch(60)
            .hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();

    @Entity(name = "TripItem")
    @Table(name = "trip_items")
    public static class TripItem {
        @Id
        Long id;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        @VectorIndex(metric = Metric.L2)
        float[] embedding;
    }

    private static SessionFactory sessionFactory;
    private static String url;
    private static final float[] PROBE = TestVectors.gaussian(new Random(3), DIMS);

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table trip_items (id bigint primary key, category int not null, embedding vector(" + DIMS + "))",
                "insert into trip_items select g, g % 10, (select array_agg(random()) from generate_series(1, " + DIMS
                        + ") where g > 0)::vector from generate_series(1, 2000) g", "analyze trip_items");
        url = db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY);
        // connections in auto-commit mode, as pools hand them out (Hibernate's built-in pool turns it off, and then
        // every query outside a transaction pays a COMMIT of its own)
        sessionFactory = HibernateSupport.sessionFactory(url, Map.of(AvailableSettings.HBM2DDL_AUTO, "update",
                AvailableSettings.DEFAULT_SCHEMA, db.schema(), AvailableSettings.AUTOCOMMIT, "true"), TripItem.class);
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    @Test
    void vectorSearchCostsWhatRawJdbcCostsWithoutSettings() throws Exception {
        try (Session session = sessionFactory.openSession()) {
            search(session, SearchSettings.none()); // warm: connection, version reads
            assertThat(RoundTrips.during(() -> search(session, SearchSettings.none()))).isEqualTo(raw(false, false));
            assertThat(raw(false, false)).isEqualTo(1);
        }
    }

    @Test
    void withSettingsTheSetConfigAndTheCommitAreRoundTripsOfTheirOwn() throws Exception {
        try (Session session = sessionFactory.openSession()) {
            search(session, SETTINGS);
            assertThat(RoundTrips.during(() -> search(session, SETTINGS))).as("set_config, query, COMMIT").isEqualTo(3);
            session.beginTransaction();
            search(session, SETTINGS);
            assertThat(RoundTrips.during(() -> search(session, SETTINGS))).as("in a caller's transaction: set_config, query")
                    .isEqualTo(2);
            session.getTransaction().commit();
        }
        assertThat(raw(true, false)).as("raw JDBC with the settings in the same statement").isEqualTo(1);
        assertThat(raw(true, true)).as("raw JDBC in a transaction, settings restored in the same statement").isEqualTo(1);
    }

    @Test
    void batchAndTwoStepPathsAreCountedToo() throws Exception {
        try (Session session = sessionFactory.openSession()) {
            var batch = VectorQueries.batchSearch(session, TripItem.class, "embedding", Metric.L2);
            List<float[]> probes = List.of(PROBE, PROBE, PROBE);
            VectorQueries.batch(session, TripItem.class, batch, probes, 5, null, SETTINGS);
            session.clear();
            assertThat(RoundTrips.during(() -> VectorQueries.batch(session, TripItem.class, batch, probes, 5, null,
                    SETTINGS))).as("the statement with its settings, the entities' load").isEqualTo(2);
        }
    }

    private static List<Nearest<TripItem>> search(Session session, SearchSettings settings) {
        return VectorSearch.nearest(session, TripItem.class, "embedding", Metric.L2).to(PROBE)
                .where((cb, root) -> cb.equal(root.get("category"), 3)).settings(settings).limit(10).list();
    }

    /** Raw JDBC doing the same work: whole rows of the 10 nearest, with the settings pipelined when there are any. */
    private static long raw(boolean settings, boolean inTransaction) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(!inTransaction);
            SqlQuery query = new SqlQuery("select id, category, embedding, embedding <-> ? from trip_items"
                    + " where category = ? order by embedding <-> ? limit 10",
                    List.of(new com.pgvector.PGvector(PROBE), 3, new com.pgvector.PGvector(PROBE)));
            SettingsPipeline.execute(c, settings ? SETTINGS : SearchSettings.none(), query, rs -> null); // warm
            long trips = RoundTrips.during(() -> SettingsPipeline.execute(c, settings ? SETTINGS : SearchSettings.none(),
                    query, RoundTripCountTest::drain));
            if (inTransaction) {
                c.rollback();
            }
            return trips;
        }
    }

    private static int drain(ResultSet rs) throws SQLException {
        int rows = 0;
        while (rs.next()) {
            rows++;
        }
        return rows;
    }
}
