package io.github.vectororm.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How much to measure: the full run that produces the committed {@code BENCHMARKS.md}, or the smoke run that
 * CI uses to prove every benchmark still produces a number.
 *
 * @since 0.1.0
 */
public enum Profile {

    /**
     * Tiny tables, no forks, no warm-up, one short iteration: seconds, not minutes. Its numbers show that every
     * path works, not how fast it is.
     */
    SMOKE(Map.of("loadRows", "1000", "readRows", "1000", "knnRows", "1000", "knnDimensions", "768",
            "loadRunWarmUpMillis", "200", "loadRunMillis", "500", "twoStageRows", "2000", "twoStageQueries", "20",
            "knnSmallRows", "2000"), 20, 1) {
        @Override
        ChainedOptionsBuilder apply(ChainedOptionsBuilder options) {
            return options.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200));
        }
    },

    /**
     * The sizes of the issue and the iteration settings each suite's base class declares, in three rounds: the
     * whole suite runs three times over, each round in a different order, and each path's rounds are pooled, so a
     * burst of other work on the shared machine, or a cold cache, lands on every path alike instead of on
     * whichever ran at that moment or first.
     */
    FULL(Map.of("loadRows", "100000", "readRows", "100000", "knnRows", "50000", "knnDimensions", "768",
            "loadRunWarmUpMillis", "2000", "loadRunMillis", "6000", "twoStageRows", "30000", "twoStageQueries", "200"), 500,
            3) {
        @Override
        ChainedOptionsBuilder apply(ChainedOptionsBuilder options) {
            return options; // forks, warm-up and measurement come from the suites' annotations
        }
    };

    private final Map<String, String> parameters;
    private final int filteredQueries;
    private final int rounds;

    Profile(Map<String, String> parameters, int filteredQueries, int rounds) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.filteredQueries = filteredQueries;
        this.rounds = rounds;
    }

    /** @return how many times the whole suite runs; each path's rounds are pooled in the report */
    public int rounds() {
        return rounds;
    }

    /** @return query vectors per setting in the filtered k-NN count */
    public int filteredQueries() {
        return filteredQueries;
    }

    /**
     * Adds this profile's parameters and iteration settings to JMH options.
     *
     * @param options the options so far
     * @return the options
     */
    ChainedOptionsBuilder configure(ChainedOptionsBuilder options, Map<String, String> overrides) {
        parameters(overrides).forEach(options::param);
        return apply(options);
    }

    /**
     * This profile's parameters with some replaced.
     *
     * @param overrides parameters given on the command line, by name
     * @return the parameters in effect
     */
    Map<String, String> parameters(Map<String, String> overrides) {
        Map<String, String> effective = new LinkedHashMap<>(parameters);
        effective.putAll(overrides);
        return effective;
    }

    abstract ChainedOptionsBuilder apply(ChainedOptionsBuilder options);
}
