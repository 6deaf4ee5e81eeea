package io.github.vectororm.jooq.bindings;

import com.pgvector.PGsparsevec;
import io.github.vectororm.core.VectorType;

/**
 * Binds {@code sparsevec} columns as pgvector-java's {@link PGsparsevec}; the class to name in a code generator {@code <forcedType>}.
 *
 * @since 0.1.0
 */
public final class SparsevecBinding extends VectorBinding<Object, PGsparsevec> {

    private static final long serialVersionUID = 1L;

    /**
     * A binding that accepts values of any dimension (the server checks them against the column).
     *
     * @since 0.1.0
     */
    public SparsevecBinding() {
        this(0);
    }

    /**
     * A binding that checks values against the column's declared dimensions before they are sent.
     *
     * @param dimensions the declared dimensions ({@code bit} length), or 0 for any
     * @since 0.1.0
     */
    public SparsevecBinding(int dimensions) {
        super(Object.class, VectorType.SPARSEVEC, PGsparsevec.class, dimensions);
    }
}
