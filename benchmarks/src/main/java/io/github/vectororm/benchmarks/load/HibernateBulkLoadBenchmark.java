package io.github.vectororm.benchmarks.load;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.benchmarks.adapters.Hibernates;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.hibernate.VectorBulkLoader;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Bulk load through Hibernate: a session's batched persist (flush and clear every {@value #BATCH_SIZE} rows),
 * {@code StatelessSession.insertMultiple}, and {@link VectorBulkLoader#copy} (COPY BINARY) with vector-orm; and the
 * batched persist on a SessionFactory where only Hibernate's own hibernate-vector module is active
 * ({@code vectororm.hibernate.enabled = false}), the path users have today. Both factories send
 * {@code hibernate.jdbc.batch_size} = {@value #BATCH_SIZE}; each load is one transaction.
 *
 * @since 0.1.0
 */
public class HibernateBulkLoadBenchmark extends BulkLoadBenchmark {

    private SessionFactory vectorOrm;
    private SessionFactory hibernateVector;

    @Override
    protected void open(BenchmarkDatabase database) {
        vectorOrm = Hibernates.sessionFactory(database.jdbcUrl(), table, true, BATCH_SIZE);
        hibernateVector = Hibernates.sessionFactory(database.jdbcUrl(), table, false, BATCH_SIZE);
    }

    @Override
    protected void close() {
        for (SessionFactory factory : new SessionFactory[] {vectorOrm, hibernateVector}) {
            if (factory != null) {
                factory.close();
            }
        }
    }

    /** @return rows persisted */
    @Benchmark
    @Compared(value = "Hibernate + vector-orm: `Session.persist`, batch size 1000, flush + clear per batch",
            kind = PathKind.LIBRARY)
    public long batchPersist() {
        return persist(vectorOrm);
    }

    /** @return rows inserted */
    @Benchmark
    @Compared(value = "Hibernate + vector-orm: `StatelessSession.insertMultiple`, 1000 entities per call",
            kind = PathKind.LIBRARY)
    public long statelessInsertMultiple() {
        try (StatelessSession session = vectorOrm.openStatelessSession()) {
            Transaction tx = session.beginTransaction();
            List<BenchItem> batch = new ArrayList<>(BATCH_SIZE);
            for (int id = 0; id < vectors.length; id++) {
                batch.add(new BenchItem(id, vectors[id]));
                if (batch.size() == BATCH_SIZE || id == vectors.length - 1) {
                    session.insertMultiple(batch);
                    batch.clear();
                }
            }
            tx.commit();
        }
        return vectors.length;
    }

    /** @return rows copied */
    @Benchmark
    @Compared(value = "Hibernate + vector-orm: `VectorBulkLoader.copy` (COPY BINARY) of all entities", kind = PathKind.LIBRARY)
    public long vectorBulkLoaderCopy() {
        try (Session session = vectorOrm.openSession()) {
            Transaction tx = session.beginTransaction();
            List<BenchItem> items = new ArrayList<>(vectors.length);
            for (int id = 0; id < vectors.length; id++) {
                items.add(new BenchItem(id, vectors[id]));
            }
            long rows = VectorBulkLoader.copy(session, BenchItem.class, items);
            tx.commit();
            return rows;
        }
    }

    /** @return rows persisted */
    @Benchmark
    @Compared(value = "Hibernate's own hibernate-vector (vector-orm switched off): `Session.persist`, batch size 1000,"
            + " flush + clear per batch", kind = PathKind.RAW)
    public long hibernateVectorBatchPersist() {
        return persist(hibernateVector);
    }

    private long persist(SessionFactory factory) {
        try (Session session = factory.openSession()) {
            Transaction tx = session.beginTransaction();
            for (int id = 0; id < vectors.length; id++) {
                session.persist(new BenchItem(id, vectors[id]));
                if ((id + 1) % BATCH_SIZE == 0) {
                    session.flush();
                    session.clear();
                }
            }
            tx.commit();
        }
        return vectors.length;
    }
}
