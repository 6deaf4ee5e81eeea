package io.github.vectororm.hibernate.internal;

import com.pgvector.PGbit;
import com.pgvector.PGhalfvec;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.BinaryHalfvec;
import io.github.vectororm.core.jdbc.VectorValues;
import java.util.List;
import java.util.Objects;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.AbstractClassJavaType;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.MutableMutabilityPlan;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.descriptor.jdbc.JdbcTypeIndicators;

/**
 * Lets pgvector-java's value classes be entity attributes without {@code @JdbcTypeCode}: each recommends its
 * pgvector JdbcType, copies deeply for dirty checking and compares by content (its text form), so an
 * unchanged vector never causes an UPDATE. Each is {@linkplain #isWider wider} than the other Java types vector-core
 * converts to its column type ({@code float[]} for a {@code PGvector} attribute, say), so that a query parameter
 * compared with such an attribute and bound as one of those types is typed like the attribute (Hibernate otherwise
 * keeps the bound value's own type, an SQL array for {@code float[]}).
 */
final class PgVectorJavaType<T> extends AbstractClassJavaType<T> {

    private static final long serialVersionUID = 1L;

    static final List<PgVectorJavaType<?>> ALL = List.of(
            new PgVectorJavaType<>(PGvector.class, VectorType.VECTOR),
            new PgVectorJavaType<>(PGhalfvec.class, VectorType.HALFVEC),
            new PgVectorJavaType<>(BinaryHalfvec.class, VectorType.HALFVEC),
            new PgVectorJavaType<>(PGsparsevec.class, VectorType.SPARSEVEC),
            new PgVectorJavaType<>(PGbit.class, VectorType.BIT));

    private final VectorType type;

    private PgVectorJavaType(Class<T> javaClass, VectorType type) {
        super(javaClass, new ContentCopy<>(javaClass, type));
        this.type = type;
    }

    @Override
    public JdbcType getRecommendedJdbcType(JdbcTypeIndicators indicators) {
        return indicators.getJdbcType(PgVectorTypeContributor.sqlTypeCode(type));
    }

    @Override
    public boolean isWider(JavaType<?> javaType) {
        Class<?> other = javaType.getJavaTypeClass();
        return other != getJavaTypeClass() && VectorValues.supports(type, other);
    }

    @Override
    public boolean areEqual(T one, T another) {
        return one == another || one != null && another != null && text(one).equals(text(another));
    }

    @Override
    public int extractHashCode(T value) {
        return text(value).hashCode();
    }

    private String text(T value) {
        return VectorValues.toText(type, value);
    }

    @Override
    public String toString(T value) {
        return text(value);
    }

    @Override
    public T fromString(CharSequence text) {
        return text == null ? null : VectorValues.fromResult(type, text.toString(), getJavaTypeClass());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X> X unwrap(T value, Class<X> target, WrapperOptions options) {
        if (value == null) {
            return null;
        }
        if (target.isInstance(value)) {
            return (X) value;
        }
        if (target == String.class) {
            return (X) text(value);
        }
        return VectorValues.fromResult(type, value, target);
    }

    @Override
    public <X> T wrap(X value, WrapperOptions options) {
        if (value == null) {
            return null;
        }
        Object converted = value instanceof CharSequence text ? text.toString() : value;
        return VectorValues.fromResult(type, converted, getJavaTypeClass());
    }

    /** Copies through vector-core's converter, which always builds a new value. */
    private static final class ContentCopy<T> extends MutableMutabilityPlan<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> javaClass;
        private final VectorType type;

        ContentCopy(Class<T> javaClass, VectorType type) {
            this.javaClass = Objects.requireNonNull(javaClass);
            this.type = type;
        }

        @Override
        protected T deepCopyNotNull(T value) {
            return VectorValues.fromResult(type, VectorValues.toText(type, value), javaClass);
        }
    }
}
