package io.github.vectororm.benchmarks.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The PostgreSQL the benchmarks run against and the schema their tables live in.
 *
 * <p>Same convention as the tests: the JDBC URL comes from the system property {@value #URL_PROPERTY} or the
 * environment variable {@value #URL_ENV} ({@code source scripts/env.sh} sets it for the local database).
 * The schema is {@value #SCHEMA_PROPERTY}, default {@value #DEFAULT_SCHEMA}. The runner hands both to JMH's
 * forked JVMs as system properties, so every benchmark of a run uses the same database.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL, user and password as parameters
 * @param schema the schema holding the benchmark tables; created on demand, dropped by the runner at the end
 * @since 0.1.0
 */
public record BenchmarkDatabase(String jdbcUrl, String schema) {

    /** System property holding the JDBC URL (the tests' convention). */
    public static final String URL_PROPERTY = "vectororm.jdbc.url";
    /** Environment variable holding the JDBC URL, read when the property is not set. */
    public static final String URL_ENV = "VECTORORM_JDBC_URL";
    /** System property naming the schema. */
    public static final String SCHEMA_PROPERTY = "vectororm.bench.schema";
    /** The schema used when none is named. */
    public static final String DEFAULT_SCHEMA = "bench";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * @param jdbcUrl a {@code jdbc:postgresql:} URL
     * @param schema a lower-case identifier
     */
    public BenchmarkDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("benchmark schema must be a lower-case identifier, not '" + schema + "'");
        }
    }

    /**
     * The database named by the system properties or the environment.
     *
     * @return the database
     * @throws IllegalStateException if no URL is configured, with a message that says how to provide one
     */
    public static BenchmarkDatabase fromEnvironment() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(URL_ENV);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("The benchmarks need a PostgreSQL with pgvector: set " + URL_ENV
                    + " (or -D" + URL_PROPERTY + ") to its JDBC URL. For the local database run "
                    + "`bash scripts/setup-db.sh && source scripts/env.sh`.");
        }
        return new BenchmarkDatabase(url.strip(), System.getProperty(SCHEMA_PROPERTY, DEFAULT_SCHEMA));
    }

    /**
     * Opens a plain pgjdbc connection (autocommit on, default settings).
     *
     * @return the connection; the caller closes it
     * @throws SQLException if the database cannot be reached
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /**
     * A table name qualified with the benchmark schema.
     *
     * @param name a lower-case table name
     * @return {@code schema.name}
     */
    public String table(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("table name must be a lower-case identifier, not '" + name + "'");
        }
        return schema + "." + name;
    }

    /**
     * Creates the extension (if missing) and the schema (if missing).
     *
     * @throws SQLException if the database refuses
     */
    public void createSchema() throws SQLException {
        execute("CREATE EXTENSION IF NOT EXISTS vector", "CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    /**
     * Drops the schema and every benchmark table in it.
     *
     * @throws SQLException if the database refuses
     */
    public void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * Runs statements in one autocommit connection.
     *
     * @param statements SQL statements, each run on its own
     * @throws SQLException if one fails
     */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Flushes dirty buffers ({@code CHECKPOINT}) so that a write benchmark does not pay for the previous
     * one's; skipped without error where the user lacks the privilege (the numbers are then noisier).
     *
     * @throws SQLException if it fails for another reason
     */
    public void checkpoint() throws SQLException {
        try {
            execute("CHECKPOINT");
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) { // insufficient_privilege
                throw e;
            }
        }
    }

    /**
     * Runs a query that returns one value.
     *
     * @param sql the query
     * @return the first column of the first row as text, or {@code null}
     * @throws SQLException if it fails
     */
    public String queryString(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
