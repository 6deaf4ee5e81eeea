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

    /** PostgreSQL's largest bit string length (VARBITMAXLEN). */
    public static final int MAX_LENGTH = 83_886_080;

    private BitCodec() {
    }

    /**
     * Builds a bit vector from booleans.
     *
     * @param bits the bits, at least one
     * @return a new {@link PGbit}
     */
    public static PGbit of(boolean[] bits) {
        Objects.requireNonNull(bits, "bit");
        checkLength(bits.length);
        return new PGbit(bits);
    }

    private static void checkLength(int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new VectorValidationException("bit vector has " + length + " bits; expected 1 to " + MAX_LENGTH);
        }
    }

    /** @return the binary size of a bit vector of this length */
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
     * Parses text such as {@code 0101}.
     *
     * @param text zeros and ones only
     * @return a new {@link PGbit}
     */
    public static PGbit parse(String text) {
        Objects.requireNonNull(text, "bit");
        String s = text.strip();
        boolean[] bits = new boolean[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '0' && c != '1') {
                throw new VectorValidationException("bit text may hold only 0 and 1; found '" + c + "' at position " + i);
            }
            bits[i] = c == '1';
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
