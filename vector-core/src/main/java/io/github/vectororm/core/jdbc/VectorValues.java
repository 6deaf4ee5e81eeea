package io.github.vectororm.core.jdbc;

import com.pgvector.PGbit;
import com.pgvector.PGhalfvec;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.codec.BitCodec;
import io.github.vectororm.core.codec.HalfvecCodec;
import io.github.vectororm.core.codec.SparsevecCodec;
import io.github.vectororm.core.codec.VectorCodec;
import java.util.Objects;
import org.postgresql.util.PGobject;

/**
 * Converts between the Java values users hold ({@code float[]}, pgvector-java's types, {@code boolean[]})
 * and what pgjdbc sends and returns, validating on the way in. The adapters' type mappings are built on it.
 *
 * <p>Java types per column type: {@code vector} and {@code halfvec}: {@code float[]}, {@code double[]},
 * {@link PGvector}, {@link PGhalfvec}, {@link BinaryHalfvec}; {@code sparsevec}: {@link PGsparsevec} and
 * {@code float[]} (dense); {@code bit}: {@link PGbit}, {@code boolean[]} and {@code byte[]} (8 bits a byte,
 * most significant first). On reading, pgjdbc's own {@link PGobject}
 * and {@code String} (text form, when no binary class is registered) are accepted as well.
 *
 * @since 0.1.0
 */
public final class VectorValues {

    private VectorValues() {
    }

    /**
     * The JDBC parameter for a value, to pass to {@code PreparedStatement.setObject}: a binary-capable
     * {@link PGobject} of the column's type.
     *
     * @param type the column type
     * @param value the Java value, not null
     * @return the parameter object
     * @throws VectorValidationException if the value is invalid for the type
     * @throws IllegalArgumentException if the Java type does not map to the column type
     */
    public static PGobject toParameter(VectorType type, Object value) {
        return switch (type) {
            case VECTOR -> {
                float[] elements = dense(type, value);
                VectorCodec.validate(elements);
                yield new PGvector(elements);
            }
            case HALFVEC -> value instanceof BinaryHalfvec b ? b : new BinaryHalfvec(dense(type, value));
            case SPARSEVEC -> {
                PGsparsevec sparse = sparse(value);
                SparsevecCodec.validate(sparse);
                yield sparse;
            }
            case BIT -> bit(value);
        };
    }

    /**
     * pgvector's binary form of a value, as {@code COPY ... (FORMAT BINARY)} and binary parameters carry it.
     *
     * @param type the column type
     * @param value the Java value, not null
     * @return the encoded bytes
     */
    public static byte[] toBinary(VectorType type, Object value) {
        return switch (type) {
            case VECTOR -> VectorCodec.encode(dense(type, value));
            case HALFVEC -> HalfvecCodec.encode(dense(type, value));
            case SPARSEVEC -> SparsevecCodec.encode(sparse(value));
            case BIT -> BitCodec.encode(bit(value));
        };
    }

    /**
     * pgvector's text form of a value, e.g. {@code [1,2,3]}.
     *
     * @param type the column type
     * @param value the Java value, not null
     * @return the text
     */
    public static String toText(VectorType type, Object value) {
        return switch (type) {
            case VECTOR -> VectorCodec.format(dense(type, value));
            case HALFVEC -> HalfvecCodec.format(dense(type, value));
            case SPARSEVEC -> SparsevecCodec.format(sparse(value));
            case BIT -> BitCodec.format(bit(value));
        };
    }

