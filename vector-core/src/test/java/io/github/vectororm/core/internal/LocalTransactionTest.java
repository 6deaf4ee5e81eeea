package io.github.vectororm.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Open a transaction if none, apply settings, run, commit" on a plain connection, in and out of a caller's transaction. */
@PgVectorDatabase
class LocalTransactionTest {

    private static final SearchSettings EF_77 = SearchSettings.builder().hnswEfSearch(77).build();

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table notes (id int primary key)");
    }

    @Test
    void inAutoCommitModeItOpensAndCommitsATransactionOfItsOwn(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Connection other = db.connect()) {
            loadPgvector(c);
            String during = LocalTransaction.run(c, EF_77::applyLocal, connection -> {
                update(connection, "insert into notes values (1)");
                return efSearch(connection);
            });
            assertThat(during).isEqualTo("77");
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(efSearch(c)).as("the settings ended with the transaction").isEqualTo("40");
            assertThat(count(other, 1)).as("committed").isEqualTo(1);

            assertThatThrownBy(() -> LocalTransaction.run(c, EF_77::applyLocal, connection -> {
                update(connection, "insert into notes values (2)");
                return update(connection, "insert into notes values (1)"); // duplicate key
            })).isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(count(other, 2)).as("rolled back").isZero();
        }
    }

    @Test
    void inACallersTransactionItNeitherCommitsNorRollsBack(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Connection other = db.connect()) {
            loadPgvector(c);
            c.setAutoCommit(false);
            update(c, "insert into notes values (10)");
            String during = LocalTransaction.run(c, EF_77::applyLocal, connection -> {
                update(connection, "insert into notes values (11)");
                return efSearch(connection);
            });
            assertThat(during).isEqualTo("77");
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(efSearch(c)).as("in force until the caller's transaction ends").isEqualTo("77");
            assertThat(count(other, 11)).as("not committed").isZero();
            c.rollback();
            assertThat(count(c, 10) + count(c, 11)).as("the caller's rollback undid both").isZero();
            assertThat(efSearch(c)).isEqualTo("40");
        }
    }

    /** Until pgvector's library is loaded in a session its settings are placeholders, empty outside a transaction. */
    private static void loadPgvector(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select '[1]'::vector <-> '[2]'::vector");
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static String efSearch(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('hnsw.ef_search')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int count(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from notes where id = " + id)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
