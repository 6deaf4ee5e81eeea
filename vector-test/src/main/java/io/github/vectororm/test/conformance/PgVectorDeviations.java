package io.github.vectororm.test.conformance;

import java.util.List;

/**
 * The deliberate differences from pgvector's answers, each with its reason; {@link Differential} fails on any
 * other difference and on a listed one that no longer differs.
 *
 * @since 0.1.0
 */
public final class PgVectorDeviations {

    /** Every deliberate difference. */
    public static final List<Deviation> ALL = List.of(
            new Deviation("core structured sparsevec", "SELECT '{2:1,1:1}/2'::sparsevec;",
                    "a PGsparsevec built from its parts is pgvector's binary form, whose input refuses indices out of"
                            + " order; only the text input sorts them (SparsevecCodec.parse does too)"));

    private PgVectorDeviations() {
    }
}
