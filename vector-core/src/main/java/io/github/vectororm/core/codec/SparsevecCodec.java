package io.github.vectororm.core.codec;

import com.pgvector.PGsparsevec;
import io.github.vectororm.core.VectorValidationException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Binary and text forms of pgvector's {@code sparsevec}, whose Java value is pgvector-java's
 * {@link PGsparsevec} (dimensions, 0-based indices, values).
 *
 * <p>Binary: {@code int32 dimensions, int32 nnz, int32 unused (0), nnz x int32 index (0-based),
 * nnz x float4}. Text: {@code {1:1.5,3:2}/5} with 1-based indices. Indices must be strictly ascending
 * and below the dimension count; values must be finite. Zero values are dropped, as the server's text
 * input drops them (its binary input would reject them).
 *
 * @since 0.1.0
 */
public final class SparsevecCodec {

    /** The largest dimension count of a {@code sparsevec}. */
    public static final int MAX_DIMENSIONS = 1_000_000_000;
    /** The largest number of non-zero elements of a {@code sparsevec}. */
    public static final int MAX_NON_ZERO = 16_000;

    private SparsevecCodec() {
    }

    /**
     * Builds a validated sparse vector from its parts.
     *
     * @param dimensions the dimension count, 1 to 1,000,000,000
     * @param indices strictly ascending 0-based indices, each below {@code dimensions}
     * @param values the value at each index, finite; zeros are dropped
     * @return a new {@link PGsparsevec}
     */
    public static PGsparsevec of(int dimensions, int[] indices, float[] values) {
        return fromBinary(encode(dimensions, indices, values));
    }

    /**
     * Builds a validated sparse vector holding the non-zero elements of a dense array.
     *
     * @param dense the elements, all finite
     * @return a new {@link PGsparsevec} with {@code dense.length} dimensions
     */
    public static PGsparsevec fromDense(float[] dense) {
        Objects.requireNonNull(dense, "sparsevec");
        int nnz = 0;
        for (float value : dense) {
            if (value != 0f) {
                nnz++;
            }
        }
        int[] indices = new int[nnz];
        float[] values = new float[nnz];
        for (int i = 0, j = 0; i < dense.length; i++) {
            if (dense[i] != 0f) {
                indices[j] = i;
                values[j++] = dense[i];
            }
        }
        return of(dense.length, indices, values);
    }

    /**
     * Checks a sparse vector against pgvector's rules.
     *
     * @param vector the value
     * @throws VectorValidationException if any rule is broken
     */
    public static void validate(PGsparsevec vector) {
        Objects.requireNonNull(vector, "sparsevec");
        validate(vector.getDimensions(), vector.getIndices(), vector.getValues());
    }

