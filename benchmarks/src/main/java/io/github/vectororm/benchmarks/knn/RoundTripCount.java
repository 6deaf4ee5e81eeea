package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.BenchmarkCatalog;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.test.RoundTrips;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client/server round trips of one invocation of a k-NN path, counted on the socket by vector-test's
 * {@link RoundTrips} (not inferred from the code): each benchmark class is instantiated outside JMH on a counted
 * connection URL, opened as its trial would be, invoked once to warm its caches (prepared statements, type lookups,
 * pool connections), then counted over one more invocation.
 *
 * @param suite the path's suite
 * @param benchmark {@code SimpleClassName.method}
 * @param label what the path is
 * @param kind raw or library
 * @param roundTrips round trips of one invocation
 * @since 0.1.0
 */
public record RoundTripCount(Suite suite, String benchmark, String label, PathKind kind, long roundTrips) {

    /** The suites whose paths are counted. */
    public static final Set<Suite> COUNTED = Set.of(Suite.KNN, Suite.KNN_SMALL, Suite.KNN_PROBES);

    private static final String BLACKHOLE_CHALLENGE =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    /**
     * Counts every given benchmark of the {@link #COUNTED} suites.
     *
     * @param database the database (its URL gains the counting socket factory)
     * @param parameters the run's JMH parameters, which replace the benchmarks' {@code @Param} defaults
     * @param benchmarks benchmark names, as JMH lists them
     * @return one count per path, in the order given
     * @throws Exception if a path fails
     */
    public static List<RoundTripCount> count(BenchmarkDatabase database, Map<String, String> parameters,
            List<String> benchmarks) throws Exception {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (String benchmark : benchmarks) {
            if (COUNTED.contains(BenchmarkCatalog.suiteOf(benchmark))) {
                byClass.computeIfAbsent(benchmark.substring(0, benchmark.lastIndexOf('.')), c -> new ArrayList<>())
                        .add(benchmark);
            }
        }
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + RoundTrips.PROPERTY + "="
                + RoundTrips.FACTORY;
        String savedUrl = System.getProperty(BenchmarkDatabase.URL_PROPERTY);
        String savedSchema = System.getProperty(BenchmarkDatabase.SCHEMA_PROPERTY);
        Blackhole blackhole = new Blackhole(BLACKHOLE_CHALLENGE);
        List<RoundTripCount> counts = new ArrayList<>();
        try {
            System.setProperty(BenchmarkDatabase.URL_PROPERTY, url);
            System.setProperty(BenchmarkDatabase.SCHEMA_PROPERTY, database.schema());
            for (Map.Entry<String, List<String>> entry : byClass.entrySet()) {
                KnnBenchmark path = (KnnBenchmark) Class.forName(entry.getKey()).getDeclaredConstructor().newInstance();
                setParameters(path, parameters);
                path.prepareTrial();
                try {
                    for (String benchmark : entry.getValue()) {
                        Method method = path.getClass().getMethod(benchmark.substring(benchmark.lastIndexOf('.') + 1),
                                Blackhole.class);
                        invoke(method, path, blackhole);
                        long roundTrips = RoundTrips.during(() -> invoke(method, path, blackhole));
                        counts.add(new RoundTripCount(BenchmarkCatalog.suiteOf(benchmark),
                                BenchmarkCatalog.shortName(benchmark), BenchmarkCatalog.comparedOf(benchmark).value(),
                                BenchmarkCatalog.comparedOf(benchmark).kind(), roundTrips));
                    }
                } finally {
                    path.finishTrial();
                }
            }
        } finally {
            restore(BenchmarkDatabase.URL_PROPERTY, savedUrl);
            restore(BenchmarkDatabase.SCHEMA_PROPERTY, savedSchema);
        }
        return counts;
    }

    private static void invoke(Method method, Object target, Blackhole blackhole) throws Exception {
        try {
            method.invoke(target, blackhole);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Sets each {@code @Param} field to the run's value, or to its declared default, as JMH would. */
    private static void setParameters(Object benchmark, Map<String, String> parameters) throws IllegalAccessException {
        for (Class<?> type = benchmark.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Param param = field.getAnnotation(Param.class);
                if (param != null) {
                    String value = parameters.getOrDefault(field.getName(), param.value()[0]);
                    field.setAccessible(true);
                    if (field.getType() == int.class) {
                        field.setInt(benchmark, Integer.parseInt(value));
                    } else {
                        field.set(benchmark, value);
                    }
                }
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
