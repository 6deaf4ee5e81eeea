package io.github.vectororm.examples.support;

import io.github.vectororm.core.IndexDefinition;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code CREATE INDEX} and, from a second connection, prints its progress as PostgreSQL reports it
 * in {@code pg_stat_progress_create_index}: the phase and the blocks or tuples done of the total.
 * Building an HNSW index on millions of rows takes minutes to hours; this is how to watch one.
 */
public final class IndexBuild {

    private static final long POLL_MILLIS = 200;
    private static final String PROGRESS_SQL = "SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total"
            + " FROM pg_stat_progress_create_index WHERE pid = ?";

    private IndexBuild() {
    }

    /**
     * Creates the index and prints progress lines while it builds.
     *
     * @param database the example's database
     * @param index the index to create
     * @param out where progress goes
     * @throws SQLException if the index cannot be created
     */
    public static void create(ExampleDatabase database, IndexDefinition index, PrintStream out) throws SQLException {
        out.println("Building: " + index.createSql());
        long start = System.nanoTime();
        try (Connection builder = database.connect(); Connection monitor = database.connect()) {
            int builderPid = backendPid(builder);
            CompletableFuture<Void> build = CompletableFuture.runAsync(() -> execute(builder, index.createSql()));
            String lastLine = "";
            while (!isDone(build)) {
                String line = progressLine(monitor, builderPid);
                if (!line.isEmpty() && !line.equals(lastLine)) {
                    out.println("  " + line);
                    lastLine = line;
                }
            }
            build.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
        out.printf(Locale.ROOT, "  built %s in %.1f s%n", index.name(), (System.nanoTime() - start) / 1e9);
    }

    private static boolean isDone(CompletableFuture<Void> build) {
        try {
            build.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // join() rethrows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String progressLine(Connection monitor, int pid) throws SQLException {
        try (PreparedStatement statement = monitor.prepareStatement(PROGRESS_SQL)) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                StringBuilder line = new StringBuilder("phase: ").append(rs.getString("phase"));
                appendCount(line, "blocks", rs.getLong("blocks_done"), rs.getLong("blocks_total"));
                appendCount(line, "tuples", rs.getLong("tuples_done"), rs.getLong("tuples_total"));
                return line.toString();
            }
        }
    }

    private static void appendCount(StringBuilder line, String what, long done, long total) {
        if (total > 0) {
            line.append(String.format(Locale.ROOT, ", %s %d/%d (%.0f%%)", what, done, total, 100.0 * done / total));
        } else if (done > 0) {
            line.append(", ").append(what).append(' ').append(done);
        }
    }
}
