package io.github.vectororm.spring.internal;

import java.util.Arrays;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.AbstractClassJavaType;
import org.hibernate.type.descriptor.java.ImmutableMutabilityPlan;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.descriptor.jdbc.JdbcTypeIndicators;
import org.springframework.data.domain.Vector;

/**
 * Lets Spring Data's {@link Vector} be an entity attribute: a {@code vector} column by default, compared by
 * content, carried to and from the JDBC types as {@code float[]} (or {@code double[]}). {@code Vector} is
 * immutable, so no copies are made for dirty checking.
 * <p>
 * It declares itself {@linkplain #isWider wider} than {@code float[]} and {@code double[]}: Spring Data JPA binds a
 * {@code Vector} argument of a derived {@code ...Near} query as one of those arrays, and Hibernate types such a query
 * parameter like the attribute it is compared with only when the attribute's JavaType is wider than the bound
 * value's (otherwise it keeps the array's own type, {@code real[]}, and the server finds no {@code vector <=> real[]}
 * operator).
 */
public final class SpringVectorJavaType extends AbstractClassJavaType<Vector> {

    private static final long serialVersionUID = 1L;

    /** The single instance. */
    public static final SpringVectorJavaType INSTANCE = new SpringVectorJavaType();

    @SuppressWarnings("unchecked")
    private SpringVectorJavaType() {
        super(Vector.class, (ImmutableMutabilityPlan<Vector>) ImmutableMutabilityPlan.INSTANCE);
    }

    @Override
    public JdbcType getRecommendedJdbcType(JdbcTypeIndicators indicators) {
        return indicators.getJdbcType(SqlTypes.VECTOR);
    }

    @Override
    public boolean isWider(JavaType<?> javaType) {
        Class<?> other = javaType.getJavaTypeClass();
        return other == float[].class || other == double[].class;
    }

    @Override
    public boolean areEqual(Vector one, Vector another) {
        return one == another || one != null && another != null && Arrays.equals(one.toFloatArray(), another.toFloatArray());
    }

    @Override
    public int extractHashCode(Vector value) {
        return Arrays.hashCode(value.toFloatArray());
    }

    @Override
    public String toString(Vector value) {
        return Arrays.toString(value.toFloatArray()).replace(" ", "");
    }

    @Override
    public Vector fromString(CharSequence text) {
        String body = text.toString().strip();
        body = body.substring(1, body.length() - 1);
        if (body.isBlank()) {
            return Vector.of(new float[0]);
        }
        String[] parts = body.split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i].strip());
        }
        return Vector.unsafe(values);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X> X unwrap(Vector value, Class<X> type, WrapperOptions options) {
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return (X) value;
        }
        if (type == float[].class) {
            return (X) value.toFloatArray();
        }
        if (type == double[].class) {
            return (X) value.toDoubleArray();
        }
        if (type == String.class) {
            return (X) toString(value);
        }
        throw unknownUnwrap(type);
    }

    @Override
    public <X> Vector wrap(X value, WrapperOptions options) {
        if (value == null) {
            return null;
        }
        if (value instanceof Vector vector) {
            return vector;
        }
        if (value instanceof float[] floats) {
            return Vector.unsafe(floats);
        }
        if (value instanceof double[] doubles) {
            return Vector.unsafe(doubles);
        }
        if (value instanceof CharSequence text) {
            return fromString(text);
        }
        throw unknownWrap(value.getClass());
    }
}
