package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.benchmarks.adapters.Hibernates;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorSearch;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Top-10 k-NN through Hibernate: vector-orm's HQL {@code cosine_distance} returning ids, its typed
 * {@link VectorSearch} (whole entities with their distance), and, for comparison, the same HQL on a
 * SessionFactory where only Hibernate's own hibernate-vector module is active ({@code vectororm.hibernate.enabled
 * = false}), which is what users have without vector-orm. Each invocation opens a session, as a request would; the
 * SessionFactory's connection pool keeps the connections, and with them pgjdbc's prepared statements.
 *
 * @since 0.1.0
 */
public class HibernateKnnBenchmark extends KnnBenchmark {

    private SessionFactory vectorOrm;
    private SessionFactory hibernateVector;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) {
        vectorOrm = Hibernates.sessionFactory(database.jdbcUrl(), dataset.table(), true, 50, entity());
        hibernateVector = Hibernates.sessionFactory(database.jdbcUrl(), dataset.table(), false, 50, entity());
    }

    /**
     * The entity the paths read: {@link BenchItem} (768-d), unless a subclass measures another table shape.
     *
     * @return the entity class, mapped onto {@link BenchItem#TABLE}
     */
    protected Class<?> entity() {
        return BenchItem.class;
    }

    @Override
    protected void close() {
        for (SessionFactory factory : new SessionFactory[] {vectorOrm, hibernateVector}) {
            if (factory != null) {
                factory.close();
            }
        }
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Hibernate + vector-orm, HQL ids: `select e.id ... order by cosine_distance(e.embedding, :v)`,"
            + " `setMaxResults(10)`", kind = PathKind.LIBRARY)
    public int hqlIds(Blackhole blackhole) {
        return ids(vectorOrm, blackhole);
    }

    /**
     * @param blackhole consumes the entities and distances
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Hibernate + vector-orm, entities + distance: `VectorSearch.nearest(...).to(v).limit(10).list()`",
            kind = PathKind.LIBRARY)
    public int vectorSearchEntities(Blackhole blackhole) {
        try (Session session = vectorOrm.openSession()) {
            List<? extends Nearest<?>> hits = VectorSearch.nearest(session, entity(), "embedding", Metric.COSINE)
                    .to(nextQuery()).limit(KnnDataset.K).list();
            for (Nearest<?> hit : hits) {
                blackhole.consume(hit.entity());
                blackhole.consume(hit.distance());
            }
            return checkFull(hits.size());
        }
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "Hibernate's own hibernate-vector (vector-orm switched off), HQL ids: `cosine_distance(e.embedding,"
            + " :v)` with a `float[]`", kind = PathKind.RAW)
    public int hibernateVectorHqlIds(Blackhole blackhole) {
        return ids(hibernateVector, blackhole);
    }

    private int ids(SessionFactory factory, Blackhole blackhole) {
        try (Session session = factory.openSession()) {
            String hql = "select e.id from " + entity().getSimpleName() + " e order by cosine_distance(e.embedding, :v)";
            List<Long> ids = session.createSelectionQuery(hql, Long.class).setParameter("v", nextQuery())
                    .setMaxResults(KnnDataset.K).getResultList();
            for (Long id : ids) {
                blackhole.consume(id);
            }
            return checkFull(ids.size());
        }
    }
}