    /**
     * Converts what {@code ResultSet.getObject} returned for a column into the Java type asked for.
     *
     * @param type the column type
     * @param value the JDBC value, or {@code null}
     * @param javaType the wanted Java type
     * @param <T> the wanted Java type
     * @return the value, or {@code null} for SQL NULL
     * @throws IllegalArgumentException if the Java type does not map to the column type
     */
    public static <T> T fromResult(VectorType type, Object value, Class<T> javaType) {
        if (value == null) {
            return null;
        }
        Object result = switch (type) {
            case VECTOR, HALFVEC -> {
                float[] elements = dense(type, value);
                if (javaType == float[].class) {
                    yield value instanceof float[] ? elements.clone() : elements;
                } else if (javaType == double[].class) {
                    double[] doubles = new double[elements.length];
                    for (int i = 0; i < elements.length; i++) {
                        doubles[i] = elements[i];
                    }
                    yield doubles;
                } else if (javaType == PGvector.class) {
                    yield new PGvector(elements);
                } else if (javaType == PGhalfvec.class) {
                    yield new PGhalfvec(elements);
                } else if (javaType == BinaryHalfvec.class) {
                    yield new BinaryHalfvec(elements);
                }
                yield unsupported(type, javaType);
            }
            case SPARSEVEC -> {
                PGsparsevec sparse = sparse(value);
                yield javaType == PGsparsevec.class ? sparse
                        : javaType == float[].class ? sparse.toArray() : unsupported(type, javaType);
            }
            case BIT -> {
                PGbit bit = bit(value);
                yield javaType == PGbit.class ? bit
                        : javaType == boolean[].class ? bit.toArray()
                        : javaType == byte[].class ? packed(bit) : unsupported(type, javaType);
            }
        };
        return javaType.cast(result);
    }

    /**
     * The dimension count of a value: elements of a dense vector, declared dimensions of a sparse one, bits of
     * a bit vector. What the column's {@code vector(n)} is compared with.
     *
     * @param type the column type
     * @param value the Java value, not null
     * @return the dimension count
     */
    public static int dimensions(VectorType type, Object value) {
        return switch (type) {
            case VECTOR, HALFVEC -> dense(type, value).length;
            case SPARSEVEC -> sparse(value).getDimensions();
            case BIT -> bit(value).length();
        };
    }

    /**
     * Scales a {@code vector} to unit Euclidean length, as pgvector's {@code l2_normalize} does; a zero vector is
     * returned unchanged (as a copy). The same as {@code l2Normalize(VectorType.VECTOR, vector)}.
     *
     * @param vector the elements
     * @return a new, normalized array
     * @throws VectorValidationException for a value no {@code vector} can hold (no element, NaN, infinity)
     */
    public static float[] l2Normalize(float[] vector) {
        return l2Normalize(VectorType.VECTOR, vector);
    }

    /**
     * Scales a value of a dense type to unit Euclidean length exactly as the server's {@code l2_normalize} for that
     * type: for {@code halfvec} the elements are first rounded to half precision (what the column holds), the norm
     * is taken in double precision and each quotient is rounded to half precision again; a zero vector is returned
     * unchanged (as a copy).
     *
     * @param type {@link VectorType#VECTOR} or {@link VectorType#HALFVEC}
     * @param vector the elements
     * @return a new, normalized array
     * @throws VectorValidationException for a value the type cannot hold (no element, too many, NaN, infinity, a
     *     halfvec element beyond its range), or a type without dense elements
     */
    public static float[] l2Normalize(VectorType type, float[] vector) {
        Objects.requireNonNull(vector, type.sqlName());
        float[] held = switch (type) {
            case VECTOR -> {
                VectorCodec.validate(vector);
                yield vector;
            }
            case HALFVEC -> HalfvecCodec.round(vector);
            default -> throw new VectorValidationException("l2_normalize of " + type.sqlName()
                    + " takes a sparse or bit value, not float[]; normalize vector or halfvec values");
        };
        double sum = 0;
        for (float value : held) {
            sum += (double) value * value;
        }
        float[] unit = held.clone();
        if (sum > 0) {
            double norm = Math.sqrt(sum);
            for (int i = 0; i < unit.length; i++) {
                unit[i] = (float) (held[i] / norm);
            }
        }
        return type == VectorType.HALFVEC ? HalfvecCodec.round(unit) : unit;
    }

