package io.github.vectororm.benchmarks.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a benchmark class's results into a {@link Suite}'s table. Inherited: a suite's abstract base class
 * carries it, so an adapter benchmark that extends the base lands in the same table as the raw baseline.
 *
 * @since 0.1.0
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InSuite {

    /** @return the suite */
    Suite value();
}
