package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.adapters.spring.BenchApplication;
import io.github.vectororm.benchmarks.adapters.spring.BenchItemRepository;
import io.github.vectororm.benchmarks.adapters.spring.KnnRepository;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;

/**
 * Top-10 k-NN through a Spring Data repository with vector-orm's starter: the repository fragment's
 * {@code findNearest} (entities with their distance) and Spring Data JPA's derived
 * {@code findByEmbeddingNear(Vector, Score, Limit)} with a cosine score bound that keeps every row (entities with
 * their score). Each call runs in the repository's own read-only transaction on the context's Hikari pool.
 *
 * @since 0.1.0
 */
public class SpringDataKnnBenchmark extends KnnBenchmark {

    private static final Limit TOP = Limit.of(KnnDataset.K);
    /** A bound every row meets, so the derived query returns the plain top 10. */
    private static final Score ANY = Score.of(2, ScoringFunction.cosine());

    private ConfigurableApplicationContext context;
    private KnnRepository<?> repository;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) {
        context = BenchApplication.start(database.jdbcUrl(), dataset.table(), 50);
        repository = repository(context);
    }

    /**
     * The repository the paths call: {@link BenchItemRepository} (768-d), unless a subclass measures another table shape.
     *
     * @param context the running application
     * @return the repository
     */
    protected KnnRepository<?> repository(ConfigurableApplicationContext context) {
        return context.getBean(BenchItemRepository.class);
    }

    @Override
    protected void close() {
        if (context != null) {
            context.close();
        }
    }

    /**
     * @param blackhole consumes the entities and distances
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Spring Data + vector-orm, entities + distance: repository fragment"
            + " `findNearest(\"embedding\", COSINE, v, Limit.of(10))`", kind = PathKind.LIBRARY)
    public int findNearest(Blackhole blackhole) {
        List<? extends Nearest<?>> hits = repository.findNearest("embedding", Metric.COSINE, nextQuery(), TOP);
        for (Nearest<?> hit : hits) {
            blackhole.consume(hit.entity());
            blackhole.consume(hit.distance());
        }
        return checkFull(hits.size());
    }

    /**
     * @param blackhole consumes the entities and scores
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Spring Data JPA derived query on vector-orm's mapping, entities + score:"
            + " `findByEmbeddingNear(Vector, Score, Limit.of(10))`", kind = PathKind.LIBRARY)
    public int derivedFindByEmbeddingNear(Blackhole blackhole) {
        SearchResults<?> results = repository.findByEmbeddingNear(Vector.of(nextQuery()), ANY, TOP);
        int rows = 0;
        for (SearchResult<?> result : results) {
            blackhole.consume(result.getContent());
            blackhole.consume(result.getScore().getValue());
            rows++;
        }
        return checkFull(rows);
    }
}