    /**
     * Whether a Java type maps to a column type.
     *
     * @param type the column type
     * @param javaType the Java type
     * @return {@code true} if {@link #toParameter} and {@link #fromResult} handle it
     */
    public static boolean supports(VectorType type, Class<?> javaType) {
        return switch (type) {
            case VECTOR, HALFVEC -> javaType == float[].class || javaType == double[].class || javaType == PGvector.class
                    || javaType == PGhalfvec.class || javaType == BinaryHalfvec.class;
            case SPARSEVEC -> javaType == PGsparsevec.class || javaType == float[].class;
            case BIT -> javaType == PGbit.class || javaType == boolean[].class || javaType == byte[].class;
        };
    }

    private static Object unsupported(VectorType type, Class<?> javaType) {
        throw new IllegalArgumentException(javaType.getName() + " does not map to " + type.sqlName());
    }

    private static float[] dense(VectorType type, Object value) {
        Objects.requireNonNull(value, type.sqlName());
        if (value instanceof float[] f) {
            return f;
        }
        if (value instanceof double[] d) {
            return toFloats(type, d);
        }
        if (value instanceof PGvector v) {
            return v.toArray();
        }
        if (value instanceof BinaryHalfvec h) {
            return h.toArray();
        }
        if (value instanceof PGhalfvec h) {
            return h.toArray();
        }
        if (value instanceof PGobject o) {
            return type == VectorType.HALFVEC ? HalfvecCodec.parse(o.getValue()) : VectorCodec.parse(o.getValue());
        }
        if (value instanceof String s) {
            return type == VectorType.HALFVEC ? HalfvecCodec.parse(s) : VectorCodec.parse(s);
        }
        throw new IllegalArgumentException(
                value.getClass().getName() + " does not map to " + type.sqlName() + "; use float[] or PGvector");
    }

    /** Narrows to float, refusing values that would become infinite rather than rounding them silently. */
    private static float[] toFloats(VectorType type, double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
            if (Float.isInfinite(floats[i]) && !Double.isInfinite(values[i])) {
                throw new VectorValidationException(type.sqlName() + " element [" + i + "] is " + values[i]
                        + ", beyond the float range pgvector stores");
            }
        }
        return floats;
    }

    /** Bits packed 8 to a byte, most significant first: the length is a multiple of 8. */
    private static boolean[] unpack(byte[] packed) {
        boolean[] bits = new boolean[packed.length * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (packed[i / 8] >> (7 - i % 8) & 1) == 1;
        }
        return bits;
    }

    private static byte[] packed(PGbit bit) {
        byte[] bytes = bit.toByteArray();
        return java.util.Arrays.copyOf(bytes, (bit.length() + 7) / 8);
    }

    private static PGsparsevec sparse(Object value) {
        Objects.requireNonNull(value, "sparsevec");
        if (value instanceof PGsparsevec s) {
            return s;
        }
        if (value instanceof float[] f) {
            return SparsevecCodec.fromDense(f);
        }
        if (value instanceof PGobject o) {
            return SparsevecCodec.parse(o.getValue());
        }
        if (value instanceof String s) {
            return SparsevecCodec.parse(s);
        }
        throw new IllegalArgumentException(
                value.getClass().getName() + " does not map to sparsevec; use PGsparsevec or float[]");
    }

    private static PGbit bit(Object value) {
        Objects.requireNonNull(value, "bit");
        if (value instanceof PGbit b) {
            BitCodec.encode(b); // validates the length
            return b;
        }
        if (value instanceof boolean[] b) {
            return BitCodec.of(b);
        }
        if (value instanceof byte[] packed) {
            return BitCodec.of(unpack(packed));
        }
        if (value instanceof PGobject o) {
            return BitCodec.parse(o.getValue());
        }
        if (value instanceof String s) {
            return BitCodec.parse(s);
        }
        throw new IllegalArgumentException(value.getClass().getName() + " does not map to bit; use PGbit or boolean[]");
    }
}
