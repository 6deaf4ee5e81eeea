package io.github.vectororm.spring.shards;

import static io.github.vectororm.test.ShardClusters.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.Partitions;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorQueries;
import io.github.vectororm.test.ShardClusters;
import io.github.vectororm.test.TestVectors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;

/**
 * A Spring Boot application on the coordinator of a table list-partitioned by tenant over two postgres_fdw shards
 * ({@code scripts/shards.sh}). The shards' sessions start with {@code enable_indexscan=off} and
 * {@code hnsw.ef_search=50} (their servers' options): the repository fragment's per-partition k-NN under
 * {@code @VectorSearchSettings(exact = true)} equals the exact oracle, settings the shards do not start with are refused
 * before any search, and hybrid and two-stage searches made on the table's {@link Partitions} return what the parent's
 * own form and the shards' own shortlists give.
 */
@Tag("clusters")
class ShardedRepositoryTest {

    static final int DIMS = 16;
    private static final int ROWS_PER_SHARD = 2000;
    private static final int SHORTLIST = 50;
    /** As in the Hibernate module's ShardedEntitiesTest: a tsvector generated on each shard, configuration 'simple'. */
    private static final String TSV = "body_tsv tsvector generated always as (to_tsvector('simple', body)) stored";
    private static ShardClusters clusters;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() throws SQLException {
        clusters = ShardClusters.start(); // clean clusters, whatever an earlier run left
        clusters.createTenantTable("shard_items", "category int not null, body text not null, embedding vector(" + DIMS
                + "), " + TSV);
        execute(clusters.coordinator(),
                "alter server shard1 options (add options '-c enable_indexscan=off -c hnsw.ef_search=" + SHORTLIST + "')",
                "alter server shard2 options (add options '-c enable_indexscan=off -c hnsw.ef_search=" + SHORTLIST + "')");
        Random random = new Random(41);
        try (Connection c = DriverManager.getConnection(clusters.coordinator());
                VectorCopyWriter writer = VectorCopyWriter.into(c, "shard_items").column("id", CopyType.BIGINT)
                        .column("tenant", CopyType.INTEGER).column("category", CopyType.INTEGER)
                        .column("body", CopyType.TEXT).column("embedding", CopyType.VECTOR).open()) {
            for (long id = 1; id <= 2L * ROWS_PER_SHARD; id++) {
                writer.addRow(id, (int) (id % 2) + 1, (int) (id % 10), "item " + id
                        + (id % 7 == 0 ? " about whales" : " about trees"), TestVectors.gaussian(random, DIMS));
            }
            writer.finish();
        }
        for (int i = 1; i <= 2; i++) {
            execute(clusters.shard(i), "analyze shard_items_t" + i);
        }
        execute(clusters.coordinator(), "analyze shard_items");
        context = new SpringApplicationBuilder(ShardsApplication.class)
                .properties("spring.datasource.url=" + clusters.coordinator(),
                "spring.jpa.hibernate.ddl-auto=none").run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        ShardClusters.stop();
    }

