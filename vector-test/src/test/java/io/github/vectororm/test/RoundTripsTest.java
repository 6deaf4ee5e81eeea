package io.github.vectororm.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The counter against what pgjdbc really sends, and the protocol facts the library's round-trip claims rest on. */
@PgVectorDatabase
class RoundTripsTest {

    @Test
    void aQueryInAutoCommitIsOneRoundTripAndTheCounterOnlyCountsItsConnections(TestDatabase db) throws Exception {
        try (Connection counted = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY));
                Connection plain = db.connect();
                Statement countedStatement = counted.createStatement();
                Statement plainStatement = plain.createStatement()) {
            assertThat(RoundTrips.during(() -> countedStatement.executeQuery("select 1").close())).isEqualTo(1);
            assertThat(RoundTrips.during(() -> plainStatement.executeQuery("select 1").close())).isZero();
            assertThat(RoundTrips.during(() -> {
                countedStatement.executeQuery("select 1").close();
                countedStatement.executeQuery("select 2").close();
            })).isEqualTo(2);
        }
    }

    @Test
    void twoStatementsInOnePreparedStatementShareOneSyncInAutoCommit(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY));
                PreparedStatement s = c.prepareStatement(
                        "select set_config('hnsw.ef_search', ?, true); select current_setting('hnsw.ef_search')")) {
            try (Statement load = c.createStatement()) {
                load.execute("select '[1]'::vector"); // loads pgvector, which defines hnsw.ef_search (default 40)
            }
            s.setString(1, "123");
            String[] seen = new String[1];
            long trips = RoundTrips.during(() -> {
                s.execute();
                assertThat(s.getMoreResults()).isTrue();
                try (ResultSet rs = s.getResultSet()) {
                    rs.next();
                    seen[0] = rs.getString(1);
                }
            });
            assertThat(trips).isEqualTo(1);
            assertThat(seen[0]).as("the setting applies to the second statement").isEqualTo("123");
            try (Statement after = c.createStatement(); ResultSet rs = after.executeQuery("show hnsw.ef_search")) {
                rs.next();
                assertThat(rs.getString(1)).as("and is gone after the implicit transaction").isEqualTo("40");
            }
        }
    }

    @Test
    void pipelinedStatementsInsideATransactionAreOneRoundTripToo(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY));
                PreparedStatement s = c.prepareStatement("select set_config('vectororm.x', ?, true);"
                        + " select current_setting('vectororm.x'); select set_config('vectororm.x', 'after', true)")) {
            c.setAutoCommit(false);
            s.setString(1, "during");
            long trips = RoundTrips.during(() -> {
                s.execute();
                assertThat(s.getMoreResults()).isTrue();
                try (ResultSet rs = s.getResultSet()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("during");
                }
            });
            assertThat(trips).as("one Sync for the three parts, inside a transaction as well").isEqualTo(1);
            c.rollback();
        }
    }

    @Test
    void insideATransactionEachStatementAndTheCommitIsARoundTrip(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY));
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long trips = RoundTrips.during(() -> {
                s.executeQuery("select set_config('hnsw.ef_search', '100', true)").close(); // BEGIN travels with it
                s.executeQuery("select 1").close();
                c.commit();
            });
            assertThat(trips).isEqualTo(3);
        }
    }
}
