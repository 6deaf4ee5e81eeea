package io.github.vectororm.core.codec;

import io.github.vectororm.core.VectorValidationException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Binary and text forms of pgvector's {@code vector} (single-precision floats).
 *
 * <p>Binary: {@code int16 dimensions, int16 unused (0), dimensions x float4}, network byte order.
 * Text: {@code [1,2.5,-3]}. Every encoder validates first, so a value the server would reject
 * (no or too many dimensions, NaN, infinity) fails here with a {@link VectorValidationException}.
 *
 * @since 0.1.0
 */
public final class VectorCodec {

    /** The largest dimension count pgvector accepts for {@code vector}. */
    public static final int MAX_DIMENSIONS = DenseVectors.MAX_DIMENSIONS;

    private VectorCodec() {
    }

    /**
     * Checks a value against pgvector's rules for {@code vector}.
     *
     * @param vector the value
     * @throws VectorValidationException if it has 0 or more than 16,000 dimensions or a non-finite element
     */
    public static void validate(float[] vector) {
        Objects.requireNonNull(vector, "vector");
        DenseVectors.checkDimensions("vector", vector.length);
        for (int i = 0; i < vector.length; i++) {
            DenseVectors.checkFinite("vector", i, vector[i]);
        }
    }

    /**
     * {@return the binary size of a vector with this many dimensions}
     *
     * @param dimensions the number of dimensions
     */
    public static int binaryLength(int dimensions) {
        return 4 + 4 * dimensions;
    }

    /**
     * Encodes into pgvector's binary form.
     *
     * @param vector the value, validated first
     * @return a new byte array
     */
    public static byte[] encode(float[] vector) {
        byte[] bytes = new byte[binaryLength(vector.length)];
        encode(vector, bytes, 0);
        return bytes;
    }

    /**
     * Encodes into pgvector's binary form at an offset of an existing array.
     *
     * @param vector the value, validated first
     * @param target the array to write into, with room for {@link #binaryLength(int)} bytes
     * @param offset where to start writing
     */
    public static void encode(float[] vector, byte[] target, int offset) {
        validate(vector);
        ByteBuffer buffer = ByteBuffer.wrap(target, offset, binaryLength(vector.length));
        buffer.putShort((short) vector.length).putShort((short) 0);
        for (float value : vector) {
            buffer.putFloat(value);
        }
    }

    /**
     * Decodes pgvector's binary form.
     *
     * @param bytes the binary value
     * @param offset where it starts
     * @return the elements
     */
    public static float[] decode(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        int dimensions = Short.toUnsignedInt(buffer.getShort());
        buffer.getShort(); // unused
        if (buffer.remaining() < 4 * dimensions) {
            throw new VectorValidationException("binary vector of " + dimensions + " dimensions needs "
                    + binaryLength(dimensions) + " bytes, got " + (bytes.length - offset));
        }
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }

    /**
     * Formats as pgvector text, {@code [1,2.5,-3]}; each element in the shortest form that reads back
     * to the same float.
     *
     * @param vector the value, validated first
     * @return the text form
     */
    public static String format(float[] vector) {
        validate(vector);
        return DenseVectors.format(vector);
    }

    /**
     * Parses pgvector text.
     *
     * @param text a value such as {@code [1,2,3]}
     * @return the elements
     * @throws VectorValidationException if the text is malformed or the value invalid
     */
    public static float[] parse(String text) {
        return DenseVectors.parse("vector", text);
    }
}
