package io.github.vectororm.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.PGResultSetMetaData;

/** Binary transfer is switched on per connection, or for every connection by URL properties. */
@PgVectorDatabase
class PgVectorTypesTest {

    @Test
    void urlPropertiesSwitchEveryConnectionToBinary(TestDatabase db) throws SQLException {
        String url = PgVectorTypes.withBinaryTransfer(db.jdbcUrl("prepareThreshold", "-1"));
        assertThat(url).contains("datatype.vector=com.pgvector.PGvector")
                .contains("datatype.halfvec=io.github.vectororm.core.jdbc.BinaryHalfvec")
                .contains("datatype.sparsevec=" + CodecSparsevec.class.getName());
        for (int i = 0; i < 2; i++) {
            try (Connection c = DriverManager.getConnection(url)) {
                assertBinaryResults(c);
            }
        }
    }

    @Test
    void withoutRegistrationResultsAreText(TestDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("prepareThreshold", "-1"));
                PreparedStatement ps = c.prepareStatement("select '[1,2]'::vector")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1)).isZero();
                // still readable: the text form goes through the same converter
                assertThat(VectorValues.fromResult(io.github.vectororm.core.VectorType.VECTOR, rs.getObject(1), float[].class))
                        .containsExactly(1f, 2f);
            }
        }
    }

    private static void assertBinaryResults(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select '[1,2]'::vector, '[3,4]'::halfvec, '{1:5}/3'::sparsevec");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            PGResultSetMetaData meta = rs.getMetaData().unwrap(PGResultSetMetaData.class);
            for (int column = 1; column <= 3; column++) {
                assertThat(meta.getFormat(column)).as("column %d format", column).isEqualTo(1);
            }
            assertThat(((PGvector) rs.getObject(1)).toArray()).containsExactly(1f, 2f);
            assertThat(((BinaryHalfvec) rs.getObject(2)).toArray()).containsExactly(3f, 4f);
            assertThat(((PGsparsevec) rs.getObject(3)).getValues()).containsExactly(5f);
        }
    }
}
