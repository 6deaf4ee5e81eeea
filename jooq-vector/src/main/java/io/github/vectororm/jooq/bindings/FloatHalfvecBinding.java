package io.github.vectororm.jooq.bindings;

import io.github.vectororm.core.VectorType;

/**
 * Binds {@code halfvec} columns as {@code float[]} (binary on the wire through vector-core's {@code BinaryHalfvec}); the class to name in a code generator {@code <forcedType>}.
 *
 * @since 0.1.0
 */
public final class FloatHalfvecBinding extends VectorBinding<Object, float[]> {

    private static final long serialVersionUID = 1L;

    /**
     * A binding that accepts values of any dimension (the server checks them against the column).
     *
     * @since 0.1.0
     */
    public FloatHalfvecBinding() {
        this(0);
    }

    /**
     * A binding that checks values against the column's declared dimensions before they are sent.
     *
     * @param dimensions the declared dimensions ({@code bit} length), or 0 for any
     * @since 0.1.0
     */
    public FloatHalfvecBinding(int dimensions) {
        super(Object.class, VectorType.HALFVEC, float[].class, dimensions);
    }
}
