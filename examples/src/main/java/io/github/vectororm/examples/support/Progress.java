package io.github.vectororm.examples.support;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints "embedded 1200/3000 docs (40/s)" style progress lines for a long step, at most once every two
 * seconds plus a final line, so a newcomer sees that something is happening and how fast.
 */
public final class Progress {

    private static final long REPORT_EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final String verb;
    private final String unit;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;

    private Progress(PrintStream out, String verb, String unit, long total) {
        this.out = out;
        this.verb = verb;
        this.unit = unit;
        this.total = total;
    }

    /**
     * Starts tracking a step.
     *
     * @param out where the lines go
     * @param verb what is done, e.g. {@code embedded}
     * @param unit what is counted, e.g. {@code docs}
     * @param total how many there are
     * @return the tracker
     */
    public static Progress start(PrintStream out, String verb, String unit, long total) {
        return new Progress(out, verb, unit, total);
    }

    /**
     * Reports the count done so far; prints only if two seconds have passed since the last line.
     *
     * @param done how many are done
     */
    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastReportNanos >= REPORT_EVERY_NANOS && done < total) {
            lastReportNanos = now;
            out.println("  " + line(done, now));
        }
    }

    /**
     * Prints the final line.
     *
     * @param done how many were done
     */
    public void finish(long done) {
        long now = System.nanoTime();
        out.println("  " + line(done, now) + " in " + String.format(Locale.ROOT, "%.1f s", (now - startNanos) / 1e9));
    }

    private String line(long done, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        return String.format(Locale.ROOT, "%s %d/%d %s (%.0f/s)", verb, done, total, unit, done / seconds);
    }
}
