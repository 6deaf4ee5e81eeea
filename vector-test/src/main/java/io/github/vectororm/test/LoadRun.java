package io.github.vectororm.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads with deadlines: {@link #awaitAll} fails a test that stalls (a deadlock) instead of hanging it, and
 * {@link #run} is the bounded load run, a fixed number of threads for {@code -Dvectororm.load.seconds} (default 3),
 * that reports queries per second and latency percentiles. It measures; it asserts nothing about time.
 *
 * @since 0.1.0
 */
public final class LoadRun {

    /** Threads of the bounded load run. */
    public static final int THREADS = 4;
    /** Untimed warm-up before the measured run (the JIT compiles the adapters' paths meanwhile). */
    public static final int WARM_UP_SECONDS = 1;

    /** One unit of work; returns the rows it read. */
    @FunctionalInterface
    public interface Query {
        /**
         * @param thread the thread's number, from 0
         * @param iteration how many queries this thread ran before
         * @return the rows the query returned
         * @throws Exception a failure, which fails the run
         */
        int run(int thread, long iteration) throws Exception;
    }

    /**
     * What a load run measured.
     *
     * @param adapter the adapter's label
     * @param threads threads used
     * @param seconds measured duration
     * @param queries queries completed
     * @param rows rows returned in all
     * @param queriesPerSecond throughput
     * @param p50Millis median latency
     * @param p99Millis 99th percentile latency
     */
    public record Result(String adapter, int threads, double seconds, long queries, long rows, double queriesPerSecond,
            double p50Millis, double p99Millis) {
        /** Prints the result as a [measure] line. */
        public void print() {
            System.out.printf("[measure] load %s: threads=%d, duration=%.1f s, queries=%d, rows returned=%d, errors=0,"
                    + " q/s=%.0f, p50=%.2f ms, p99=%.2f ms%n", adapter, threads, seconds, queries, rows, queriesPerSecond,
                    p50Millis, p99Millis);
        }
    }

    private LoadRun() {
    }

    /** @return the run's duration in seconds, from {@code -Dvectororm.load.seconds} (default 3) */
    public static long seconds() {
        return Long.getLong("vectororm.load.seconds", 3);
    }

    /** One writer thread's work: all its rows, in units of its choosing. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param writer the writer's number, from 0
         * @throws Exception a failure, which fails the run
         */
        void write(int writer) throws Exception;
    }

    /**
     * What {@link #writeWhileReading} saw.
     *
     * @param queries reader queries completed
     * @param rowsRead rows they returned
     * @param shortResults queries that returned fewer than k rows
     * @param writeSeconds how long the writers took, all together
     */
    public record Concurrency(long queries, long rowsRead, long shortResults, double writeSeconds) {
    }

    /**
     * Runs writer threads to completion while reader threads query, each reader at least 5 times and until the
     * writers are done. A writer or reader that does not finish in time fails the run as a stall (deadlock).
     *
     * @param writers how many writer threads
     * @param writer a writer's work
     * @param readers how many reader threads
     * @param reader one query: the reader's number and its iteration give the rows returned
     * @param k the rows a query should return; fewer counts as a short result
     * @return the counts
     * @throws Exception the first failure of any thread
     */
    public static Concurrency writeWhileReading(int writers, Writer writer, int readers, Query reader, int k) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers + readers);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong queries = new AtomicLong();
        AtomicLong rowsRead = new AtomicLong();
        AtomicLong shortResults = new AtomicLong();
        try {
            List<Future<?>> writerTasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int number = w;
                writerTasks.add(threads.submit(() -> {
                    writer.write(number);
                    return null;
                }));
            }
            List<Future<?>> readerTasks = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                int number = r;
                readerTasks.add(threads.submit(() -> {
                    for (long i = 0; writing.get() || i < 5; i++) {
                        int hits = reader.run(number, i);
                        queries.incrementAndGet();
                        rowsRead.addAndGet(hits);
                        if (hits < k) {
                            shortResults.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            awaitAll(writerTasks, 120);
            double seconds = (System.nanoTime() - start) / 1e9;
            writing.set(false);
            awaitAll(readerTasks, 60);
            return new Concurrency(queries.get(), rowsRead.get(), shortResults.get(), seconds);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Waits for every future, all within one deadline; a task still running then is reported as a stall. */
    public static void awaitAll(List<? extends Future<?>> futures, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (Future<?> future : futures) {
            try {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                futures.forEach(f -> f.cancel(true));
                throw new AssertionError("a thread did not finish within " + timeoutSeconds + " s: deadlock or stall", e);
            }
        }
    }

    /** Runs {@code query} on {@link #THREADS} threads for {@link #seconds()} (after an untimed warm-up of {@link #WARM_UP_SECONDS}). */
    public static Result run(String adapter, Query query) throws Exception {
        return run(adapter, THREADS, Duration.ofSeconds(WARM_UP_SECONDS), Duration.ofSeconds(seconds()), query);
    }

    /**
     * Runs {@code query} on a fixed number of threads for a fixed time, after an untimed warm-up in which every
     * thread runs at least 20 queries; the benchmark harness uses it with its own durations.
     *
     * @param adapter the label printed and returned
     * @param threads how many threads query at once
     * @param warmUp how long the untimed warm-up lasts at least
     * @param duration how long the measured run lasts
     * @param query one query; its thread number and iteration pick the probe
     * @return what the run measured
     * @throws Exception the first failure of any thread, or an {@link AssertionError} on a stall
     */
    public static Result run(String adapter, int threads, Duration warmUp, Duration duration, Query query)
            throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> warmUpTasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                warmUpTasks.add(pool.submit(() -> {
                    long warmEnd = System.nanoTime() + warmUp.toNanos();
                    for (int i = 0; i < 20 || System.nanoTime() < warmEnd; i++) {
                        query.run(thread, -1 - i);
                    }
                    return null;
                }));
            }
            awaitAll(warmUpTasks, 60 + warmUp.toSeconds());
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<long[]>> workers = new ArrayList<>();
            long[] rows = new long[threads];
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        rows[thread] += query.run(thread, n);
                        long took = System.nanoTime() - before;
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            awaitAll(workers, seconds + 60);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = new long[0];
            for (Future<long[]> worker : workers) {
                long[] mine = worker.get();
                long[] merged = Arrays.copyOf(all, all.length + mine.length);
                System.arraycopy(mine, 0, merged, all.length, mine.length);
                all = merged;
            }
            Arrays.sort(all);
            if (all.length == 0) {
                throw new AssertionError(adapter + ": no query completed in " + duration.toMillis() + " ms");
            }
            Result result = new Result(adapter, threads, elapsed, all.length, Arrays.stream(rows).sum(), all.length / elapsed,
                    percentile(all, 50) / 1e6, percentile(all, 99) / 1e6);
            result.print();
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
