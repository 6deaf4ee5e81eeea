package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.benchmarks.adapters.Hibernates;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.BatchSearch;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorQueries;
import io.github.vectororm.hibernate.VectorSearch;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@value ProbesBenchmark#PROBES} probes through Hibernate + vector-orm: {@link VectorSearch} with per-query settings
 * (a session per query, as in the k-NN suite), and {@link VectorQueries#batch} (one session for the batch).
 *
 * @since 0.1.0
 */
public class HibernateProbesBenchmark extends ProbesBenchmark {

    private SessionFactory factory;
    private BatchSearch batch;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) {
        factory = Hibernates.sessionFactory(database.jdbcUrl(), dataset.table(), true, 50);
        try (Session session = factory.openSession()) {
            batch = VectorQueries.batchSearch(session, BenchItem.class, "embedding", Metric.COSINE);
        }
    }

    @Override
    protected void close() {
        if (factory != null) {
            factory.close();
        }
    }

    /**
     * @param blackhole consumes the entities and distances
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Hibernate + vector-orm with settings, 100 queries, entities + distance:"
            + " `VectorSearch.nearest(...).to(v).settings(efSearch 40).limit(10).list()`", kind = PathKind.LIBRARY)
    public int vectorSearchWithSettings(Blackhole blackhole) {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            try (Session session = factory.openSession()) {
                List<Nearest<BenchItem>> hits = VectorSearch.nearest(session, BenchItem.class, "embedding", Metric.COSINE)
                        .to(probe).settings(SETTINGS).limit(KnnDataset.K).list();
                blackhole.consume(hits);
                rows += checkFull(hits.size());
            }
        }
        return rows;
    }

    /**
     * @param blackhole consumes the entities and distances
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Hibernate + vector-orm batch, entities + distance: `VectorQueries.batch(session, BenchItem.class,"
            + " search, 100 probes, 10, null, none)`", kind = PathKind.LIBRARY)
    public int batch(Blackhole blackhole) {
        try (Session session = factory.openSession()) {
            List<List<Nearest<BenchItem>>> answers = VectorQueries.batch(session, BenchItem.class, batch, nextProbes(),
                    KnnDataset.K, null, SearchSettings.none());
            blackhole.consume(answers);
            return checkBatch(answers);
        }
    }
}
