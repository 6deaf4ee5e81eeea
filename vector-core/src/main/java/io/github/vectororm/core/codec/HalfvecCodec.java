package io.github.vectororm.core.codec;

import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Float16;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Binary and text forms of pgvector's {@code halfvec} (IEEE half-precision floats).
 *
 * <p>Java holds the elements as {@code float[]}; writing rounds each to the nearest half-precision
 * value, as the server does. Binary: {@code int16 dimensions, int16 unused (0), dimensions x float16}.
 * Text: {@code [1,2.5,-3]}. A value whose magnitude rounds beyond the half-precision range
 * (about 65,504) is rejected, as the server rejects it.
 *
 * @since 0.1.0
 */
public final class HalfvecCodec {

    /** The largest dimension count pgvector accepts for {@code halfvec}. */
    public static final int MAX_DIMENSIONS = DenseVectors.MAX_DIMENSIONS;
    /** The largest finite half-precision value. */
    public static final float MAX_VALUE = 65504f;

    private HalfvecCodec() {
    }

    /**
     * Checks a value against pgvector's rules for {@code halfvec}.
     *
     * @param vector the value
     * @throws VectorValidationException if it has 0 or more than 16,000 dimensions, a non-finite element,
     *     or an element outside the half-precision range
     */
    public static void validate(float[] vector) {
        Objects.requireNonNull(vector, "halfvec");
        DenseVectors.checkDimensions("halfvec", vector.length);
        for (int i = 0; i < vector.length; i++) {
            checkElement(i, vector[i]);
        }
    }

    private static short checkElement(int index, float value) {
        DenseVectors.checkFinite("halfvec", index, value);
        short half = Float16.fromFloat(value);
        if (Float.isInfinite(Float16.toFloat(half))) {
            throw new VectorValidationException("halfvec element [" + index + "] is " + value
                    + "; halfvec holds magnitudes up to " + MAX_VALUE);
        }
        return half;
    }

    /**
     * Rounds each element to the nearest half-precision value: what reading a written value back returns.
     *
     * @param vector the value, validated first
     * @return a new array of rounded elements
     */
    public static float[] round(float[] vector) {
        validate(vector);
        float[] rounded = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            rounded[i] = Float16.toFloat(Float16.fromFloat(vector[i]));
        }
        return rounded;
    }

    /**
     * {@return the binary size of a halfvec with this many dimensions}
     *
     * @param dimensions the number of dimensions
     */
    public static int binaryLength(int dimensions) {
        return 4 + 2 * dimensions;
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
        Objects.requireNonNull(vector, "halfvec");
        DenseVectors.checkDimensions("halfvec", vector.length);
        ByteBuffer buffer = ByteBuffer.wrap(target, offset, binaryLength(vector.length));
        buffer.putShort((short) vector.length).putShort((short) 0);
        for (int i = 0; i < vector.length; i++) {
            buffer.putShort(checkElement(i, vector[i]));
        }
    }

    /**
     * Decodes pgvector's binary form.
     *
     * @param bytes the binary value
     * @param offset where it starts
     * @return the elements, widened to float
     */
    public static float[] decode(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        int dimensions = Short.toUnsignedInt(buffer.getShort());
        buffer.getShort(); // unused
        if (buffer.remaining() < 2 * dimensions) {
            throw new VectorValidationException("binary halfvec of " + dimensions + " dimensions needs "
                    + binaryLength(dimensions) + " bytes, got " + (bytes.length - offset));
        }
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = Float16.toFloat(buffer.getShort());
        }
        return vector;
    }

    /**
     * Formats as pgvector text with the elements rounded to half precision first.
     *
     * @param vector the value, validated first
     * @return the text form
     */
    public static String format(float[] vector) {
        return DenseVectors.format(round(vector));
    }

    /**
     * Parses pgvector text; elements are rounded to half precision, as the server stores them.
     *
     * @param text a value such as {@code [1,2,3]}
     * @return the elements
     */
    public static float[] parse(String text) {
        return round(DenseVectors.parse("halfvec", text));
    }
}
