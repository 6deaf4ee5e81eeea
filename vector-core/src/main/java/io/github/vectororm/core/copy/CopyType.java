package io.github.vectororm.core.copy;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.VectorValues;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;

/**
 * Column types the {@link VectorCopyWriter} can encode in PostgreSQL's binary COPY format, with the Java
 * values each accepts.
 *
 * @since 0.1.0
 */
public enum CopyType {
    /** {@code smallint} from {@link Short} (or any integral {@link Number} in range). */
    SMALLINT(v -> ByteBuffer.allocate(2).putShort(integral(v, Short.MIN_VALUE, Short.MAX_VALUE).shortValue()).array()),
    /** {@code integer} from {@link Integer} (or any integral {@link Number} in range). */
    INTEGER(v -> ByteBuffer.allocate(4).putInt(integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue()).array()),
    /** {@code bigint} from {@link Long} (or any integral {@link Number}). */
    BIGINT(v -> ByteBuffer.allocate(8).putLong(integral(v, Long.MIN_VALUE, Long.MAX_VALUE).longValue()).array()),
    /** {@code real} from {@link Number}. */
    REAL(v -> ByteBuffer.allocate(4).putFloat(((Number) v).floatValue()).array()),
    /** {@code double precision} from {@link Number}. */
    DOUBLE_PRECISION(v -> ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array()),
    /** {@code boolean} from {@link Boolean}. */
    BOOLEAN(v -> new byte[] {(byte) (((Boolean) v) ? 1 : 0)}),
    /** {@code text} or {@code varchar} from {@link CharSequence} (UTF-8 databases). */
    TEXT(v -> v.toString().getBytes(StandardCharsets.UTF_8)),
    /** {@code jsonb} from a {@link CharSequence} holding JSON. */
    JSONB(v -> {
        byte[] json = v.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(json.length + 1).put((byte) 1).put(json).array();
    }),
    /** {@code uuid} from {@link UUID}. */
    UUID(v -> ByteBuffer.allocate(16).putLong(((java.util.UUID) v).getMostSignificantBits())
            .putLong(((java.util.UUID) v).getLeastSignificantBits()).array()),
    /** {@code bytea} from {@code byte[]}. */
    BYTEA(v -> ((byte[]) v).clone()),
    /** {@code date} from {@link LocalDate}. */
    DATE(v -> ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(Epoch.DATE, (LocalDate) v)).array()),
    /** {@code timestamp} (without time zone) from {@link LocalDateTime}. */
    TIMESTAMP(v -> micros(((LocalDateTime) v).toInstant(ZoneOffset.UTC))),
    /** {@code timestamptz} from {@link Instant} or {@link OffsetDateTime}. */
    TIMESTAMPTZ(v -> micros(v instanceof OffsetDateTime o ? o.toInstant() : (Instant) v)),
    /** pgvector {@code vector} from {@code float[]} or {@code PGvector}. */
    VECTOR(v -> VectorValues.toBinary(VectorType.VECTOR, v)),
    /** pgvector {@code halfvec} from {@code float[]}, {@code PGhalfvec} or {@code BinaryHalfvec}. */
    HALFVEC(v -> VectorValues.toBinary(VectorType.HALFVEC, v)),
    /** pgvector {@code sparsevec} from {@code PGsparsevec} or a dense {@code float[]}. */
    SPARSEVEC(v -> VectorValues.toBinary(VectorType.SPARSEVEC, v)),
    /** {@code bit(n)} from {@code PGbit} or {@code boolean[]}. */
    BIT(v -> VectorValues.toBinary(VectorType.BIT, v));

    private final Function<Object, byte[]> encoder;

    CopyType(Function<Object, byte[]> encoder) {
        this.encoder = encoder;
    }

    /**
     * The copy type of a vector column type.
     *
     * @param type a vector type
     * @return the matching copy type
     */
    public static CopyType of(VectorType type) {
        return switch (type) {
            case VECTOR -> VECTOR;
            case HALFVEC -> HALFVEC;
            case SPARSEVEC -> SPARSEVEC;
            case BIT -> BIT;
        };
    }

    /**
     * Encodes one non-null value in binary COPY format (without the length prefix).
     *
     * @param value the value
     * @return the field bytes
     * @throws IllegalArgumentException (or {@link io.github.vectororm.core.VectorValidationException}) if the value does not fit
     */
    byte[] encode(Object value) {
        try {
            return encoder.apply(value);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " cannot be written as " + this);
        }
    }

    private static Number integral(Object value, long min, long max) {
        Number n = (Number) value;
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            throw new IllegalArgumentException("a " + n.getClass().getSimpleName() + " is not an integral value");
        }
        if (n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException(n + " is out of range " + min + ".." + max);
        }
        return n;
    }

    private static byte[] micros(Instant instant) {
        return ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(Epoch.INSTANT, instant)).array();
    }

    /** PostgreSQL's binary date/time epoch, 2000-01-01 (a holder: enum constants cannot read later statics). */
    private static final class Epoch {
        static final LocalDate DATE = LocalDate.of(2000, 1, 1);
        static final Instant INSTANT = DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
