package io.github.vectororm.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Samples the machine's one-minute load average during a run, so the report can say how busy the (shared)
 * machine was while it measured. Reads {@code /proc/loadavg}; elsewhere it reports nothing.
 *
 * @since 0.1.0
 */
public final class LoadSampler implements AutoCloseable {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "load-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();
    private volatile double max = Double.NaN;

    /** Starts sampling every five seconds. */
    public LoadSampler() {
        scheduler.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    private void sample() {
        double load = oneMinuteLoad();
        if (!Double.isNaN(load)) {
            sum.add(load);
            count.increment();
            max = Double.isNaN(max) ? load : Math.max(max, load);
        }
    }

    /** @return the current one-minute load average, or NaN where it cannot be read */
    public static double oneMinuteLoad() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return the mean of the samples, or NaN without any */
    public double mean() {
        return count.sum() == 0 ? Double.NaN : sum.sum() / count.sum();
    }

    /** @return the largest sample, or NaN without any */
    public double max() {
        return max;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
