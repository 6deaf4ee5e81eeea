package io.github.vectororm.test.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds the PostgreSQL that tests run against, once per JVM. Not API.
 */
public final class DatabaseLocator {

    /** System property holding the JDBC URL of a PostgreSQL with pgvector available. */
    public static final String URL_PROPERTY = "vectororm.jdbc.url";
    /** Environment variable holding the JDBC URL, read when the system property is not set. */
    public static final String URL_ENV = "VECTORORM_JDBC_URL";
    /** The image Testcontainers runs when no URL is given and Docker is reachable. */
    public static final String IMAGE = "pgvector/pgvector:0.8.0-pg17";

    private static String resolved;
    private static PostgreSQLContainer container;

    private DatabaseLocator() {
    }

    /** The JDBC URL (user and password included as parameters) of a database where pgvector can be created. */
    public static synchronized String baseUrl() {
        if (resolved == null) {
            resolved = locate();
        }
        return resolved;
    }

    private static String locate() {
        return locate(System.getProperty(URL_PROPERTY), System.getenv(URL_ENV), DatabaseLocator::dockerAvailable);
    }

    /** The resolution order, with its inputs passed in so that it can be tested. */
    static String locate(String propertyUrl, String envUrl, java.util.function.BooleanSupplier docker) {
        String url = propertyUrl;
        String source = "system property " + URL_PROPERTY;
        if (url == null || url.isBlank()) {
            url = envUrl;
            source = "environment variable " + URL_ENV;
        }
        if (url != null && !url.isBlank()) {
            checkReachable(url.strip(), source);
            return url.strip();
        }
        if (docker.getAsBoolean()) {
            return startContainer();
        }
        throw new IllegalStateException(howToProvide("No database configured and no Docker engine reachable."));
    }

    private static void checkReachable(String url, String source) {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("select 1");
        } catch (SQLException e) {
            throw new IllegalStateException(howToProvide(
                    "The database named by " + source + " (" + url + ") cannot be reached: " + e.getMessage()), e);
        }
        try (Connection connection = DriverManager.getConnection(url);
                var rs = connection.createStatement().executeQuery(
                        "select count(*) from pg_available_extensions where name = 'vector'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                throw new IllegalStateException(howToProvide("The database named by " + source + " (" + url
                        + ") has no pgvector extension available (pg_available_extensions has no 'vector')."));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query " + url + ": " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives for the JVM; Testcontainers' Ryuk removes it afterwards
    private static String startContainer() {
        container = new PostgreSQLContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"));
        container.start();
        return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                + "user=" + container.getUsername() + "&password=" + container.getPassword();
    }

    private static String howToProvide(String problem) {
        return problem + " vector-orm's tests need a real PostgreSQL with the pgvector extension. Either:\n"
                + "  1. run `bash scripts/setup-db.sh` (Debian, root: builds pgvector, starts PostgreSQL) and\n"
                + "     export " + URL_ENV + "=<the JDBC URL it prints> (or pass -D" + URL_PROPERTY + "=<url>), or\n"
                + "  2. point " + URL_ENV + " at any PostgreSQL 13+ where `create extension vector` works, or\n"
                + "  3. start a Docker engine, so Testcontainers runs " + IMAGE + ".";
    }
}
