package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;

/**
 * One benchmarked path's numbers, converted for its suite's table.
 *
 * <p>Headline numbers are medians, not JMH's mean: on a shared machine one descheduled iteration can double a
 * mean, while the median of five iterations shrugs it off. The range shows how far the iterations spread.
 *
 * @param benchmark {@code SimpleClassName.method}
 * @param label what the path does (from {@link io.github.vectororm.benchmarks.harness.Compared})
 * @param kind raw baseline, raw or vector-orm
 * @param value the headline number: median µs/op over iterations ({@link Suite.Measure#TIME_PER_OPERATION}),
 *     median rows/s over invocations ({@link Suite.Measure#ROWS_PER_SECOND}) or median latency in µs over all
 *     samples ({@link Suite.Measure#LATENCY_PERCENTILES})
 * @param p99 p99 latency in µs for latency suites, else NaN
 * @param min the smallest iteration result in the headline unit (NaN for latency suites)
 * @param max the largest iteration result in the headline unit (NaN for latency suites)
 * @param millisPerInvocation median time of one invocation in ms (the whole load or read for rows/s suites)
 * @param samples measured iterations, invocations or (latency suites) samples
 * @param ratio times as fast as the suite's raw baseline (from the headline number); NaN without a baseline
 * @param p99Ratio the same ratio for p99 latency, NaN outside latency suites
 * @since 0.1.0
 */
public record PathResult(String benchmark, String label, PathKind kind, double value, double p99, double min,
        double max, double millisPerInvocation, long samples, double ratio, double p99Ratio) {

    /**
     * How fast the path is, higher is faster, in a unit shared by the suite: the quantity every ratio divides.
     *
     * @param measure the suite's measure
     * @return operations (or rows) per unit of time
     */
    double speed(Suite.Measure measure) {
        return measure == Suite.Measure.ROWS_PER_SECOND ? value : 1 / value;
    }

    /**
     * The speed of the path's best iteration, in the unit of {@link #speed(Suite.Measure)}.
     *
     * @param measure the suite's measure
     * @return operations (or rows) per unit of time in the fastest iteration; NaN for latency suites
     */
    double bestSpeed(Suite.Measure measure) {
        return measure == Suite.Measure.ROWS_PER_SECOND ? max : 1 / min;
    }

    /**
     * The speed of the path's worst iteration, in the unit of {@link #speed(Suite.Measure)}.
     *
     * @param measure the suite's measure
     * @return operations (or rows) per unit of time in the slowest iteration; NaN for latency suites
     */
    double worstSpeed(Suite.Measure measure) {
        return measure == Suite.Measure.ROWS_PER_SECOND ? min : 1 / max;
    }

    /** @return the same result with the ratios to the baseline filled in */
    PathResult withRatios(double ratio, double p99Ratio) {
        return new PathResult(benchmark, label, kind, value, p99, min, max, millisPerInvocation, samples, ratio,
                p99Ratio);
    }
}
