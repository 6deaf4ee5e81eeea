package io.github.vectororm.core;

import io.github.vectororm.core.internal.InstalledVersions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The pgvector extension in a database: creating it, reading its installed version, refusing features that
 * version lacks.
 *
 * @since 0.1.0
 */
public final class PgVectorExtension {

    /** The statement that installs pgvector where it is missing. */
    public static final String CREATE_SQL = "CREATE EXTENSION IF NOT EXISTS vector";

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private PgVectorExtension() {
    }

    /**
     * Creates the extension if it is missing (needs the CREATE privilege on the database, or a superuser
     * for pgvector versions that are not trusted) and returns the installed version.
     *
     * @param connection an open connection
     * @return the installed version
     * @throws SQLException if the extension cannot be created, e.g. because pgvector is not installed on the server
     */
    public static PgVectorVersion create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_SQL);
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                String message;
                try {
                    message = privilegeMessage(connection);
                } catch (SQLException | RuntimeException unreadable) {
                    e.addSuppressed(unreadable);
                    throw e; // the server's own refusal, rather than a failure to explain it
                }
                throw new SQLException(message, INSUFFICIENT_PRIVILEGE, e);
            }
            throw e;
        }
        return requireInstalled(connection);
    }

    /** What creating the extension needs, as the server's catalog says for the version it would install. */
    private static String privilegeMessage(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            // the failed statement aborted the transaction: the catalog cannot be asked which of the two it is
            return "creating the pgvector extension (" + CREATE_SQL + ") needs a superuser, or the CREATE privilege on"
                    + " the database where pgvector is a trusted extension, which this role lacks; have an administrator"
                    + " run it once: the application then needs no privilege for pgvector beyond those on its own tables";
        }
        try (PreparedStatement statement = connection.prepareStatement("select v.version, v.superuser, v.trusted,"
                + " current_user, current_database() from pg_available_extension_versions v join pg_available_extensions a"
                + " on a.name = v.name and a.default_version = v.version where v.name = 'vector'");
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("pgvector is not available on the server");
            }
            String needs = rs.getBoolean(2) && !rs.getBoolean(3)
                    ? "a superuser (pgvector " + rs.getString(1) + " is not a trusted extension)"
                    : "the CREATE privilege on database " + rs.getString(5);
            return "creating the pgvector extension (" + CREATE_SQL + ") needs " + needs + ", which role "
                    + rs.getString(4) + " lacks; have an administrator run it once in database " + rs.getString(5)
                    + ": the application then needs no privilege for pgvector beyond those on its own tables";
        }
    }

    /**
     * Reads the installed pgvector version of the connection's database.
     *
     * @param connection an open connection
     * @return the installed version, or empty if the extension is not created in this database
     * @throws SQLException on a database error
     */
    public static Optional<PgVectorVersion> installedVersion(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select extversion from pg_extension where extname = 'vector'");
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(PgVectorVersion.parse(rs.getString(1))) : Optional.empty();
        }
    }

    /**
     * The version {@code CREATE EXTENSION vector} would install: what the server has available.
     *
     * @param connection an open connection
     * @return the server's default pgvector version, or empty if pgvector is not installed on the server
     * @throws SQLException on a database error
     */
    public static Optional<PgVectorVersion> availableVersion(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select default_version from pg_available_extensions where name = 'vector'");
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(PgVectorVersion.parse(rs.getString(1))) : Optional.empty();
        }
    }

    /**
     * Reads the installed pgvector version, failing when the extension is not created.
     *
     * @param connection an open connection
     * @return the installed version
     * @throws IllegalStateException if the extension is not created, saying whether the server has it available
     * @throws SQLException on a database error
     */
    public static PgVectorVersion requireInstalled(Connection connection) throws SQLException {
        Optional<PgVectorVersion> installed = installedVersion(connection);
        if (installed.isPresent()) {
            return installed.get();
        }
        String available = availableVersion(connection)
                .map(version -> "pgvector " + version + " is available on the server: run " + CREATE_SQL)
                .orElse("pgvector is not installed on the server (see https://github.com/pgvector/pgvector#installation)");
        throw new IllegalStateException("the pgvector extension is not created in database "
                + connection.getCatalog() + "; " + available);
    }

    /**
     * Checks that the installed pgvector has every feature asked for. The version is read once per physical
     * connection and remembered for its lifetime, so that gating every query costs no round trip.
     *
     * @param connection an open connection
     * @param features the features about to be used
     * @return the installed version
     * @throws UnsupportedPgVectorFeatureException naming the feature and both versions
     * @throws IllegalStateException if the extension is not created in the database
     * @throws SQLException on a database error
     */
    public static PgVectorVersion require(Connection connection, Iterable<PgVectorFeature> features) throws SQLException {
        PgVectorVersion installed = InstalledVersions.of(connection, PgVectorExtension::requireInstalled);
        for (PgVectorFeature feature : features) {
            feature.requireSupportedBy(installed);
        }
        return installed;
    }
}
