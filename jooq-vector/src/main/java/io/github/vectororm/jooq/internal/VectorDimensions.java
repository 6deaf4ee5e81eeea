package io.github.vectororm.jooq.internal;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import io.github.vectororm.core.jdbc.BinaryHalfvec;
import org.postgresql.util.PGobject;

/** Reads the dimension count of a parameter built by {@code VectorValues.toParameter}. Not API. */
public final class VectorDimensions {

    private VectorDimensions() {
    }

    /**
     * @param parameter a vector, halfvec, sparsevec or bit parameter
     * @return its dimensions (bit length for bit)
     */
    public static int of(PGobject parameter) {
        return switch (parameter) {
            case PGvector v -> v.toArray().length;
            case BinaryHalfvec h -> h.lengthInBytes() == 0 ? 0 : (h.lengthInBytes() - 4) / 2;
            case PGsparsevec s -> s.getDimensions();
            case PGbit b -> b.length();
            default -> throw new IllegalArgumentException("not a pgvector parameter: " + parameter.getClass().getName());
        };
    }
}
