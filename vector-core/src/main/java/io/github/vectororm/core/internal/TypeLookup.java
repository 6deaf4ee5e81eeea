package io.github.vectororm.core.internal;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.VectorType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.postgresql.core.TypeInfo;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Makes pgjdbc know pgvector's types on a connection opened before {@code CREATE EXTENSION vector}.
 *
 * <p>pgjdbc caches a type name's OID per connection, a miss included: a connection that looked up {@code vector}
 * before the extension existed (registering the binary classes at connect time does) then refuses every vector
 * parameter with "Unknown type vector." for its lifetime, which in a pool is the application's lifetime. On such a
 * miss this asks the server once more and, if the types exist now, corrects the connection's cache.
 */
public final class TypeLookup {

    private static final String PGVECTOR_TYPES = "select t.typname, t.oid, t.typarray"
            + " from unnest(array['vector', 'halfvec', 'sparsevec']) as n(name) join pg_type t on t.oid = to_regtype(n.name)";

    private TypeLookup() {
    }

    /**
     * The OID of a pgvector type on this connection, failing with what to do if the extension is missing.
     *
     * @param connection the pgjdbc connection
     * @param typeName {@code vector}, {@code halfvec} or {@code sparsevec}
     * @return the type's OID
     * @throws SQLException if the type does not exist in the database (SQLState 42704), saying what to do
     * @throws io.github.vectororm.core.UnsupportedPgVectorFeatureException if the installed pgvector is older than
     *     the type, naming both versions
     */
    public static int require(BaseConnection connection, String typeName) throws SQLException {
        int oid = oid(connection, typeName);
        if (oid == Oid.UNSPECIFIED) {
            // the extension is there but older than the type (halfvec and sparsevec came with 0.7.0): say so
            Optional<PgVectorVersion> installed = PgVectorExtension.installedVersion(connection);
            Optional<PgVectorFeature> feature = VectorType.fromSqlName(typeName).flatMap(VectorType::requiredFeature);
            if (installed.isPresent() && feature.isPresent()) {
                feature.get().requireSupportedBy(installed.get());
            }
            throw new PSQLException("type " + typeName + " does not exist in database " + connection.getCatalog()
                    + " (search_path " + searchPath(connection) + "): create the pgvector extension first (CREATE"
                    + " EXTENSION vector, e.g. PgVectorExtension.create(connection) or a migration), or add the schema it"
                    + " is in to the search_path", PSQLState.UNDEFINED_OBJECT);
        }
        return oid;
    }

    /**
     * The OID of a pgvector type on this connection, looked up again on the server if pgjdbc had cached a miss.
     *
     * @param connection the pgjdbc connection
     * @param typeName {@code vector}, {@code halfvec} or {@code sparsevec}
     * @return the type's OID, or {@link Oid#UNSPECIFIED} if it does not exist in the database
     * @throws SQLException if the lookup fails
     */
    public static int oid(BaseConnection connection, String typeName) throws SQLException {
        TypeInfo types = connection.getTypeInfo();
        int oid = types.getPGType(typeName);
        if (oid != Oid.UNSPECIFIED) {
            return oid;
        }
        try (PreparedStatement st = connection.prepareStatement(PGVECTOR_TYPES); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                int found = (int) rs.getLong(2);
                types.addCoreType(rs.getString(1), found, Types.OTHER, PGobject.class.getName(), (int) rs.getLong(3));
                if (rs.getString(1).equals(typeName)) {
                    oid = found;
                }
            }
        }
        return oid;
    }

    private static String searchPath(BaseConnection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("show search_path"); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }
}
