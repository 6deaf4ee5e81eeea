package io.github.vectororm.core.jdbc;

import com.pgvector.PGhalfvec;
import io.github.vectororm.core.codec.HalfvecCodec;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A {@code halfvec} value that pgjdbc can send and receive in pgvector's binary format.
 *
 * <p>Why not pgvector-java's {@link PGhalfvec}: it implements only the text format, and text
 * encoding/decoding costs far more than binary for embedding-sized vectors. This class is the binary
 * twin; {@link #toPGhalfvec()} converts. Elements are held rounded to half precision.
 *
 * @since 0.1.0
 */
public final class BinaryHalfvec extends PGobject implements PGBinaryObject {

    private static final long serialVersionUID = 1L;

    /** The elements, rounded to half precision, or {@code null} for SQL NULL. */
    private float[] elements;

    /** An empty value, for pgjdbc to fill in. */
    public BinaryHalfvec() {
        setType("halfvec");
    }

    /**
     * Creates a halfvec value from these elements.
     *
     * @param elements the elements, rounded to half precision; validated
     */
    public BinaryHalfvec(float[] elements) {
        this();
        this.elements = HalfvecCodec.round(elements);
    }

    @Override
    public void setValue(String value) throws SQLException {
        elements = value == null ? null : HalfvecCodec.parse(value);
    }

    @Override
    public String getValue() {
        return elements == null ? null : HalfvecCodec.format(elements);
    }

    @Override
    public void setByteValue(byte[] value, int offset) {
        elements = HalfvecCodec.decode(value, offset);
    }

    @Override
    public int lengthInBytes() {
        return elements == null ? 0 : HalfvecCodec.binaryLength(elements.length);
    }

    @Override
    public void toBytes(byte[] bytes, int offset) {
        if (elements != null) {
            HalfvecCodec.encode(elements, bytes, offset);
        }
    }

    /** {@return a copy of the elements, or {@code null} for SQL NULL} */
    public float[] toArray() {
        return elements == null ? null : elements.clone();
    }

    /** {@return the same value as pgvector-java's text-only type} */
    public PGhalfvec toPGhalfvec() {
        return elements == null ? null : new PGhalfvec(elements.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryHalfvec other && Arrays.equals(elements, other.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }

    @Override
    public BinaryHalfvec clone() throws CloneNotSupportedException {
        BinaryHalfvec copy = (BinaryHalfvec) super.clone();
        copy.elements = elements == null ? null : elements.clone();
        return copy;
    }
}
