package io.github.vectororm.benchmarks.load;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.benchmarks.adapters.spring.BenchApplication;
import io.github.vectororm.benchmarks.adapters.spring.BenchItemRepository;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk load through a Spring Data repository with vector-orm's starter: {@code saveAll} in chunks of
 * {@value #BATCH_SIZE} with flush + clear after each ({@code hibernate.jdbc.batch_size} = {@value #BATCH_SIZE}), in
 * one transaction, and the fragment's {@code copyAll} (COPY BINARY through {@code VectorBulkLoader}).
 *
 * @since 0.1.0
 */
public class SpringDataBulkLoadBenchmark extends BulkLoadBenchmark {

    private ConfigurableApplicationContext context;
    private BenchItemRepository repository;
    private EntityManager entityManager;
    private TransactionTemplate transaction;

    @Override
    protected void open(BenchmarkDatabase database) {
        context = BenchApplication.start(database.jdbcUrl(), table, BATCH_SIZE);
        repository = context.getBean(BenchItemRepository.class);
        entityManager = context.getBean(EntityManager.class);
        transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    @Override
    protected void close() {
        if (context != null) {
            context.close();
        }
    }

    /** @return rows saved */
    @Benchmark
    @Compared(value = "Spring Data + vector-orm: `saveAll` per 1000 entities, flush + clear, one transaction",
            kind = PathKind.LIBRARY)
    public long saveAll() {
        transaction.executeWithoutResult(status -> {
            List<BenchItem> chunk = new ArrayList<>(BATCH_SIZE);
            for (int id = 0; id < vectors.length; id++) {
                chunk.add(new BenchItem(id, vectors[id]));
                if (chunk.size() == BATCH_SIZE || id == vectors.length - 1) {
                    repository.saveAll(chunk);
                    entityManager.flush();
                    entityManager.clear();
                    chunk.clear();
                }
            }
        });
        return vectors.length;
    }

    /** @return rows copied */
    @Benchmark
    @Compared(value = "Spring Data + vector-orm: repository fragment `copyAll` (COPY BINARY)", kind = PathKind.LIBRARY)
    public long copyAll() {
        List<BenchItem> items = new ArrayList<>(vectors.length);
        for (int id = 0; id < vectors.length; id++) {
            items.add(new BenchItem(id, vectors[id]));
        }
        return repository.copyAll(items);
    }
}