    private static void validate(int dimensions, int[] indices, float[] values) {
        Objects.requireNonNull(indices, "sparsevec indices");
        Objects.requireNonNull(values, "sparsevec values");
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new VectorValidationException(
                    "sparsevec has " + dimensions + " dimensions; pgvector accepts 1 to " + MAX_DIMENSIONS);
        }
        if (indices.length != values.length) {
            throw new VectorValidationException("sparsevec has " + indices.length + " indices but "
                    + values.length + " values; they must pair up");
        }
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            if (index < 0 || index >= dimensions) {
                throw new VectorValidationException("sparsevec index " + index + " (0-based, at position " + i
                        + ") is out of range for " + dimensions + " dimensions");
            }
            if (i > 0 && index <= indices[i - 1]) {
                throw new VectorValidationException("sparsevec index " + index + " at position " + i
                        + (index == indices[i - 1] ? " is a duplicate" : " follows " + indices[i - 1])
                        + "; indices must be strictly ascending");
            }
            if (!Float.isFinite(values[i])) {
                throw new VectorValidationException("sparsevec value at index " + index + " is " + values[i]
                        + "; pgvector accepts finite values only");
            }
        }
        long nonZero = countNonZero(values);
        if (nonZero > MAX_NON_ZERO) {
            throw new VectorValidationException("sparsevec has " + nonZero
                    + " non-zero elements; pgvector accepts at most " + MAX_NON_ZERO);
        }
    }

    private static int countNonZero(float[] values) {
        int n = 0;
        for (float v : values) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }

    /** @return the binary size of a sparse vector with this many non-zero elements */
    public static int binaryLength(int nonZero) {
        return 12 + 8 * nonZero;
    }

    /**
     * Encodes into pgvector's binary form.
     *
     * @param vector the value, validated first
     * @return a new byte array
     */
    public static byte[] encode(PGsparsevec vector) {
        Objects.requireNonNull(vector, "sparsevec");
        return encode(vector.getDimensions(), vector.getIndices(), vector.getValues());
    }

    private static byte[] encode(int dimensions, int[] indices, float[] values) {
        validate(dimensions, indices, values);
        int nnz = countNonZero(values);
        ByteBuffer buffer = ByteBuffer.allocate(binaryLength(nnz));
        buffer.putInt(dimensions).putInt(nnz).putInt(0);
        for (int i = 0; i < indices.length; i++) {
            if (values[i] != 0f) {
                buffer.putInt(indices[i]);
            }
        }
        for (float value : values) {
            if (value != 0f) {
                buffer.putFloat(value);
            }
        }
        return buffer.array();
    }

    /**
     * Decodes pgvector's binary form.
     *
     * @param bytes the binary value
     * @param offset where it starts
     * @return a new {@link PGsparsevec}
     */
    public static PGsparsevec decode(byte[] bytes, int offset) {
        return fromBinary(offset == 0 ? bytes : Arrays.copyOfRange(bytes, offset, bytes.length));
    }

    private static PGsparsevec fromBinary(byte[] bytes) {
        PGsparsevec vector = new PGsparsevec();
        try {
            vector.setByteValue(bytes, 0);
        } catch (SQLException | RuntimeException e) {
            throw new VectorValidationException("malformed binary sparsevec: " + e.getMessage());
        }
        return vector;
    }

    /**
     * Formats as pgvector text, {@code {1:1.5,3:2}/5} (1-based indices).
     *
     * @param vector the value, validated first
     * @return the text form
     */
    public static String format(PGsparsevec vector) {
        validate(vector);
        int[] indices = vector.getIndices();
        float[] values = vector.getValues();
        StringBuilder text = new StringBuilder(indices.length * 12 + 16).append('{');
        boolean first = true;
        for (int i = 0; i < indices.length; i++) {
            if (values[i] == 0f) {
                continue;
            }
            if (!first) {
                text.append(',');
            }
            first = false;
            text.append(indices[i] + 1).append(':');
            DenseVectors.appendFloat(text, values[i]);
        }
        return text.append("}/").append(vector.getDimensions()).toString();
    }

    /**
     * Parses pgvector text such as {@code {1:1.5,3:2}/5}.
     *
     * @param text the text form (1-based indices)
     * @return a new, validated {@link PGsparsevec}
     */
    public static PGsparsevec parse(String text) {
        if (text == null) {
            throw new VectorValidationException("sparsevec text is null");
        }
        String s = text.strip();
        int slash = s.lastIndexOf('/');
        if (!s.startsWith("{") || slash < 1 || s.charAt(slash - 1) != '}') {
            throw new VectorValidationException(
                    "sparsevec text must look like {1:1.5,3:2}/5: '" + DenseVectors.abbreviate(text) + "'");
        }
        int dimensions;
        try {
            dimensions = Integer.parseInt(s.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            throw new VectorValidationException("sparsevec text has no dimension count after '/': '"
                    + DenseVectors.abbreviate(text) + "'");
        }
        String body = s.substring(1, slash - 1).strip();
        String[] parts = body.isEmpty() ? new String[0] : body.split(",", -1);
        int[] indices = new int[parts.length];
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int colon = parts[i].indexOf(':');
            if (colon < 0) {
                throw new VectorValidationException("sparsevec element '" + parts[i].strip() + "' is not index:value");
            }
            try {
                indices[i] = Integer.parseInt(parts[i].substring(0, colon).strip()) - 1;
            } catch (NumberFormatException e) {
                throw new VectorValidationException("sparsevec index '" + parts[i].substring(0, colon).strip()
                        + "' is not an integer");
            }
            values[i] = DenseVectors.parseFloat("sparsevec", parts[i].substring(colon + 1), indices[i]);
        }
        return of(dimensions, indices, values);
    }
}
