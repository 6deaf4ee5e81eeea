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

    /** pgvector's CHANGELOG: l2_normalize, binary_quantize, subvector and the <+>, <~>, <%> operators came with 0.7.0. */
    @Test
    void aVersionOlderThanTheFunctionIsRefusedNamingTheFunctionAndBothVersions() {
        PgVectorVersion v050 = PgVectorVersion.parse("0.5.0");
        for (PgVectorFunction function : new PgVectorFunction[] {PgVectorFunction.L2_NORMALIZE,
                PgVectorFunction.BINARY_QUANTIZE, PgVectorFunction.SUBVECTOR}) {
            assertThat(function.since()).as(function.sqlName()).contains(PgVectorVersion.parse("0.7.0"));
            assertThatThrownBy(() -> function.requireSupportedBy(v050))
                    .isInstanceOf(UnsupportedPgVectorFeatureException.class)
                    .hasMessageStartingWith(function.sqlName() + ": pgvector 0.7.0 or newer is required, but the database has"
                            + " pgvector 0.5.0");
            function.requireSupportedBy(PgVectorVersion.parse("0.7.0"));
        }
        assertThat(PgVectorFunction.VECTOR_DIMS.since()).isEmpty();
        assertThat(PgVectorFunction.AVG.since()).contains(PgVectorVersion.parse("0.4.0"));
        assertThatThrownBy(() -> PgVectorFunction.SUM.requireSupportedBy(PgVectorVersion.parse("0.4.4")))
                .hasMessageStartingWith("sum: pgvector 0.5.0 or newer is required, but the database has pgvector 0.4.4");
        PgVectorFunction.SUM.requireSupportedBy(v050);
        PgVectorFunction.VECTOR_DIMS.requireSupportedBy(v050);
        assertThatThrownBy(() -> Metric.HAMMING.requireSupportedBy(v050))
                .hasMessageStartingWith("HAMMING distance (<~>): pgvector 0.7.0 or newer is required, but the database has"
                        + " pgvector 0.5.0");
        assertThatThrownBy(() -> Metric.L1.requireSupportedBy(v050)).hasMessageStartingWith("L1 distance (<+>): pgvector 0.7.0");
        assertThat(Metric.JACCARD.since()).contains(PgVectorVersion.parse("0.7.0"));
        for (Metric metric : new Metric[] {Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE}) {
            assertThat(metric.since()).as(metric.name()).isEmpty();
            metric.requireSupportedBy(v050);
        }
    }
}
