package io.github.vectororm.spring.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.test.LoadRun;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.domain.PredicateSpecification;

/**
 * A Spring Boot application on a HikariCP pool: repository writers ({@code saveAll} in 100-row transactions, JDBC
 * batches of 50, and one {@code copyAll} writer) and filtered k-NN readers through the {@code VectorSearchRepository}
 * fragment (iterative scan from {@code @VectorSearchSettings}) on one HNSW-indexed table; and the bounded load run for
 * the fragment.
 */
@PgVectorDatabase
class SpringConcurrencyTest {

    private static final int CATEGORIES = 10;
    private static final int K = 10;
    private static final int SAVE_WRITERS = 4;
    private static final int WRITERS = SAVE_WRITERS + 1; // the last one writes with copyAll
    private static final int READERS = 2;
    private static final int ROWS_PER_WRITER = 400;
    private static final int UNIT = 100;
    private static final int BATCH_SIZE = 50;
    private static final int BASE_ROWS = 200;
    private static final int LOAD_ROWS = 5_000;

    private static ConfigurableApplicationContext context;
    private static ConcItemRepository items;
    private static TestDatabase db;

    @BeforeAll
    static void start(TestDatabase database) {
        db = database;
        context = new SpringApplicationBuilder(ConcurrencyApplication.class).properties(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.hikari.maximum-pool-size=" + (WRITERS + READERS),
                "spring.datasource.hikari.connection-timeout=10000",
                "spring.jpa.hibernate.ddl-auto=create-drop",
                "spring.jpa.properties.hibernate.default_schema=" + db.schema(),
                "spring.jpa.properties.hibernate.jdbc.batch_size=" + BATCH_SIZE,
                "spring.jpa.properties.hibernate.generate_statistics=true").run();
        items = context.getBean(ConcItemRepository.class);
        assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void saveAllAndCopyAllWritersAndFilteredFragmentReadersConcurrently() throws Exception {
        Statistics statistics = context.getBean(EntityManagerFactory.class).unwrap(SessionFactory.class).getStatistics();
        long statementsBefore = statistics.getPrepareStatementCount();
        save(-1, 0, BASE_ROWS); // every category has k rows before the readers start
        long baseStatements = statistics.getPrepareStatementCount() - statementsBefore;
        // Persistable ids: saveAll persists (batched INSERTs); a merge would first SELECT each of the 200 rows
        assertThat(baseStatements).isLessThan(BASE_ROWS / 10);
        // the redeclared findNearest runs with its iterative scan: rows pass this filter only while it is in force
        assertThat(items.findNearest("embedding", Metric.L2, vector(1), (item, cb) -> cb.equal(cb.function("current_setting",
                String.class, cb.literal("hnsw.iterative_scan")), "relaxed_order"), Limit.of(K))).hasSize(K);

        LoadRun.Concurrency run = LoadRun.writeWhileReading(WRITERS, writer -> {
            for (int unit = 0; unit < ROWS_PER_WRITER / UNIT; unit++) {
                long firstId = 1_000_000L * (writer + 1) + unit * UNIT;
                if (writer < SAVE_WRITERS) {
                    save(writer, firstId, UNIT);
                } else {
                    assertThat(items.copyAll(rows(writer, firstId, UNIT))).isEqualTo(UNIT);
                }
            }
        }, READERS, (reader, i) -> nearest((int) ((reader + i) % CATEGORIES), vector(i * 31 + reader)), K);

        long total = items.countByWriterGreaterThanEqual(-1);
        List<Integer> complete = items.writersWithRows(ROWS_PER_WRITER);
        System.out.printf("[measure] concurrency Spring Data: writers=%d x %d rows (%d by saveAll, Persistable ids, JDBC"
                + " batch_size=%d, %d JDBC statement(s) prepared for the %d base rows; 1 by copyAll; %d rows a transaction, %.0f rows/s),"
                + " readers=%d, filtered findNearest queries=%d (@VectorSearchSettings iterative scan), rows read=%d,"
                + " short results=%d, rows counted back=%d (= %d base + %d), writers complete=%d of %d, errors=0,"
                + " deadlocks=0%n", WRITERS, ROWS_PER_WRITER, SAVE_WRITERS, BATCH_SIZE, baseStatements, BASE_ROWS, UNIT,
                WRITERS * ROWS_PER_WRITER / run.writeSeconds(), READERS, run.queries(), run.rowsRead(), run.shortResults(),
                total, BASE_ROWS, WRITERS * ROWS_PER_WRITER, complete.size(), WRITERS);
        assertThat(total).isEqualTo(BASE_ROWS + WRITERS * ROWS_PER_WRITER);
        assertThat(complete).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(run.queries()).isGreaterThanOrEqualTo(READERS * 5L);
        assertThat(run.rowsRead()).isEqualTo(run.queries() * K);
        assertThat(run.shortResults()).isZero();
    }

    /** The load rows (writer -2) are left out of the other test's counts, so the two tests may run in either order. */
    @Test
    void boundedLoadRun() throws Exception {
        assertThat(items.copyAll(rows(-2, 9_000_000, LOAD_ROWS))).isEqualTo(LOAD_ROWS);
        db.execute("analyze " + db.schema() + ".conc_items");
        LoadRun.run("Spring Data (VectorSearchRepository.findNearest + PredicateSpecification + @VectorSearchSettings,"
                + " filtered k-NN, iterative scan)",
                (thread, i) -> nearest((int) Math.floorMod(i + thread, CATEGORIES), vector(i * 7 + thread)));
    }

    /** One transaction: saveAll of {@code count} new items. */
    private static void save(int writer, long firstId, int count) {
        List<ConcItem> saved = items.saveAll(rows(writer, firstId, count));
        if (saved.size() != count || saved.stream().anyMatch(ConcItem::isNew)) {
            throw new AssertionError("saveAll of " + count + " rows returned " + saved.size() + " persisted entities");
        }
    }

    private static List<ConcItem> rows(int writer, long firstId, int count) {
        List<ConcItem> rows = new ArrayList<>(count);
        for (long id = firstId; id < firstId + count; id++) {
            rows.add(new ConcItem(id, writer, (int) (id % CATEGORIES), vector(id)));
        }
        return rows;
    }

    /** The k nearest items of one category through the fragment; checks the filter held. */
    private static int nearest(int category, float[] probe) {
        PredicateSpecification<ConcItem> inCategory = (item, cb) -> cb.equal(item.get("category"), category);
        List<Nearest<ConcItem>> hits = items.findNearest("embedding", Metric.L2, probe, inCategory, Limit.of(K));
        for (Nearest<ConcItem> hit : hits) {
            if (hit.entity().getCategory() != category) {
                throw new AssertionError("filter category = " + category + " returned category " + hit.entity().getCategory());
            }
        }
        return hits.size();
    }

    private static float[] vector(long i) {
        float[] v = new float[ConcItem.DIMENSIONS];
        for (int d = 0; d < ConcItem.DIMENSIONS; d++) {
            v[d] = (float) Math.sin(i * 0.37 + d * 0.91);
        }
        return v;
    }
}
