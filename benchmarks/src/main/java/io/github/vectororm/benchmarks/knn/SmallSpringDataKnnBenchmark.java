package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.adapters.spring.KnnRepository;
import io.github.vectororm.benchmarks.adapters.spring.SmallBenchItemRepository;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.Suite;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link SpringDataKnnBenchmark}'s paths over the small table of {@link Suite#KNN_SMALL} (20k x 64-d by default).
 *
 * @since 0.1.0
 */
@InSuite(Suite.KNN_SMALL)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 1, time = 2)
public class SmallSpringDataKnnBenchmark extends SpringDataKnnBenchmark {

    /** Rows in the small table. */
    @Param("20000")
    public int knnSmallRows;

    /** Dimensions of its vectors. */
    @Param("64")
    public int knnSmallDimensions;

    @Override
    protected int rows() {
        return knnSmallRows;
    }

    @Override
    protected int dimensions() {
        return knnSmallDimensions;
    }

    @Override
    protected KnnRepository<?> repository(ConfigurableApplicationContext context) {
        return context.getBean(SmallBenchItemRepository.class);
    }
}
