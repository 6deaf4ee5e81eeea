package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import io.github.vectororm.core.codec.BitCodec;
import io.github.vectororm.core.codec.HalfvecCodec;
import io.github.vectororm.core.codec.SparsevecCodec;
import io.github.vectororm.core.internal.Float16;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGResultSetMetaData;

/** Every codec through the real server, binary and text, value read back equal to value written. */
@PgVectorDatabase
class CodecRoundTripTest {

    private static final java.util.Map<String, String> SQL_TYPES =
            java.util.Map.of("v", "vector", "h", "halfvec", "s", "sparsevec", "b", "varbit");
    private static TestDatabase db;

    @BeforeAll
    static void createTable(TestDatabase database) throws SQLException {
        db = database;
        db.execute("create table items (id int, v vector, h halfvec, s sparsevec, b varbit)");
    }

    static Stream<Arguments> denseValues() {
        Random random = new Random(42);
        float[] big = new float[16_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = random.nextFloat() * 2 - 1;
        }
        return Stream.of(
                Arguments.of("three", new float[] {1, 2, 3}),
                Arguments.of("edges", new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_NORMAL,
                        0f, -0f, 1e-30f, 0.1f, (float) Math.PI}),
                Arguments.of("one", new float[] {0.5f}),
                Arguments.of("16000 dims", big));
    }

    /** Binary both ways: registered binary classes and server-prepared statements (prepareThreshold=-1). */
    private static Connection binaryConnection() throws SQLException {
        Connection connection = DriverManager.getConnection(db.jdbcUrl("prepareThreshold", "-1"));
        PgVectorTypes.register(connection);
        return connection;
    }

    /** Text both ways: nothing registered, values as strings cast on the server. */
    private static Connection textConnection() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl("prepareThreshold", "0"));
    }

    private static Object roundTripBinary(String column, VectorType type, Object value) throws SQLException {
        try (Connection c = binaryConnection();
                PreparedStatement insert = c.prepareStatement("insert into items (id, " + column + ") values (1, ?)");
                PreparedStatement select = c.prepareStatement("select " + column + " from items where id = 1")) {
            c.setAutoCommit(false);
            insert.setObject(1, VectorValues.toParameter(type, value));
            insert.executeUpdate();
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1))
                        .as("result format of %s (1 = binary)", column).isEqualTo(1);
                return rs.getObject(1);
            } finally {
                c.rollback();
            }
        }
    }

    private static String roundTripText(String column, String text) throws SQLException {
        try (Connection c = textConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into items (id, " + column + ") values (2, ?::" + SQL_TYPES.get(column) + ")");
                PreparedStatement select = c.prepareStatement("select " + column + "::text from items where id = 2")) {
            c.setAutoCommit(false);
            insert.setString(1, text);
            insert.executeUpdate();
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1)).isZero();
                return rs.getString(1);
            } finally {
                c.rollback();
            }
        }
    }

    @ParameterizedTest(name = "vector {0}")
    @MethodSource("denseValues")
    void vectorRoundTripsExactly(String name, float[] value) throws SQLException {
        Object binary = roundTripBinary("v", VectorType.VECTOR, value);
        assertThat(VectorValues.fromResult(VectorType.VECTOR, binary, float[].class)).containsExactly(value);

        String text = roundTripText("v", VectorValues.toText(VectorType.VECTOR, value));
        assertThat(VectorValues.fromResult(VectorType.VECTOR, text, float[].class)).containsExactly(value);
    }

    @ParameterizedTest(name = "halfvec {0}")
    @MethodSource("denseValues")
    void halfvecRoundTripsToTheNearestHalf(String name, float[] value) throws SQLException {
        float[] inRange = value.clone();
        for (int i = 0; i < inRange.length; i++) {
            inRange[i] = Math.max(-HalfvecCodec.MAX_VALUE, Math.min(HalfvecCodec.MAX_VALUE, inRange[i]));
        }
        float[] expected = new float[inRange.length];
        for (int i = 0; i < inRange.length; i++) {
            expected[i] = Float16.toFloat(Float16.fromFloat(inRange[i]));
        }
        Object binary = roundTripBinary("h", VectorType.HALFVEC, inRange);
        assertThat(VectorValues.fromResult(VectorType.HALFVEC, binary, float[].class)).containsExactly(expected);

        // the server rounds text input itself: send the unrounded floats
        String text = roundTripText("h", io.github.vectororm.core.codec.VectorCodec.format(inRange));
        assertThat(HalfvecCodec.parse(text)).containsExactly(expected);
    }

    @Test
    void halfvecBoundaryValuesMatchTheServer() throws SQLException {
        float[] value = {65504f, -65504f, 65519f, 6.1e-5f, 5.96e-8f, 1e-9f, 0.1f, 2049f};
        float[] expected = HalfvecCodec.round(value);
        assertThat(expected[2]).isEqualTo(65504f); // rounds down to the largest half
        assertThat(expected[5]).isZero(); // underflows to zero
        Object binary = roundTripBinary("h", VectorType.HALFVEC, value);
        assertThat(VectorValues.fromResult(VectorType.HALFVEC, binary, float[].class)).containsExactly(expected);
        assertThat(HalfvecCodec.parse(roundTripText("h", io.github.vectororm.core.codec.VectorCodec.format(value))))
                .containsExactly(expected);
    }

    static Stream<Arguments> sparseValues() {
        return Stream.of(
                Arguments.of("small", SparsevecCodec.of(5, new int[] {0, 2}, new float[] {1.5f, 2})),
                Arguments.of("empty", SparsevecCodec.of(3, new int[0], new float[0])),
                Arguments.of("max dims", SparsevecCodec.of(1_000_000_000, new int[] {0, 999_999_999},
                        new float[] {-Float.MAX_VALUE, Float.MIN_VALUE})),
                Arguments.of("16000 non-zero", SparsevecCodec.fromDense(filled(16_000))));
    }

    private static float[] filled(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i + 1;
        }
        return values;
    }

    @ParameterizedTest(name = "sparsevec {0}")
    @MethodSource("sparseValues")
    void sparsevecRoundTripsExactly(String name, PGsparsevec value) throws SQLException {
        PGsparsevec binary = VectorValues.fromResult(VectorType.SPARSEVEC,
                roundTripBinary("s", VectorType.SPARSEVEC, value), PGsparsevec.class);
        assertSameSparse(binary, value);
        String text = roundTripText("s", SparsevecCodec.format(value));
        assertSameSparse(SparsevecCodec.parse(text), value);
    }

    private static void assertSameSparse(PGsparsevec actual, PGsparsevec expected) {
        assertThat(actual.getDimensions()).isEqualTo(expected.getDimensions());
        assertThat(actual.getIndices()).containsExactly(expected.getIndices());
        assertThat(actual.getValues()).containsExactly(expected.getValues());
    }

    @Test
    void sparsevecZeroValuesAreDroppedLikeTheServerDoes() throws SQLException {
        PGsparsevec withZero = SparsevecCodec.of(4, new int[] {0, 1, 3}, new float[] {1, 0, 2});
        assertThat(withZero.getIndices()).containsExactly(0, 3);
        assertThat(roundTripText("s", "{1:1,2:0,4:2}/4")).isEqualTo(SparsevecCodec.format(withZero));
    }

    @ParameterizedTest(name = "bit of {0} bits")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 7, 8, 9, 64, 1000, 64_000})
    void bitRoundTripsExactly(int length) throws SQLException {
        Random random = new Random(length);
        boolean[] bits = new boolean[length];
        for (int i = 0; i < length; i++) {
            bits[i] = random.nextBoolean();
        }
        PGbit value = BitCodec.of(bits);
        Object binary;
        try (Connection c = binaryConnection()) {
            PgVectorTypes.registerBit(c);
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into items (id, b) values (1, ?)")) {
                insert.setObject(1, VectorValues.toParameter(VectorType.BIT, value));
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("select b from items where id = 1");
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1)).isEqualTo(1);
                binary = rs.getObject(1);
            }
            c.rollback();
        }
        assertThat(VectorValues.fromResult(VectorType.BIT, binary, boolean[].class)).containsExactly(bits);
        String text = roundTripText("b", BitCodec.format(value));
        assertThat(VectorValues.fromResult(VectorType.BIT, text, boolean[].class)).containsExactly(bits);
    }

    @Test
    void binaryBytesEqualTheServersOwnSendFunction() throws SQLException {
        float[] value = {1, -2.5f, 3e-7f};
        PGsparsevec sparse = SparsevecCodec.of(6, new int[] {1, 4}, new float[] {2, -1});
        try (Connection c = textConnection();
                PreparedStatement ps = c.prepareStatement("select vector_send(?::vector), halfvec_send(?::halfvec),"
                        + " sparsevec_send(?::sparsevec), varbit_send(?::varbit)")) {
            ps.setString(1, VectorValues.toText(VectorType.VECTOR, value));
            ps.setString(2, VectorValues.toText(VectorType.HALFVEC, value));
            ps.setString(3, SparsevecCodec.format(sparse));
            ps.setString(4, "1011001");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBytes(1)).containsExactly(VectorValues.toBinary(VectorType.VECTOR, value));
                assertThat(rs.getBytes(2)).containsExactly(VectorValues.toBinary(VectorType.HALFVEC, value));
                assertThat(rs.getBytes(3)).containsExactly(VectorValues.toBinary(VectorType.SPARSEVEC, sparse));
                assertThat(rs.getBytes(4)).containsExactly(VectorValues.toBinary(VectorType.BIT, BitCodec.parse("1011001")));
            }
        }
    }
}
