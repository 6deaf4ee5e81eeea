package io.github.vectororm.core;

import io.github.vectororm.core.IndexBuilder.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one blocking {@code CREATE INDEX} on the build connection while the calling thread polls its progress on the
 * watch connection; an interrupt of the calling thread cancels the statement on the server.
 */
final class WatchedStatement {

    private final Duration pollInterval;

    WatchedStatement(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * @param partitionsDone partitions done as the builder counts them, or -1 for the server's count
     * @param partitionsTotal partitions to build as the builder counts them, or -1 for the server's count
     */
    void run(Connection build, Connection watch, int pid, String sql, String name, Consumer<Progress> progress,
            long partitionsDone, long partitionsTotal) throws SQLException {
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try (Statement statement = build.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        IndexProgressReporter reporter = new IndexProgressReporter(watch, pid, progress, partitionsDone, partitionsTotal);
        try {
            while (!running.isDone()) {
                reporter.poll();
                try {
                    running.get(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still building: poll again
                }
            }
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(watch, pid);
            throw new Cancelled("index build of " + name + " interrupted and cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped
                    && wrapped.getCause() != null ? wrapped.getCause() : e.getCause();
            throw cause instanceof SQLException failure ? failure
                    : new SQLException("index build of " + name + " failed: " + cause.getMessage(), cause);
        }
    }

    private static void cancel(Connection watch, int pid) {
        try (PreparedStatement statement = watch.prepareStatement("SELECT pg_cancel_backend(?)")) {
            statement.setInt(1, pid);
            statement.execute();
        } catch (SQLException e) {
            // the build ends with its connection anyway
        }
    }

    /** An interrupted build, cancelled on the server. */
    static final class Cancelled extends SQLException {
        private static final long serialVersionUID = 1L;

        Cancelled(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
