package io.github.vectororm.core.jdbc;

import com.pgvector.PGsparsevec;
import io.github.vectororm.core.codec.SparsevecCodec;
import java.sql.SQLException;

/**
 * pgvector-java's {@link PGsparsevec}, binary as it is, reading text with vector-core's {@link SparsevecCodec}:
 * the class {@link PgVectorTypes} registers for {@code sparsevec}.
 *
 * <p>Why not {@code PGsparsevec} itself: its text parser (0.1.6) fails with {@code NumberFormatException} on the
 * empty sparse vector {@code {}/n}, which the server returns (for example from {@code l2_normalize('{}/2')}) and
 * sends as text until a statement is prepared on the server. Everything else is {@code PGsparsevec}'s.
 *
 * @since 0.1.0
 */
public final class CodecSparsevec extends PGsparsevec {

    private static final long serialVersionUID = 1L;

    /** An empty value, for pgjdbc to fill in. */
    public CodecSparsevec() {
        super();
    }

    @Override
    public void setValue(String value) throws SQLException {
        if (value == null) {
            super.setValue(null);
        } else {
            setByteValue(SparsevecCodec.encode(SparsevecCodec.parse(value)), 0);
        }
    }
}
