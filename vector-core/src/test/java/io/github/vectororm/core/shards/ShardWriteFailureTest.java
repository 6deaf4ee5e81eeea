package io.github.vectororm.core.shards;

import static io.github.vectororm.test.ShardClusters.execute;
import static io.github.vectororm.test.ShardClusters.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.ShardClusters;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a write across two postgres_fdw shards leaves behind when one shard fails ({@code scripts/shards.sh}: a
 * coordinator on 127.0.0.1:5450, shards on 5451 and 5452). postgres_fdw has no two-phase commit: the coordinator's
 * transaction opens one remote transaction a shard and commits them one by one when it commits. A failure before the
 * coordinator's {@code COMMIT} rolls every shard back; a failure during it leaves the shards that committed first
 * with their rows.
 */
@Tag("clusters")
class ShardWriteFailureTest {

    private static final int DIMS = 4;
    private static final int ROWS_PER_TENANT = 50;
    private static ShardClusters clusters;

    @BeforeAll
    static void start() throws SQLException {
        clusters = ShardClusters.start(); // clean clusters, whatever an earlier run left
        clusters.createTenantTable("docs", "embedding vector(" + DIMS + ") not null", false);
    }

    @AfterAll
    static void stop() {
        ShardClusters.stop();
    }

    @BeforeEach
    void emptyShardsAndArmShard2() throws SQLException {
        execute(clusters.coordinator(), "do $$ declare s text; begin for s in select srvname from pg_foreign_server"
                + " where 'parallel_commit=true' = any(srvoptions) loop"
                + " execute format('alter server %I options (drop parallel_commit)', s); end loop; end $$");
        execute(clusters.shard(1), "truncate docs_t1");
        // shard2 refuses, at commit, any transaction that wrote an id above 1000: a deferred constraint trigger, the
        // stand-in for whatever makes a shard fail at COMMIT (a deferred foreign key, a serialization failure, the
        // shard going away between the last statement and the commit)
        execute(clusters.shard(2), "truncate docs_t2", "create or replace function refuse_high_ids() returns trigger"
                + " language plpgsql as $$ begin if new.id > 1000 then raise exception 'shard2 refuses id % at commit',"
                + " new.id; end if; return null; end $$", "drop trigger if exists refuse_at_commit on docs_t2",
                "create constraint trigger refuse_at_commit after insert on docs_t2 deferrable initially deferred"
                        + " for each row execute function refuse_high_ids()");
    }

    @Test
    void aShardFailingBeforeTheCommitRollsBackEveryShard() throws SQLException {
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            c.setAutoCommit(false);
            insert(c, 1, 1, ROWS_PER_TENANT); // shard1, in the coordinator's transaction
            insert(c, 2, 101, ROWS_PER_TENANT); // shard2
            // a duplicate key on shard2: the shard's error ends the coordinator's transaction
            assertThatThrownBy(() -> insert(c, 2, 101, 1)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("duplicate key value violates unique constraint \"docs_t2_pkey\"");
            c.rollback();
        }
        assertThat(rows(0)).as("shard1 after the rollback").isZero();
        assertThat(rows(1)).as("shard2 after the rollback").isZero();
    }

    @Test
    void aShardFailingAtCommitLeavesTheShardsThatCommittedFirstWithTheirRows() throws SQLException {
        // parallel_commit (PostgreSQL 15) sends COMMIT to every shard before reading any answer, so shard1 commits
        // whatever shard2 answers: the order of a sequential commit no longer decides the outcome
        execute(clusters.coordinator(), "alter server shard1 options (add parallel_commit 'true')",
                "alter server shard2 options (add parallel_commit 'true')");
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            c.setAutoCommit(false);
            insert(c, 1, 1, ROWS_PER_TENANT);
            insert(c, 2, 1001, ROWS_PER_TENANT); // passes now, refused by shard2's deferred trigger at commit
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
                    .hasMessageContaining("shard2 refuses id 1001 at commit");
        }
        assertThat(rows(0)).as("shard1 committed its half of the failed transaction").isEqualTo(ROWS_PER_TENANT);
        assertThat(rows(1)).as("shard2 rolled its half back").isZero();
        // the parent shows the half-done write to everyone: the coordinator has no record of the failed transaction
        try (Connection c = DriverManager.getConnection(clusters.coordinator()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select tenant, count(*) from docs group by tenant order by tenant")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getLong(2)).isEqualTo(ROWS_PER_TENANT);
            assertThat(rs.next()).isFalse();
        }
        // recovery is the application's: once the cause is gone, the same write again, idempotent (rows already on a
        // shard skipped), completes it without duplicates
        execute(clusters.shard(2), "drop trigger refuse_at_commit on docs_t2");
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            c.setAutoCommit(false);
            insert(c, 1, 1, ROWS_PER_TENANT, " on conflict do nothing");
            insert(c, 2, 1001, ROWS_PER_TENANT, " on conflict do nothing");
            c.commit();
        }
        assertThat(rows(0)).as("shard1 after the retry").isEqualTo(ROWS_PER_TENANT);
        assertThat(rows(1)).as("shard2 after the retry").isEqualTo(ROWS_PER_TENANT);
    }

    @Test
    void aShardFailingAtASequentialCommitLeavesEachShardAllOrNothing() throws SQLException {
        try (Connection c = DriverManager.getConnection(clusters.coordinator())) {
            c.setAutoCommit(false);
            insert(c, 1, 1, ROWS_PER_TENANT);
            insert(c, 2, 1001, ROWS_PER_TENANT);
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
                    .hasMessageContaining("shard2 refuses id 1001 at commit");
        }
        // without parallel_commit the shards commit one after another in the order postgres_fdw keeps its connections:
        // shard1 has all its rows if it came first, none if shard2's failure came first; never a part of them
        long shard1 = rows(0);
        System.out.printf("[measure] sequential commit, shard2 failing at COMMIT: shard1 kept %d of %d rows%n", shard1,
                ROWS_PER_TENANT);
        assertThat(shard1).as("shard1: all or nothing").isIn(0L, (long) ROWS_PER_TENANT);
        assertThat(rows(1)).as("shard2 rolled its half back").isZero();
    }

    private static void insert(Connection c, int tenant, long firstId, int count) throws SQLException {
        insert(c, tenant, firstId, count, "");
    }

    private static void insert(Connection c, int tenant, long firstId, int count, String onConflict) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into docs (id, tenant, embedding) values (?, ?, ?)"
                + onConflict)) {
            for (long id = firstId; id < firstId + count; id++) {
                s.setLong(1, id);
                s.setInt(2, tenant);
                s.setObject(3, VectorValues.toParameter(VectorType.VECTOR, new float[] {id, tenant, 1, 0}));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static long rows(int shard) throws SQLException {
        return queryLong(clusters.shard(shard + 1), "select count(*) from docs_t" + (shard + 1));
    }
}
