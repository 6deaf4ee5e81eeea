package io.github.vectororm.examples.support;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Where an example's tables live: a JDBC URL whose search path starts with the example's own schema.
 *
 * <p>{@link #forExample(String)} reads the database from {@code VECTORORM_JDBC_URL} (default: the local one
 * {@code scripts/setup-db.sh} prepares), creates pgvector if missing, and drops and re-creates the schema
 * {@code vectororm_examples_<name>}, so every run starts clean. The schema is left in place afterwards
 * for you to explore with {@code psql}.
 *
 * @param jdbcUrl the URL every connection of the example uses
 */
public record ExampleDatabase(String jdbcUrl) {

    /** The environment variable (or system property {@code vectororm.jdbc.url}) naming the database. */
    public static final String URL_ENV = "VECTORORM_JDBC_URL";

    /** The database {@code scripts/setup-db.sh} prepares. */
    public static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/vectororm?user=postgres";

    /** Validates the URL. */
    public ExampleDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * Prepares a fresh schema for one example.
     *
     * @param name the example's name, used in the schema name
     * @return the database, search path {@code vectororm_examples_<name>, public}
     * @throws SQLException if the database is unreachable or pgvector cannot be created
     */
    public static ExampleDatabase forExample(String name) throws SQLException {
        String baseUrl = System.getProperty("vectororm.jdbc.url", System.getenv().getOrDefault(URL_ENV, DEFAULT_URL));
        String schema = "vectororm_examples_" + name;
        try (Connection connection = DriverManager.getConnection(baseUrl); Statement statement = connection.createStatement()) {
            // pgvector's types must exist before connections register their binary classes
            PgVectorExtension.create(connection);
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new SQLException("cannot prepare schema " + schema + " in " + baseUrl + " (set " + URL_ENV
                    + ", or run: bash scripts/setup-db.sh): " + e.getMessage(), e);
        }
        return new ExampleDatabase(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public");
    }

    /**
     * Opens a connection on which vectors travel in pgvector's binary format.
     *
     * @return a new connection; the caller closes it
     * @throws SQLException if connecting fails
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(jdbcUrl));
    }
}
