package io.github.vectororm.jooq.bindings;

import io.github.vectororm.core.VectorType;

/**
 * Binds {@code bit} columns as {@code boolean[]}; the class to name in a code generator {@code <forcedType>}.
 *
 * @since 0.1.0
 */
public final class BooleanBitBinding extends VectorBinding<String, boolean[]> {

    private static final long serialVersionUID = 1L;

    /**
     * A binding that accepts values of any dimension (the server checks them against the column).
     *
     * @since 0.1.0
     */
    public BooleanBitBinding() {
        this(0);
    }

    /**
     * A binding that checks values against the column's declared dimensions before they are sent.
     *
     * @param dimensions the declared dimensions ({@code bit} length), or 0 for any
     * @since 0.1.0
     */
    public BooleanBitBinding(int dimensions) {
        super(String.class, VectorType.BIT, boolean[].class, dimensions);
    }
}
