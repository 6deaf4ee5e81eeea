package io.github.vectororm.jooq.bindings;

import com.pgvector.PGvector;
import io.github.vectororm.core.VectorType;

/**
 * Binds {@code vector} columns as pgvector-java's {@link PGvector}; the class to name in a code generator {@code <forcedType>}.
 *
 * @since 0.1.0
 */
public final class PGvectorBinding extends VectorBinding<Object, PGvector> {

    private static final long serialVersionUID = 1L;

    /**
     * A binding that accepts values of any dimension (the server checks them against the column).
     *
     * @since 0.1.0
     */
    public PGvectorBinding() {
        this(0);
    }

    /**
     * A binding that checks values against the column's declared dimensions before they are sent.
     *
     * @param dimensions the declared dimensions ({@code bit} length), or 0 for any
     * @since 0.1.0
     */
    public PGvectorBinding(int dimensions) {
        super(Object.class, VectorType.VECTOR, PGvector.class, dimensions);
    }
}
