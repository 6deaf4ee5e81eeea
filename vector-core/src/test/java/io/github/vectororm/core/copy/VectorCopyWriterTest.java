package io.github.vectororm.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class VectorCopyWriterTest {

    private static final int ROWS = 100_000;
    private static final int DIMS = 384;

    @Test
    void loads100kRowsOf384DimVectorsAndReadsThemBack(TestDatabase db) throws SQLException {
        db.execute("create table bulk (id bigint primary key, embedding vector(" + DIMS + "))");
        long started = System.nanoTime();
        try (Connection c = db.connect();
                VectorCopyWriter writer = VectorCopyWriter.into(c, "bulk")
                        .column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
            for (int i = 0; i < ROWS; i++) {
                writer.addRow((long) i, vector(i));
            }
            assertThat(writer.finish()).isEqualTo(ROWS);
        }
        double copySeconds = (System.nanoTime() - started) / 1e9;

        int checked = 0;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("prepareThreshold", "-1"))) {
            PgVectorTypes.register(c);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select id, embedding from bulk order by id")) {
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        assertThat(id).isEqualTo(checked);
                        assertThat(VectorValues.fromResult(VectorType.VECTOR, rs.getObject(2), float[].class))
                                .containsExactly(vector((int) id));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(ROWS);

        // The same rows by batched INSERT with binary parameters, for the rate comparison in the closing note.
        db.execute("create table bulk_insert (id bigint primary key, embedding vector(" + DIMS + "))");
        started = System.nanoTime();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("insert into bulk_insert values (?, ?)")) {
            PgVectorTypes.register(c);
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                ps.setLong(1, i);
                ps.setObject(2, VectorValues.toParameter(VectorType.VECTOR, vector(i)));
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        double insertSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[measure] COPY BINARY: %d rows x %d dims in %.2f s = %.0f rows/s; batched INSERT (binary"
                        + " params, batch 1000): %.2f s = %.0f rows/s; COPY/INSERT = %.1fx%n", ROWS, DIMS, copySeconds,
                ROWS / copySeconds, insertSeconds, ROWS / insertSeconds, insertSeconds / copySeconds);
    }

    @Test
    void aFailureMidStreamLeavesNoRows(TestDatabase db) throws SQLException {
        db.execute("create table partial (id int, embedding vector(3))");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> {
                try (VectorCopyWriter writer = VectorCopyWriter.into(c, "partial")
                        .column("id", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
                    for (int i = 0; i < 10_000; i++) {
                        writer.addRow(i, new float[] {i, 1, 2});
                    }
                    throw new IllegalStateException("the caller's loop fails after 10,000 rows");
                }
            }).hasMessageContaining("10,000 rows");
            assertThat(count(c, "partial")).isZero();

            try (VectorCopyWriter writer = VectorCopyWriter.into(c, "partial")
                    .column("id", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
                writer.addRow(1, new float[] {1, 2, 3});
                assertThatThrownBy(() -> writer.addRow(2, new float[] {1, Float.NaN, 3}))
                        .isInstanceOf(VectorValidationException.class)
                        .hasMessage("partial.embedding (row 2): vector element [1] is NaN; pgvector accepts finite values only");
                writer.addRow(3, new float[] {1, 2}); // wrong dimension: only the server knows the column is vector(3)
                assertThatThrownBy(writer::finish).isInstanceOf(SQLException.class).hasMessageContaining("expected 3 dimensions, not 2");
            }
            assertThat(count(c, "partial")).isZero();
            // the connection is usable afterwards
            try (VectorCopyWriter writer = VectorCopyWriter.into(c, "partial")
                    .column("id", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
                writer.addRow(4, new float[] {4, 5, 6});
                assertThat(writer.finish()).isEqualTo(1);
            }
            assertThat(count(c, "partial")).isOne();
        }
    }

    @Test
    void everyColumnTypeIsEncodedAsTheServerReadsIt(TestDatabase db) throws SQLException {
        db.execute("create table kinds (s smallint, i int, b bigint, r real, d double precision, f boolean, t text,"
                + " j jsonb, u uuid, y bytea, dt date, ts timestamp, tz timestamptz, v vector(2), h halfvec(2),"
                + " sp sparsevec(4), bt bit(3))");
        UUID uuid = UUID.randomUUID();
        try (Connection c = db.connect();
                VectorCopyWriter writer = VectorCopyWriter.into(c, "kinds").column("s", CopyType.SMALLINT)
                        .column("i", CopyType.INTEGER).column("b", CopyType.BIGINT).column("r", CopyType.REAL)
                        .column("d", CopyType.DOUBLE_PRECISION).column("f", CopyType.BOOLEAN).column("t", CopyType.TEXT)
                        .column("j", CopyType.JSONB).column("u", CopyType.UUID).column("y", CopyType.BYTEA)
                        .column("dt", CopyType.DATE).column("ts", CopyType.TIMESTAMP).column("tz", CopyType.TIMESTAMPTZ)
                        .column("v", CopyType.VECTOR).column("h", CopyType.HALFVEC).column("sp", CopyType.SPARSEVEC)
                        .column("bt", CopyType.BIT).open()) {
            writer.addRow((short) -3, 7, 1L << 40, 1.5f, 2.25, true, "héllo", "{\"a\": 1}", uuid, new byte[] {1, 2},
                    LocalDate.of(1999, 12, 31), LocalDateTime.of(2024, 2, 29, 12, 0, 1), Instant.parse("2020-01-01T00:00:00Z"),
                    new float[] {1, 2}, new float[] {0.5f, 3}, new float[] {0, 1.5f, 0, 2}, new boolean[] {true, false, true});
            writer.addRow(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            writer.finish();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select s, i, b, r, d, f, t, j::text, u, encode(y, 'hex'), dt::text, ts::text,"
                        + " tz = '2020-01-01T00:00:00Z', v::text, h::text, sp::text, bt::text from kinds order by s nulls last")) {
            rs.next();
            assertThat(rs.getShort(1)).isEqualTo((short) -3);
            assertThat(rs.getInt(2)).isEqualTo(7);
            assertThat(rs.getLong(3)).isEqualTo(1L << 40);
            assertThat(rs.getFloat(4)).isEqualTo(1.5f);
            assertThat(rs.getDouble(5)).isEqualTo(2.25);
            assertThat(rs.getBoolean(6)).isTrue();
            assertThat(rs.getString(7)).isEqualTo("héllo");
            assertThat(rs.getString(8)).isEqualTo("{\"a\": 1}");
            assertThat(rs.getObject(9)).isEqualTo(uuid);
            assertThat(rs.getString(10)).isEqualTo("0102");
            assertThat(rs.getString(11)).isEqualTo("1999-12-31");
            assertThat(rs.getString(12)).isEqualTo("2024-02-29 12:00:01");
            assertThat(rs.getBoolean(13)).isTrue();
            assertThat(rs.getString(14)).isEqualTo("[1,2]");
            assertThat(rs.getString(15)).isEqualTo("[0.5,3]");
            assertThat(rs.getString(16)).isEqualTo("{2:1.5,4:2}/4");
            assertThat(rs.getString(17)).isEqualTo("101");
            rs.next();
            for (int i = 1; i <= 17; i++) {
                if (i != 13) {
                    assertThat(rs.getObject(i)).as("column %d", i).isNull();
                }
            }
        }
    }

    @Test
    void misfitValuesNameTheColumn(TestDatabase db) throws SQLException {
        db.execute("create table misfit (i int, v vector(2))");
        try (Connection c = db.connect();
                VectorCopyWriter writer = VectorCopyWriter.into(c, "misfit")
                        .column("i", CopyType.INTEGER).column("v", CopyType.VECTOR).open()) {
            assertThatThrownBy(() -> writer.addRow("one", new float[] {1, 2}))
                    .hasMessage("misfit.i (row 1): a java.lang.String cannot be written as INTEGER");
            assertThatThrownBy(() -> writer.addRow(1L << 40, new float[] {1, 2})).hasMessageContaining("out of range");
            assertThatThrownBy(() -> writer.addRow(1)).hasMessageContaining("has 1 values, the COPY has 2 columns [i, v]");
        }
        assertThatThrownBy(() -> VectorCopyWriter.into(null, "x")).isInstanceOf(NullPointerException.class);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static float[] vector(int seed) {
        Random random = new Random(seed);
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = random.nextFloat();
        }
        return v;
    }
}
