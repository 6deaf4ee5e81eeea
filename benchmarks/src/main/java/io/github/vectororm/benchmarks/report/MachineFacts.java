package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.util.DriverInfo;

/**
 * What the numbers were measured on: hardware, JDK, and the PostgreSQL and pgvector versions and settings
 * as the database reports them.
 *
 * @param cores processors available to the JVM
 * @param facts name to value, in presentation order
 * @since 0.1.0
 */
public record MachineFacts(int cores, Map<String, String> facts) {

    private static final String[] DATABASE_SETTINGS = {"shared_buffers", "synchronous_commit", "fsync", "wal_level",
        "maintenance_work_mem", "max_parallel_maintenance_workers", "jit"};

    /**
     * Collects the facts.
     *
     * @param database the benchmark database
     * @return the facts
     * @throws SQLException if the database cannot be queried
     */
    public static MachineFacts collect(BenchmarkDatabase database) throws SQLException {
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("CPU", cpuModel() + ", " + cores + " cores available to the JVM");
        facts.put("Memory", memory());
        facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        facts.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + " (benchmarks compiled for Java 21)");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            facts.put("PostgreSQL", single(statement, "SELECT version()"));
            facts.put("pgvector", single(statement, "SELECT extversion FROM pg_extension WHERE extname = 'vector'"));
            StringBuilder settings = new StringBuilder();
            for (String setting : DATABASE_SETTINGS) {
                settings.append(settings.isEmpty() ? "" : ", ").append('`').append(setting).append(" = ")
                        .append(single(statement, "SELECT current_setting('" + setting + "')")).append('`');
            }
            facts.put("PostgreSQL settings", settings.toString());
        }
        String host = database.jdbcUrl().replaceAll("^jdbc:postgresql://([^/?]*).*$", "$1");
        facts.put("Database host", host + (host.startsWith("localhost") || host.startsWith("127.0.0.1")
                ? " (same machine: the benchmark JVM and PostgreSQL share the cores)" : ""));
        facts.put("pgjdbc", DriverInfo.DRIVER_VERSION);
        return new MachineFacts(cores, facts);
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "(none)";
        }
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    private static String memory() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal")
                .map(kb -> String.format("%.1f GiB", Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static java.util.Optional<String> procLine(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
