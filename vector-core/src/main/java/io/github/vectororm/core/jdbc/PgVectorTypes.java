package io.github.vectororm.core.jdbc;

import com.pgvector.PGbit;
import io.github.vectororm.core.internal.TypeLookup;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.postgresql.util.PGobject;

/**
 * Switches pgjdbc to pgvector's binary format for {@code vector}, {@code halfvec} and {@code sparsevec}.
 *
 * <p>pgjdbc sends a parameter in binary, and asks for binary results, for types registered with a class
 * that implements its {@code PGBinaryObject}: pgvector-java's {@link PGvector}, {@link CodecSparsevec} (its {@link PGsparsevec}) and
 * {@link BinaryHalfvec}. Registration is per connection and needs the extension to exist in the database
 * (the type OIDs are looked up when registering; a connection opened before {@code CREATE EXTENSION vector} is
 * repaired by {@link #ensureRegistered(Connection)}, which the adapters call before binding). Two ways:
 * <ul>
 *   <li>{@link #register(Connection)} on an open connection;</li>
 *   <li>{@link #connectionProperties()} as JDBC URL parameters or DataSource properties, which pgjdbc
 *       applies to every connection it opens, including each one a pool creates.</li>
 * </ul>
 * Results arrive in binary only from server-prepared statements: pgjdbc prepares on the server after
 * {@code prepareThreshold} executions (default 5), or always with {@code prepareThreshold=-1}.
 *
 * <p>{@code bit} is registered only on request ({@link #registerBit(Connection)}): it is a built-in type, and
 * registering it changes what {@code getObject} returns for every bit column.
 *
 * @since 0.1.0
 */
public final class PgVectorTypes {

    private static final Map<String, Class<? extends PGobject>> TYPES = types();

    private PgVectorTypes() {
    }

    private static Map<String, Class<? extends PGobject>> types() {
        Map<String, Class<? extends PGobject>> types = new LinkedHashMap<>();
        types.put("vector", PGvector.class);
        types.put("halfvec", BinaryHalfvec.class);
        types.put("sparsevec", CodecSparsevec.class);
        return types;
    }

    /**
     * Registers the binary classes for pgvector's types on one connection. Call it again after creating the
     * extension on a connection opened before.
     *
     * @param connection a pgjdbc connection, or a pool's wrapper around one
     * @throws SQLException if the connection is not pgjdbc's
     */
    public static void register(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        for (Map.Entry<String, Class<? extends PGobject>> type : TYPES.entrySet()) {
            pg.addDataType(type.getKey(), type.getValue());
        }
    }

    /**
     * Registers the binary classes unless this connection already sends {@code vector} in binary: cheap
     * enough to call before every bind, which is how the ORM adapters make pooled connections binary
     * without asking users to configure anything.
     *
     * @param connection a pgjdbc connection, or a pool's wrapper around one
     * @throws SQLException if the connection is not pgjdbc's
     */
    public static void ensureRegistered(Connection connection) throws SQLException {
        BaseConnection base = connection.unwrap(BaseConnection.class);
        int oid = TypeLookup.oid(base, "vector"); // also repairs a connection opened before CREATE EXTENSION
        if (oid != Oid.UNSPECIFIED && !base.binaryTransferSend(oid)) {
            register(connection);
        }
    }

    /**
     * Registers pgvector-java's binary {@link PGbit} for {@code bit} on one connection; afterwards
     * {@code getObject} returns {@code PGbit} for every bit and varbit column.
     *
     * @param connection a pgjdbc connection
     * @throws SQLException if the connection is not pgjdbc's
     */
    public static void registerBit(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        pg.addDataType("bit", PGbit.class);
        pg.addDataType("varbit", PGbit.class); // same binary format; bit(n) expressions often come back as varbit
    }

    /**
     * The pgjdbc connection properties ({@code datatype.vector=...} and so on) that register the binary
     * classes on every connection.
     *
     * @return property names and values
     */
    public static Map<String, String> connectionProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        TYPES.forEach((name, type) -> properties.put("datatype." + name, type.getName()));
        return properties;
    }

    /**
     * A JDBC URL with {@link #connectionProperties()} appended.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL
     * @return the URL with the properties as parameters
     */
    public static String withBinaryTransfer(String jdbcUrl) {
        String parameters = connectionProperties().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + parameters;
    }
}
