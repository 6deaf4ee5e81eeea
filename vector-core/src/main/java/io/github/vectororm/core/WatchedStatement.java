package io.github.vectororm.core;

import io.github.vectororm.core.IndexBuilder.Progress;
import io.github.vectororm.core.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one blocking {@code CREATE INDEX} on the build connection, on the caller's {@link Executor} or else on a
 * daemon thread of its own (named {@code vectororm-index-build <index>}; never a shared pool such as
 * {@code ForkJoinPool.commonPool()}, which a build of minutes would starve), while the calling thread polls its progress
 * on the watch connection and calls the progress callback.
 *
 * <p>An interrupt of the calling thread cancels the statement on the server ({@code pg_cancel_backend}, repeated until
 * the statement has ended, so that the build connection is idle when it goes back to its pool) or, if the executor has
 * not started it yet, makes sure it never starts.
 */
final class WatchedStatement {

    /** How long an interrupted build is cancelled again and again before the connection is given up anyway. */
    private static final Duration CANCEL_PATIENCE = Duration.ofSeconds(30);

    private final Duration pollInterval;
    private final Executor executor;

    /** @param executor where the statement runs, or {@code null} for a daemon thread per statement */
    WatchedStatement(Duration pollInterval, Executor executor) {
        this.pollInterval = pollInterval;
        this.executor = executor;
    }

    /**
     * @param partitionsDone partitions done as the builder counts them, or -1 for the server's count
     * @param partitionsTotal partitions to build as the builder counts them, or -1 for the server's count
     * @throws Cancelled if the calling thread was interrupted (its interrupt flag is set again)
     */
    void run(Connection build, Connection watch, int pid, String sql, String name, Consumer<Progress> progress,
            long partitionsDone, long partitionsTotal) throws SQLException {
        Execution execution = new Execution(build, sql);
        if (executor != null) {
            executor.execute(execution);
        } else {
            Thread thread = new Thread(execution, "vectororm-index-build " + Identifiers.bareName(name));
            thread.setDaemon(true);
            thread.start();
        }
        IndexProgressReporter reporter = new IndexProgressReporter(watch, pid, progress, partitionsDone, partitionsTotal);
        try {
            while (!execution.done.isDone()) {
                reporter.poll();
                try {
                    execution.done.get(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still building: poll again
                }
            }
            execution.done.get();
        } catch (InterruptedException e) {
            if (execution.abandon()) {
                cancelUntilEnded(watch, pid, execution.done);
            }
            Thread.currentThread().interrupt();
            throw new Cancelled("index build of " + name + " interrupted and cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException failure) {
                throw failure;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SQLException("index build of " + name + " failed: " + cause, cause);
        }
    }

    private void cancelUntilEnded(Connection watch, int pid, CompletableFuture<Void> done) {
        long deadline = System.nanoTime() + CANCEL_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            // a cancel that reaches the server before the statement does cancels nothing: send it again
            cancel(watch, pid);
            try {
                done.get(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | CancellationException e) {
                return;
            } catch (TimeoutException e) {
                // not ended yet
            } catch (InterruptedException e) {
                // interrupted again: the flag is set again by the caller
            }
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

    /** The statement as a task; abandoned before it starts, it never runs. */
    private static final class Execution implements Runnable {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Connection build;
        private final String sql;
        private boolean started;
        private boolean abandoned;

        Execution(Connection build, String sql) {
            this.build = build;
            this.sql = sql;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (abandoned) {
                    done.cancel(false);
                    return;
                }
                started = true;
            }
            try (Statement statement = build.createStatement()) {
                statement.execute(sql);
                done.complete(null);
            } catch (SQLException | RuntimeException e) {
                done.completeExceptionally(e);
            } catch (Error e) {
                done.completeExceptionally(e);
                throw e;
            }
        }

        /** @return whether the statement had started (and so needs cancelling) */
        synchronized boolean abandon() {
            abandoned = true;
            return started;
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
