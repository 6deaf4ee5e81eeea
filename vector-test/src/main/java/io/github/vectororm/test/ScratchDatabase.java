package io.github.vectororm.test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throw-away database on the test server, for tests that change database-wide state. Dropped on close.
 *
 * @since 0.1.0
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String name;
    private final String jdbcUrl;

    private ScratchDatabase(String adminUrl, String name, String jdbcUrl) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    static ScratchDatabase create(String baseUrl, String suffix) throws SQLException {
        // prefixed with the base database's name, so that test runs on other databases of the same server
        // (parallel checkouts with their own VECTORORM_JDBC_URL) never create or drop each other's scratch databases
        String name = ("vs_" + databaseOf(baseUrl) + "_" + suffix).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (name.length() > 63) { // PostgreSQL would truncate it silently; keep it unique instead
            name = name.substring(0, 54) + "_" + String.format("%08x", name.hashCode());
        }
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return new ScratchDatabase(baseUrl, name, replaceDatabase(baseUrl, name));
    }

    private static String databaseOf(String url) {
        String path = URI.create(url.substring("jdbc:".length())).getPath();
        return path == null ? "" : path.replaceFirst("^/", "");
    }

    /** The URL's path names the database: jdbc:postgresql://host:port/db?params. */
    private static String replaceDatabase(String url, String database) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + query;
    }

    /** @return the JDBC URL of the scratch database */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Drops the database, disconnecting whoever is still connected. */
    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }
}
