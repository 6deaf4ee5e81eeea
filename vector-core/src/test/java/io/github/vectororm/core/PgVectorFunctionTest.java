package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The function rows are the server's catalog: each takes exactly the types pg_proc has a function for. */
@PgVectorDatabase
class PgVectorFunctionTest {

    @Test
    void argumentTypesAreTheCatalogs(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select to_regprocedure(?) is not null")) {
            for (PgVectorFunction function : PgVectorFunction.values()) {
                for (VectorType type : VectorType.values()) {
                    String signature = function.sqlName() + "(" + type.sqlName()
                            + (function == PgVectorFunction.SUBVECTOR ? ", integer, integer" : "") + ")";
                    s.setString(1, signature);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).as(signature).isEqualTo(function.argumentTypes().contains(type));
                    }
                }
            }
        }
    }

    @Test
    void aTypeWithoutTheFunctionIsRefusedNamingIt() {
        assertThatThrownBy(() -> PgVectorFunction.VECTOR_DIMS.requireTakes(VectorType.SPARSEVEC, "embedding"))
                .isInstanceOf(VectorValidationException.class)
                .hasMessage("vector_dims applies to vector and halfvec, not embedding (sparsevec)");
        assertThat(PgVectorFunction.BINARY_QUANTIZE.requiredFeature()).contains(PgVectorFeature.QUANTIZATION_FUNCTIONS);
        assertThat(PgVectorFunction.VECTOR_DIMS.requiredFeature()).isEmpty();
    }
}
