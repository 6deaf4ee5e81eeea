package io.github.vectororm.benchmarks.harness;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Read-only benchmark tables that are built once per run and shared by every fork that reads them.
 *
 * <p>JMH runs each benchmark method in a fresh JVM, so a {@code Level.Trial} setup runs once per method;
 * loading 100k rows or building an HNSW index each time would dominate the run. A table is therefore
 * tagged with a fingerprint of what it holds (a table comment, written only after it is complete) and
 * reused when the fingerprint matches. The runner drops the schema, and with it these tables, at the end.
 *
 * @since 0.1.0
 */
public final class DataTables {

    private DataTables() {
    }

    /** Fills a freshly created table. */
    @FunctionalInterface
    public interface Builder {
        /**
         * @param connection an autocommit connection
         * @param table the schema-qualified table name to create and fill
         * @throws SQLException if building fails
         */
        void build(Connection connection, String table) throws SQLException;
    }

    /**
     * Returns the table, building it first unless it exists with the same fingerprint.
     *
     * @param database the database
     * @param name the unqualified table name
     * @param fingerprint what the table holds, e.g. rows, dimensions, seed and indexes
     * @param builder creates and fills the table
     * @return the schema-qualified table name
     * @throws SQLException if building fails
     */
    public static String ensure(BenchmarkDatabase database, String name, String fingerprint, Builder builder)
            throws SQLException {
        String table = database.table(name);
        database.createSchema();
        String existing = database.queryString("SELECT obj_description(to_regclass('" + table + "'), 'pg_class')");
        if (fingerprint.equals(existing)) {
            return table;
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            builder.build(connection, table);
            statement.execute("ANALYZE " + table);
            statement.execute("COMMENT ON TABLE " + table + " IS '" + fingerprint.replace("'", "''") + "'");
        }
        return table;
    }

    /**
     * A table name for a benchmark class's own scratch table: the prefix and the class's simple name (of the
     * benchmark class, not JMH's generated subclass).
     *
     * @param prefix e.g. {@code load}
     * @param benchmark the benchmark instance
     * @return a lower-case identifier
     */
    public static String scratchName(String prefix, Object benchmark) {
        Class<?> type = benchmark.getClass();
        while (type.getPackageName().endsWith("jmh_generated") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        String name = (prefix + "_" + type.getSimpleName()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }
}
