package io.github.vectororm.benchmarks.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names what a {@code @Benchmark} method measures, for the report: a label and whether it is the suite's raw
 * baseline, another raw path, or a vector-orm path. Every benchmark method carries one; the runner refuses
 * to run a benchmark without it, and a suite needs exactly one {@link PathKind#RAW_BASELINE}.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Compared {

    /** @return the row label, e.g. {@code "raw COPY (FORMAT BINARY) via CopyManager"} */
    String value();

    /** @return what kind of path this is */
    PathKind kind();
}