    @Test
    void thePerPartitionSearchInExactModeEqualsTheOracle() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(42), DIMS);
        List<Nearest<ShardItem>> hits = context.getBean(ExactShardItemRepository.class).findNearestAcrossPartitions(
                "embedding", Metric.L2, probe, Filter.of("category = ?", 3), Limit.of(10));
        List<Object[]> oracle = exactOracle(probe, 10, 3);
        assertThat(hits).extracting(h -> h.entity().getId()).isEqualTo(oracle.stream().map(row -> row[0]).toList());
        for (int i = 0; i < hits.size(); i++) { // pgvector sums in single precision, the oracle in double
            assertThat(hits.get(i).entity().getCategory()).isEqualTo(3);
            assertThat(hits.get(i).distance()).isCloseTo((Double) oracle.get(i)[1], Offset.offset(1e-5));
        }
        // without settings of its own the search runs as the shards' sessions start: here exactly as well
        assertThat(context.getBean(ShardItemRepository.class).findNearestAcrossPartitions("embedding", Metric.L2, probe,
                Filter.of("category = ?", 3), Limit.of(10))).extracting(h -> h.entity().getId(), Nearest::distance)
                .isEqualTo(hits.stream().map(h -> tuple(h.entity().getId(), h.distance())).toList());
    }

    @Test
    void settingsThatWouldNotReachTheShardsAreRefused() {
        float[] probe = TestVectors.gaussian(new Random(43), DIMS);
        TunedShardItemRepository tuned = context.getBean(TunedShardItemRepository.class);
        // refused before the search runs, with vector-core's message (Spring's translation of its
        // IllegalArgumentException, as for every invalid argument of a repository method)
        // the method's own annotation
        assertThatThrownBy(() -> tuned.findNearestAcrossPartitions("embedding", Metric.L2, probe, null, Limit.of(10)))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasCauseInstanceOf(VectorValidationException.class)
                .hasMessageContaining("hnsw.iterative_scan = relaxed_order would not reach the shards shard1, shard2")
                .hasMessageContaining("ALTER SERVER shard1 OPTIONS (ADD options '-c hnsw.iterative_scan=relaxed_order')");
        // the repository's: ef_search 100, where the shards start with 50
        Partitions partitions = partitions();
        assertThatThrownBy(() -> tuned.findHybrid(hybrid(partitions), probe, "whales", 10, null))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasCauseInstanceOf(VectorValidationException.class)
                .hasMessageContaining("hnsw.ef_search = 100 would not reach the shards shard1, shard2");
        assertThatThrownBy(() -> tuned.findNearestTwoStage(twoStage(partitions), probe, 10, null))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasCauseInstanceOf(VectorValidationException.class)
                .hasMessageContaining("hnsw.ef_search >= 100").hasMessageContaining("shard1, shard2");
    }

    @Test
    void hybridOnThePartitionsEqualsTheParentsOwnForm() {
        float[] probe = TestVectors.gaussian(new Random(44), DIMS);
        ShardItemRepository items = context.getBean(ShardItemRepository.class);
        Filter filter = Filter.of("category <> ?", 5);
        List<VectorQueries.HybridHit<ShardItem>> hits = items.findHybrid(hybrid(partitions()), probe, "whales", 20,
                filter);
        HybridSearch onParent = HybridSearch.on("shard_items", "id").vector("embedding", VectorType.VECTOR, Metric.L2)
                .text(TextSource.tsvectorColumn("simple", "body_tsv")).build();
        List<VectorQueries.HybridHit<ShardItem>> oracle = items.findHybrid(onParent, probe, "whales", 20, filter);
        assertThat(hits).hasSize(20).extracting(h -> h.entity().getId(), VectorQueries.HybridHit::vectorRank,
                        VectorQueries.HybridHit::textRank, VectorQueries.HybridHit::fusedScore)
                .isEqualTo(oracle.stream().map(h -> tuple(h.entity().getId(), h.vectorRank(), h.textRank(),
                        h.fusedScore())).toList());
        assertThat(hits).anyMatch(h -> h.textRank() != null)
                .allSatisfy(h -> assertThat(h.entity().getCategory()).isNotEqualTo(5))
                .filteredOn(h -> h.textRank() != null).allSatisfy(h -> assertThat(h.entity().getBody()).contains("whales"));
    }

    @Test
    void twoStageOnThePartitionsRerankTheShardsOwnShortlists() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(45), DIMS);
        List<Nearest<ShardItem>> hits = context.getBean(ShardItemRepository.class)
                .findNearestTwoStage(twoStage(partitions()), probe, 10, null);
        assertThat(hits).extracting(h -> h.entity().getId() + "=" + h.distance())
                .isEqualTo(shardsOwnShortlistsReranked(probe, 10));
    }

    private static Partitions partitions() {
        EntityManager entityManager = context.getBean(EntityManagerFactory.class).createEntityManager();
        try {
            return VectorQueries.partitions(entityManager, ShardItem.class);
        } finally {
            entityManager.close();
        }
    }

    private static HybridSearch hybrid(Partitions partitions) {
        return HybridSearch.on(partitions, "id").vector("embedding", VectorType.VECTOR, Metric.L2)
                .text(TextSource.tsvectorColumn("simple", "body_tsv")).build();
    }

    private static TwoStageSearch twoStage(Partitions partitions) {
        return TwoStageSearch.on(partitions, "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.halfvec("embedding", DIMS), Metric.L2, SHORTLIST).rerank(Metric.L2).build();
    }

    /** Every row of the category on every shard, distances computed here: the exact answer, as {id, distance}. */
    private static List<Object[]> exactOracle(float[] probe, int k, int category) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i)); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, embedding::real[] from shard_items_t" + i
                            + " where category = " + category)) {
                while (rs.next()) {
                    Float[] boxed = (Float[]) rs.getArray(2).getArray();
                    float[] v = new float[boxed.length];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = boxed[d];
                    }
                    all.add(new Object[] {rs.getLong(1), Metric.L2.distance(probe, v)});
                }
            }
        }
        all.sort(Comparator.comparingDouble(row -> (Double) row[1]));
        return all.subList(0, k);
    }

    /**
     * Each shard's shortlist by the halfvec distance (exact, as the shards' sessions search), the nearest of them by
     * that distance, re-ranked by the exact distance, as {@code id=distance}.
     */
    private static List<String> shardsOwnShortlistsReranked(float[] probe, int k) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Connection c = DriverManager.getConnection(clusters.shard(i));
                    PreparedStatement s = c.prepareStatement("select id, embedding <-> ? as d, embedding::halfvec("
                            + DIMS + ") <-> ?::vector(" + DIMS + ")::halfvec(" + DIMS + ") as sd from shard_items_t" + i
                            + " order by sd limit ?")) {
                Object parameter = VectorValues.toParameter(VectorType.VECTOR, probe);
                s.setObject(1, parameter);
                s.setObject(2, parameter);
                s.setInt(3, SHORTLIST);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Object[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3)});
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(row -> (Double) row[2]));
        List<Object[]> shortlist = new ArrayList<>(all.subList(0, SHORTLIST));
        shortlist.sort(Comparator.comparingDouble(row -> (Double) row[1]));
        return shortlist.subList(0, k).stream().map(row -> row[0] + "=" + row[1]).toList();
    }
}
