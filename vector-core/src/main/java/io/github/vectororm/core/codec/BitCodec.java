package io.github.vectororm.core.codec;

import com.pgvector.PGbit;
import io.github.vectororm.core.VectorValidationException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Binary and text forms of PostgreSQL's {@code bit(n)}, which pgvector uses for binary vectors
 * (Hamming and Jaccard distance); the Java value is pgvector-java's {@link PGbit} or a {@code boolean[]}.
 *
 * <p>Binary: {@code int32 bit length, ceil(length / 8) bytes}, most significant bit first, unused
 * trailing bits zero. Text: {@code 0101}.
 *
 * @since 0.1.0
 */
public final class BitCodec {

    /**
     * PostgreSQL's largest bit string value, VARBITMAXLEN ({@code INT_MAX - 7} bits): what {@code varbit} and
     * pgvector's bit functions accept. A {@code bit(n)} column declares at most 83,886,080 bits
     * ({@link io.github.vectororm.core.VectorType#maxDimensions() VectorType.BIT.maxDimensions()}).
     */
    public static final int MAX_LENGTH = Integer.MAX_VALUE - 7;

    private BitCodec() {
    }

    /**
     * Builds a bit vector from booleans.
     *
     * @param bits the bits; none is an empty bit string, which {@code varbit} holds and pgvector's
     *     {@code hamming_distance} and {@code jaccard_distance} accept (0 and 1)
     * @return a new {@link PGbit}
     */
    public static PGbit of(boolean[] bits) {
        Objects.requireNonNull(bits, "bit");
        checkLength(bits.length);
        return new PGbit(bits);
    }

    /** The server's bit string input accepts 0 to VARBITMAXLEN bits; only a {@code bit(n)} column needs n >= 1. */
    private static void checkLength(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new VectorValidationException("bit vector has " + length + " bits; expected 0 to " + MAX_LENGTH);
        }
    }

    /**
     * {@return the binary size of a bit vector of this length}
     *
     * @param bits the length in bits
     */
    public static int binaryLength(int bits) {
        return 4 + (bits + 7) / 8;
    }

    /**
     * Encodes into PostgreSQL's binary form, with unused trailing bits cleared.
     *
     * @param bits the value
     * @return a new byte array
     */
    public static byte[] encode(PGbit bits) {
        Objects.requireNonNull(bits, "bit");
        int length = bits.length();
        checkLength(length);
        byte[] data = bits.toByteArray();
        ByteBuffer buffer = ByteBuffer.allocate(binaryLength(length)).putInt(length).put(data, 0, (length + 7) / 8);
        byte[] bytes = buffer.array();
        if (length % 8 != 0) {
            bytes[bytes.length - 1] &= (byte) (0xFF << (8 - length % 8));
        }
        return bytes;
    }

    /**
     * Decodes PostgreSQL's binary form.
     *
     * @param bytes the binary value
     * @param offset where it starts
     * @return a new {@link PGbit}
     */
    public static PGbit decode(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        int length = buffer.getInt();
        if (length < 0 || buffer.remaining() < (length + 7) / 8) {
            throw new VectorValidationException("binary bit string of " + length + " bits is truncated");
        }
        PGbit bit = new PGbit();
        try {
            bit.setByteValue(bytes, offset);
        } catch (java.sql.SQLException e) {
            throw new VectorValidationException("malformed binary bit string: " + e.getMessage());
        }
        return bit;
    }

    /**
     * Formats as text, e.g. {@code 0101}.
     *
     * @param bits the value
     * @return the text form
     */
    public static String format(PGbit bits) {
        Objects.requireNonNull(bits, "bit");
        checkLength(bits.length());
        StringBuilder text = new StringBuilder(bits.length());
        for (boolean b : bits.toArray()) {
            text.append(b ? '1' : '0');
        }
        return text.toString();
    }

    /**
     * Parses text as PostgreSQL's bit input does: {@code 0101}, or with a {@code b} prefix ({@code b0101}), or
     * hexadecimal with an {@code x} prefix ({@code x1f}, 4 bits a digit). No whitespace is allowed, as on the server.
     *
     * @param text the bit string
     * @return a new {@link PGbit}
     */
    public static PGbit parse(String text) {
        Objects.requireNonNull(text, "bit");
        boolean hex = !text.isEmpty() && (text.charAt(0) == 'x' || text.charAt(0) == 'X');
        int start = hex || (!text.isEmpty() && (text.charAt(0) == 'b' || text.charAt(0) == 'B')) ? 1 : 0;
        boolean[] bits = new boolean[(text.length() - start) * (hex ? 4 : 1)];
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = hex ? (c < 128 ? Character.digit(c, 16) : -1) : c == '0' ? 0 : c == '1' ? 1 : -1;
            if (digit < 0) {
                throw new VectorValidationException("bit text may hold only " + (hex ? "hexadecimal digits after 'x'" : "0 and 1")
                        + "; found '" + TextSyntax.printable(String.valueOf(c)) + "' at position " + i);
            }
            if (hex) {
                for (int b = 0; b < 4; b++) {
                    bits[(i - start) * 4 + b] = (digit >> (3 - b) & 1) == 1;
                }
            } else {
                bits[i - start] = digit == 1;
            }
        }
        return of(bits);
    }

    /**
     * The bits as booleans.
     *
     * @param bits the value
     * @return a new array
     */
    public static boolean[] toBooleans(PGbit bits) {
        return bits.toArray();
    }
}
