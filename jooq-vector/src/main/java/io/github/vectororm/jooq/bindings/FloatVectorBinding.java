package io.github.vectororm.jooq.bindings;

import io.github.vectororm.core.VectorType;

/**
 * Binds {@code vector} columns as {@code float[]}; the class to name in a code generator {@code <forcedType>}.
 *
 * @since 0.1.0
 */
public final class FloatVectorBinding extends VectorBinding<Object, float[]> {

    private static final long serialVersionUID = 1L;

    /**
     * A binding that accepts values of any dimension (the server checks them against the column).
     *
     * @since 0.1.0
     */
    public FloatVectorBinding() {
        this(0);
    }

    /**
     * A binding that checks values against the column's declared dimensions before they are sent.
     *
     * @param dimensions the declared dimensions ({@code bit} length), or 0 for any
     * @since 0.1.0
     */
    public FloatVectorBinding(int dimensions) {
        super(Object.class, VectorType.VECTOR, float[].class, dimensions);
    }
}
