package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.benchmarks.adapters.spring.BenchApplication;
import io.github.vectororm.benchmarks.adapters.spring.BenchItemRepository;
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

/**
 * {@value ProbesBenchmark#PROBES} probes through a Spring Data repository with vector-orm's starter, in a context whose
 * search settings are {@code vectororm.search.ef-search=40}: {@code findNearest} per probe (each in its repository
 * transaction, the setting applied in it) and {@code findNearestBatch}.
 *
 * @since 0.1.0
 */
public class SpringDataProbesBenchmark extends ProbesBenchmark {

    private static final Limit TOP = Limit.of(KnnDataset.K);

    private ConfigurableApplicationContext context;
    private BenchItemRepository repository;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) {
        context = BenchApplication.start(database.jdbcUrl(), dataset.table(), 50,
                "vectororm.search.ef-search=" + SETTINGS.parameters().get("hnsw.ef_search"));
        repository = context.getBean(BenchItemRepository.class);
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
    @Compared(value = "Spring Data + vector-orm with settings, 100 queries, entities + distance: `findNearest(\"embedding\","
            + " COSINE, v, Limit.of(10))` with `vectororm.search.ef-search=40`", kind = PathKind.LIBRARY)
    public int findNearestWithSettings(Blackhole blackhole) {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            List<Nearest<BenchItem>> hits = repository.findNearest("embedding", Metric.COSINE, probe, TOP);
            blackhole.consume(hits);
            rows += checkFull(hits.size());
        }
        return rows;
    }

    /**
     * @param blackhole consumes the entities and distances
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Spring Data + vector-orm batch, entities + distance: `findNearestBatch(\"embedding\", COSINE,"
            + " 100 probes, null, Limit.of(10))` (settings as above)", kind = PathKind.LIBRARY)
    public int findNearestBatch(Blackhole blackhole) {
        List<List<Nearest<BenchItem>>> answers = repository.findNearestBatch("embedding", Metric.COSINE, nextProbes(),
                null, TOP);
        blackhole.consume(answers);
        return checkBatch(answers);
    }
}
