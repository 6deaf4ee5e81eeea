package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGsparsevec;
import io.github.vectororm.core.codec.BitCodec;
import io.github.vectororm.core.codec.HalfvecCodec;
import io.github.vectororm.core.codec.SparsevecCodec;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Each bad input gets a specific exception on the client, and the server agrees that it is bad. */
@PgVectorDatabase
class CodecValidationTest {

    @Test
    void vectorRejectsNanInfinityAndDimensionCounts(TestDatabase db) throws SQLException {
        assertRejected("vector", () -> VectorCodec.encode(new float[] {1, Float.NaN}), "vector element [1] is NaN");
        assertRejected("vector", () -> VectorCodec.encode(new float[] {Float.POSITIVE_INFINITY}),
                "vector element [0] is Infinity");
        assertRejected("vector", () -> VectorCodec.encode(new float[0]), "vector has 0 dimensions; pgvector accepts 1 to 16000");
        assertRejected("vector", () -> VectorCodec.encode(new float[16_001]), "vector has 16001 dimensions");
        serverRejects(db, "[1,NaN]", "vector");
        serverRejects(db, "[1,Infinity]", "vector");
        serverRejects(db, "[]", "vector");
        serverRejects(db, VectorCodec.format(new float[16_000]).replace("]", ",0]"), "vector");
    }

    @Test
    void halfvecRejectsOverflow(TestDatabase db) throws SQLException {
        assertRejected("halfvec", () -> HalfvecCodec.encode(new float[] {65520f}),
                "halfvec element [0] is 65520.0; halfvec holds magnitudes up to 65504.0");
        assertRejected("halfvec", () -> HalfvecCodec.encode(new float[] {-1e6f}), "halfvec element [0] is -1000000.0");
        serverRejects(db, "[65520]", "halfvec");
        serverRejects(db, "[-1000000]", "halfvec");
    }

    @Test
    void sparsevecRejectsBadIndices(TestDatabase db) throws SQLException {
        assertRejected("sparsevec", () -> SparsevecCodec.of(5, new int[] {2, 1}, new float[] {1, 1}),
                "sparsevec index 1 at position 1 follows 2; indices must be strictly ascending");
        assertRejected("sparsevec", () -> SparsevecCodec.of(5, new int[] {1, 1}, new float[] {1, 1}),
                "sparsevec index 1 at position 1 is a duplicate");
        assertRejected("sparsevec", () -> SparsevecCodec.of(5, new int[] {5}, new float[] {1}),
                "sparsevec index 5 (0-based, at position 0) is out of range for 5 dimensions");
        assertRejected("sparsevec", () -> SparsevecCodec.of(5, new int[] {-1}, new float[] {1}), "out of range");
        assertRejected("sparsevec", () -> SparsevecCodec.of(0, new int[0], new float[0]), "sparsevec has 0 dimensions");
        assertRejected("sparsevec", () -> SparsevecCodec.of(3, new int[] {0}, new float[] {Float.NaN}),
                "sparsevec value at index 0 is NaN");
        assertRejected("sparsevec", () -> SparsevecCodec.fromDense(ones(16_001)), "sparsevec has 16001 non-zero elements");
        serverRejects(db, "{1:1,1:2}/5", "sparsevec");
        serverRejects(db, "{6:1}/5", "sparsevec");
        serverRejects(db, "{1:NaN}/5", "sparsevec");
        serverRejects(db, "{}/0", "sparsevec");
    }

    @Test
    void binaryDecodersRejectTruncatedInput() {
        byte[] bytes = VectorCodec.encode(new float[] {1, 2, 3});
        assertThatThrownBy(() -> VectorCodec.decode(java.util.Arrays.copyOf(bytes, 10), 0))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("needs 16 bytes, got 10");
        byte[] half = HalfvecCodec.encode(new float[] {1, 2, 3});
        assertThatThrownBy(() -> HalfvecCodec.decode(java.util.Arrays.copyOf(half, 6), 0))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("needs 10 bytes, got 6");
    }

    @Test
    void textParsersRejectMalformedText() {
        assertThatThrownBy(() -> VectorCodec.parse("1,2,3")).isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("must look like [1,2,3]");
        assertThatThrownBy(() -> VectorCodec.parse("[1,x]")).hasMessageContaining("element [1] is not a number: 'x'");
        assertThatThrownBy(() -> VectorCodec.parse("[1,2f]")).hasMessageContaining("is not a number: '2f'");
        assertThatThrownBy(() -> SparsevecCodec.parse("{1:2}")).hasMessageContaining("must look like {1:1.5,3:2}/5");
        assertThatThrownBy(() -> BitCodec.parse("10a1")).hasMessageContaining("found 'a' at position 2");
        assertThat(BitCodec.format(BitCodec.of(new boolean[0]))).isEmpty(); // varbit holds it; hamming_distance('', '') is 0
    }

    @Test
    void javaTypesThatDoNotMapAreNamed() {
        assertThatThrownBy(() -> VectorValues.toParameter(VectorType.VECTOR, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[I does not map to vector");
        assertThatThrownBy(() -> VectorValues.fromResult(VectorType.BIT, "101", float[].class))
                .hasMessageContaining("[F does not map to bit");
        assertThatThrownBy(() -> VectorValues.toParameter(VectorType.SPARSEVEC, new PGsparsevec(new float[] {1, Float.NaN})))
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("NaN");
    }

    private static float[] ones(int n) {
        float[] values = new float[n];
        java.util.Arrays.fill(values, 1f);
        return values;
    }

    private static void assertRejected(String type, org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            String message) {
        assertThatThrownBy(call).as(type).isInstanceOf(VectorValidationException.class).hasMessageContaining(message);
    }

    private static void serverRejects(TestDatabase db, String text, String type) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("select ?::" + type)) {
            ps.setString(1, text);
            assertThatThrownBy(ps::executeQuery).as("server accepts %s '%s'", type, text).isInstanceOf(SQLException.class);
        }
    }
}
