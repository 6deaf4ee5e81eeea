package io.github.vectororm.core.internal;

import io.github.vectororm.core.PgVectorVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.postgresql.core.BaseConnection;

/**
 * The installed pgvector version, read once per physical connection: a version gate on every k-NN query would
 * otherwise cost a round trip each. Keyed by pgjdbc's own connection (a pool's proxies share it) and dropped with
 * it. A connection that sees {@code ALTER EXTENSION vector UPDATE} keeps the version it read until it is closed.
 */
public final class InstalledVersions {

    private static final Map<BaseConnection, PgVectorVersion> BY_CONNECTION = Collections.synchronizedMap(new WeakHashMap<>());

    private InstalledVersions() {
    }

    /**
     * The installed version, from the cache or read with {@code reader} (which must fail if the extension is absent,
     * so that a missing extension is never cached).
     *
     * @param connection an open connection
     * @param reader reads the installed version from the server
     * @return the installed version
     * @throws SQLException on a database error
     */
    public static PgVectorVersion of(Connection connection, Reader reader) throws SQLException {
        if (!connection.isWrapperFor(BaseConnection.class)) {
            return reader.read(connection);
        }
        BaseConnection physical = connection.unwrap(BaseConnection.class);
        PgVectorVersion cached = BY_CONNECTION.get(physical);
        if (cached == null) {
            cached = reader.read(connection);
            BY_CONNECTION.put(physical, cached);
        }
        return cached;
    }

    /** Reads the installed version from the server. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @param connection an open connection
         * @return the installed version
         * @throws SQLException on a database error or if the extension is absent
         */
        PgVectorVersion read(Connection connection) throws SQLException;
    }
}
