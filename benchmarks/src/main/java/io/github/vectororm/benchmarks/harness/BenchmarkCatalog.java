package io.github.vectororm.benchmarks.harness;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmarks JMH's annotation processor found, with the suite and label each declares.
 *
 * <p>Benchmark names are JMH's: {@code fully.qualified.Class.method}.
 *
 * @since 0.1.0
 */
public final class BenchmarkCatalog {

    private BenchmarkCatalog() {
    }

    /**
     * Lists the benchmarks matching a JMH include pattern and checks their annotations.
     *
     * @param include a JMH include regular expression ({@code ".*"} for all)
     * @return benchmark names, sorted
     * @throws IllegalStateException if a benchmark lacks {@link InSuite} or {@link Compared}, or a suite has more
     *     than one {@link PathKind#RAW_BASELINE}
     */
    public static List<String> list(String include) {
        List<String> names = new ArrayList<>();
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(silent, List.of(include), List.of())) {
            if (!names.contains(entry.getUsername())) {
                names.add(entry.getUsername());
            }
        }
        Map<Suite, String> baselines = new EnumMap<>(Suite.class);
        for (String name : names) {
            Compared compared = comparedOf(name);
            Suite suite = suiteOf(name);
            if (compared.kind() == PathKind.RAW_BASELINE) {
                String other = baselines.putIfAbsent(suite, name);
                if (other != null) {
                    throw new IllegalStateException("suite " + suite + " has two raw baselines, " + other + " and " + name
                            + "; mark all but one PathKind.RAW");
                }
            }
        }
        return names;
    }

    /**
     * @param benchmark a benchmark name
     * @return the suite its class declares
     * @throws IllegalStateException if the class has no {@link InSuite}
     */
    public static Suite suiteOf(String benchmark) {
        Class<?> type = benchmarkClass(benchmark);
        InSuite inSuite = type.getAnnotation(InSuite.class);
        if (inSuite == null) {
            throw new IllegalStateException(
                    type.getName() + " has no @InSuite: extend a suite's base class or annotate it");
        }
        return inSuite.value();
    }

    /**
     * @param benchmark a benchmark name
     * @return the method's {@link Compared}
     * @throws IllegalStateException if the method has none
     */
    public static Compared comparedOf(String benchmark) {
        String methodName = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        for (Method method : benchmarkClass(benchmark).getMethods()) {
            if (method.getName().equals(methodName) && method.isAnnotationPresent(Compared.class)) {
                return method.getAnnotation(Compared.class);
            }
        }
        throw new IllegalStateException(benchmark + " has no @Compared: say what the path is and whether it is raw");
    }

    /**
     * @param benchmark a benchmark name
     * @return {@code SimpleClassName.method}
     */
    public static String shortName(String benchmark) {
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return className.substring(className.lastIndexOf('.') + 1) + benchmark.substring(benchmark.lastIndexOf('.'));
    }

    private static Class<?> benchmarkClass(String benchmark) {
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class " + className + " is not on the classpath", e);
        }
    }
}
