package io.github.vectororm.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A pgvector database handed to one test class: a JDBC URL whose search path starts with the class's
 * own schema (then {@code public}, where the extension lives), and a {@link DataSource} for it.
 *
 * @since 0.1.0
 */
public final class TestDatabase {

    private final String baseUrl;
    private final String jdbcUrl;
    private final String schema;
    private final PGSimpleDataSource dataSource;

    TestDatabase(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = Objects.requireNonNull(schema);
        this.jdbcUrl = withParameter(baseUrl, "currentSchema", schema + ",public");
        this.dataSource = new PGSimpleDataSource();
        this.dataSource.setURL(jdbcUrl);
    }

    /** The JDBC URL of this class's database, search path set to its schema. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * This URL with one more connection property, e.g. {@code prepareThreshold=-1} to force
     * server-prepared statements (and with them binary results).
     */
    public String jdbcUrl(String property, String value) {
        return withParameter(jdbcUrl, property, value);
    }

    /** The schema this class owns; it is dropped with everything in it after the class. */
    public String schema() {
        return schema;
    }

    /** A non-pooling DataSource on {@link #jdbcUrl()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Opens a new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs SQL statements, each on its own, in one autocommit connection. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Creates a separate, empty database for a test that must change database-wide state (the installed
     * extension, say) without disturbing other test classes; closing it drops it.
     *
     * @return the new database
     * @throws SQLException if the user may not create databases
     */
    public ScratchDatabase createScratchDatabase() throws SQLException {
        return ScratchDatabase.create(baseUrl, schema);
    }

    static String withParameter(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }
}
