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

    /**
     * {@return the binary size of a sparse vector with this many non-zero elements}
     *
     * @param nonZero the number of non-zero elements
     */
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
     * Parses pgvector text such as {@code {1:1.5,3:2}/5}, accepting what the server's text input accepts: its
     * whitespace, elements in any order (they are sorted), and zero values, which are dropped before the
     * indices are checked (so {@code {2:0}/1} is the empty vector of 1 dimension, as on the server).
     *
     * @param text the text form (1-based indices)
     * @return a new, validated {@link PGsparsevec}
     */
    public static PGsparsevec parse(String text) {
        if (text == null) {
            throw new VectorValidationException("sparsevec text is null");
        }
        String s = TextSyntax.trim(text);
        int close = s.indexOf('}');
        String afterClose = close < 0 ? "" : TextSyntax.trim(s.substring(close + 1));
        if (!s.startsWith("{") || close < 0 || !afterClose.startsWith("/")) {
            throw new VectorValidationException("sparsevec text must look like {1:1.5,3:2}/5: '"
                    + DenseVectors.abbreviate(TextSyntax.printable(text)) + "'");
        }
        Long declared = TextSyntax.parseInteger(afterClose.substring(1));
        if (declared == null) {
            throw new VectorValidationException("sparsevec text has no dimension count after '/': '"
                    + DenseVectors.abbreviate(TextSyntax.printable(text)) + "'");
        }
        String body = TextSyntax.trim(s.substring(1, close));
        String[] parts = body.isEmpty() ? new String[0] : body.split(",", -1);
        long[] indices = new long[parts.length];
        float[] values = new float[parts.length];
        int nonZero = 0;
        for (String part : parts) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new VectorValidationException("sparsevec element '" + TextSyntax.printable(TextSyntax.trim(part))
                        + "' is not index:value");
            }
            Long index = TextSyntax.parseInteger(part.substring(0, colon));
            if (index == null) {
                throw new VectorValidationException("sparsevec index '"
                        + TextSyntax.printable(TextSyntax.trim(part.substring(0, colon))) + "' is not an integer");
            }
            float value = TextSyntax.parseFloat("sparsevec", part.substring(colon + 1), index, true);
            if (!Float.isFinite(value)) {
                throw new VectorValidationException("sparsevec value at index " + index + " is " + value
                        + "; pgvector accepts finite values only");
            }
            if (value != 0f) { // the server stores no zeros and checks the remaining indices only
                indices[nonZero] = index - 1;
                values[nonZero++] = value;
            }
        }
        if (declared < 1 || declared > MAX_DIMENSIONS) {
            throw new VectorValidationException(
                    "sparsevec has " + declared + " dimensions; pgvector accepts 1 to " + MAX_DIMENSIONS);
        }
        int dimensions = (int) (long) declared;
        Integer[] order = new Integer[nonZero];
        for (int i = 0; i < nonZero; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(indices[a], indices[b]));
        int[] sortedIndices = new int[nonZero];
        float[] sortedValues = new float[nonZero];
        for (int i = 0; i < nonZero; i++) {
            long index = indices[order[i]];
            if (index < 0 || index >= dimensions) {
                throw new VectorValidationException("sparsevec index " + (index + 1) + " (1-based) is out of range for "
                        + dimensions + " dimensions");
            }
            sortedIndices[i] = (int) index;
            sortedValues[i] = values[order[i]];
        }
        return of(dimensions, sortedIndices, sortedValues);
    }
}
