package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.UnsupportedPgVectorFeatureException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.hibernate.HibernateException;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The version gate of the HQL functions newer than the oldest supported pgvector, applied when a query is translated
 * to SQL (once per query plan), before it reaches the server. The translator has no session, so the installed version
 * is read once per SessionFactory, at the first translation that needs it, on a connection from the SessionFactory's
 * own connection access (through vector-core's per-connection cache); never at bootstrap, so
 * {@code hibernate.boot.allow_jdbc_metadata_access=false} is honoured. A refusal reads the version again, so an
 * {@code ALTER EXTENSION vector UPDATE} is seen without a restart.
 */
final class FunctionVersionGate {

    private volatile PgVectorVersion known;

    /**
     * Applies a requirement to the installed version.
     *
     * @param factory the SessionFactory translating the query
     * @param requirement throws {@link UnsupportedPgVectorFeatureException} for a version that lacks what is rendered
     */
    void check(SessionFactoryImplementor factory, Consumer<PgVectorVersion> requirement) {
        PgVectorVersion version = known;
        if (version != null) {
            try {
                requirement.accept(version);
                return;
            } catch (UnsupportedPgVectorFeatureException e) {
                // the extension may have been updated since: read it again below
            }
        }
        version = read(factory, version != null);
        known = version;
        requirement.accept(version);
    }

    private static PgVectorVersion read(SessionFactoryImplementor factory, boolean fresh) {
        JdbcConnectionAccess access = factory.getJdbcServices().getBootstrapJdbcConnectionAccess();
        try {
            Connection connection = access.obtainConnection();
            try {
                return fresh ? PgVectorExtension.requireInstalled(connection) : PgVectorExtension.require(connection, List.of());
            } finally {
                access.releaseConnection(connection);
            }
        } catch (SQLException e) {
            throw new HibernateException("vector-orm could not read the installed pgvector version: " + e.getMessage(), e);
        }
    }
}
