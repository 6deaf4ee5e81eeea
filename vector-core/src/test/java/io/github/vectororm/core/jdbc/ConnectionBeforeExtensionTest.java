package io.github.vectororm.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGvector;
import io.github.vectororm.core.internal.TypeLookup;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/**
 * A pool opened before a migration runs {@code CREATE EXTENSION vector} is normal. pgjdbc caches the miss of the
 * type lookup per connection; the adapters' bind path repairs the connection instead of failing for its lifetime.
 */
@PgVectorDatabase
class ConnectionBeforeExtensionTest {

    @Test
    void aConnectionOpenedBeforeTheExtensionBindsVectorsInBinaryAfterIt(TestDatabase db) throws SQLException {
        try (ScratchDatabase scratch = db.createScratchDatabase();
                Connection c = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(scratch.jdbcUrl()));
                Statement s = c.createStatement()) {
            s.execute("create extension vector");
            s.execute("create table items (id int, embedding vector(3))");
            // what pgjdbc alone does on this connection: the miss cached at connect time stays
            try (PreparedStatement insert = c.prepareStatement("insert into items values (0, ?)")) {
                assertThatThrownBy(() -> insert.setObject(1, new PGvector(new float[] {0, 0, 0})))
                        .isInstanceOf(PSQLException.class).hasMessageContaining("Unknown type vector");
            }

            PgVectorTypes.ensureRegistered(c);

            BaseConnection base = c.unwrap(BaseConnection.class);
            int oid = base.getTypeInfo().getPGType("vector");
            assertThat(oid).isEqualTo(serverOid(s, "vector"));
            assertThat(base.binaryTransferSend(oid)).as("vector parameters are sent in binary").isTrue();
            assertThat(base.getTypeInfo().getPGType("halfvec")).isEqualTo(serverOid(s, "halfvec"));
            try (PreparedStatement insert = c.prepareStatement("insert into items values (1, ?)")) {
                insert.setObject(1, new PGvector(new float[] {1, 2, 3}));
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("select embedding::text from items")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("[1,2,3]");
            }
        }
    }

    @Test
    void withoutTheExtensionBindingSaysToCreateIt(TestDatabase db) throws SQLException {
        try (ScratchDatabase scratch = db.createScratchDatabase();
                Connection c = DriverManager.getConnection(scratch.jdbcUrl())) {
            PgVectorTypes.ensureRegistered(c); // nothing to register yet, and no error: bit needs no extension
            assertThatThrownBy(() -> TypeLookup.require(c.unwrap(BaseConnection.class), "halfvec"))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("type halfvec does not exist in database ")
                    .hasMessageContaining("create the pgvector extension first (CREATE EXTENSION vector")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42704"));
        }
    }

    private static int serverOid(Statement s, String type) throws SQLException {
        try (ResultSet rs = s.executeQuery("select '" + type + "'::regtype::oid")) {
            rs.next();
            return (int) rs.getLong(1);
        }
    }
}
