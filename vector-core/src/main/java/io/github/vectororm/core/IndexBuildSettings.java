package io.github.vectororm.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The session settings of one index build, {@code maintenance_work_mem} and {@code max_parallel_maintenance_workers}:
 * validated when given, set on the build connection before its DDL and reset afterwards, so that a pooled
 * connection goes back as it came. Immutable; {@code null} means the server's setting stays.
 */
final class IndexBuildSettings {

    private static final Pattern MEMORY = Pattern.compile("\\d+\\s*(kB|MB|GB|TB)");

    static final IndexBuildSettings SERVER_DEFAULTS = new IndexBuildSettings(null, null);

    private final String maintenanceWorkMem;
    private final Integer parallelWorkers;

    private IndexBuildSettings(String maintenanceWorkMem, Integer parallelWorkers) {
        this.maintenanceWorkMem = maintenanceWorkMem;
        this.parallelWorkers = parallelWorkers;
    }

    IndexBuildSettings maintenanceWorkMem(String memory) {
        if (memory == null || !MEMORY.matcher(memory.strip()).matches()) {
            throw new VectorValidationException("maintenance_work_mem must look like 512MB or 2GB, not " + memory);
        }
        return new IndexBuildSettings(memory.strip().replace(" ", ""), parallelWorkers);
    }

    IndexBuildSettings parallelWorkers(int workers) {
        if (workers < 0 || workers > 64) {
            throw new VectorValidationException("max_parallel_maintenance_workers must be 0 to 64, not " + workers);
        }
        return new IndexBuildSettings(maintenanceWorkMem, workers);
    }

    /**
     * Runs the work with the settings on the build connection and resets them afterwards. If the work fails, that
     * failure is thrown and a failure of the reset joins it as suppressed, never replaces it.
     */
    <T> T during(Connection build, SqlWork<T> work) throws SQLException {
        T result;
        try {
            apply(build);
            result = work.run();
        } catch (Throwable failure) {
            try {
                reset(build);
            } catch (SQLException | RuntimeException resetFailed) {
                failure.addSuppressed(resetFailed);
            }
            throw failure;
        }
        reset(build);
        return result;
    }

    /** Work on the build connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Sets both for the session ({@code set_config(..., false)}: a CONCURRENTLY build runs outside a transaction). */
    private void apply(Connection build) throws SQLException {
        try (PreparedStatement statement = build.prepareStatement("SELECT set_config(?, ?, false)")) {
            if (maintenanceWorkMem != null) {
                statement.setString(1, "maintenance_work_mem");
                statement.setString(2, maintenanceWorkMem);
                statement.execute();
            }
            if (parallelWorkers != null) {
                statement.setString(1, "max_parallel_maintenance_workers");
                statement.setString(2, parallelWorkers.toString());
                statement.execute();
            }
        }
    }

    /** Resets both, whether set or not (a failed {@code apply} may have set the first); a closed connection has none. */
    private static void reset(Connection build) throws SQLException {
        if (build.isClosed()) {
            return;
        }
        try (Statement statement = build.createStatement()) {
            statement.execute("RESET maintenance_work_mem");
            statement.execute("RESET max_parallel_maintenance_workers");
        } catch (SQLException e) {
            throw new SQLException("resetting maintenance_work_mem and max_parallel_maintenance_workers on the build"
                    + " connection failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
