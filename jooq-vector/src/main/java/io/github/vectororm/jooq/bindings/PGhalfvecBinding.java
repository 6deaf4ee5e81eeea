package io.github.vectororm.jooq.bindings;

import com.pgvector.PGhalfvec;
import io.github.vectororm.core.VectorType;

/**
 * Binds {@code halfvec} columns as pgvector-java's {@link PGhalfvec} (sent in binary through vector-core's {@code BinaryHalfvec}); the class to name in a code generator {@code <forcedType>}.
 *
 * @since 0.1.0
 */
public final class PGhalfvecBinding extends VectorBinding<Object, PGhalfvec> {

    private static final long serialVersionUID = 1L;

    /**
     * A binding that accepts values of any dimension (the server checks them against the column).
     *
     * @since 0.1.0
     */
    public PGhalfvecBinding() {
        this(0);
    }

    /**
     * A binding that checks values against the column's declared dimensions before they are sent.
     *
     * @param dimensions the declared dimensions ({@code bit} length), or 0 for any
     * @since 0.1.0
     */
    public PGhalfvecBinding(int dimensions) {
        super(Object.class, VectorType.HALFVEC, PGhalfvec.class, dimensions);
    }
}
