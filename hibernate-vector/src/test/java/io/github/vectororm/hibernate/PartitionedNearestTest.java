package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.PartitionedSearch;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Entities from the per-partition k-NN form: each partition's own top k merged, loaded as entities. */
@PgVectorDatabase
class PartitionedNearestTest {

    private static final int DIMS = 8;

    @Entity(name = "PartItem")
    @Table(name = "part_items")
    public static class PartItem {
        @Id
        Long id;

        int tenant;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        float[] embedding;
    }

    private static SessionFactory sessionFactory;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table part_items (id bigint not null, tenant int not null, embedding vector(" + DIMS + "))"
                        + " partition by list (tenant)",
                "create table part_items_1 partition of part_items for values in (1)",
                "create table part_items_2 partition of part_items for values in (2)",
                "insert into part_items select g, 1 + g % 2, (select array_agg(random()) from generate_series(1, " + DIMS
                        + ") where g > 0)::vector from generate_series(1, 4000) g",
                "create index on part_items using hnsw (embedding vector_l2_ops)", "analyze part_items");
        sessionFactory = HibernateSupport.sessionFactory(db, "none", PartItem.class);
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    @Test
    void entitiesAreThePartitionsOwnTopKMerged(TestDatabase db) throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(4), DIMS);
        try (var session = sessionFactory.openSession()) {
            PartitionedSearch search = VectorQueries.partitionedSearch(session, PartItem.class, "embedding", Metric.L2);
            assertThat(search.partitions().list()).hasSize(2).allMatch(p -> p.sql().contains("part_items_"));
            List<Nearest<PartItem>> hits = VectorQueries.partitioned(session, PartItem.class, search, probe, 10, null,
                    SearchSettings.none());
            assertThat(hits.stream().map(h -> h.entity().id + "=" + h.distance()).toList())
                    .isEqualTo(partitionsOwn(db, probe, 10));
            List<Nearest<PartItem>> tenant2 = VectorQueries.partitioned(session, PartItem.class, search, probe, 10,
                    Filter.of("tenant = ?", 2), SearchSettings.none());
            assertThat(tenant2).hasSize(10).allSatisfy(h -> assertThat(h.entity().tenant).isEqualTo(2));
        }
    }

    private static List<String> partitionsOwn(TestDatabase db, float[] probe, int k) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (String partition : List.of("part_items_1", "part_items_2")) {
                try (PreparedStatement s = c.prepareStatement("select id, embedding <-> ? d from " + partition
                        + " order by d limit ?")) {
                    s.setObject(1, new com.pgvector.PGvector(probe));
                    s.setInt(2, k);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            all.add(new Object[] {rs.getLong(1), rs.getDouble(2)});
                        }
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(row -> (Double) row[1]));
        return all.subList(0, k).stream().map(row -> row[0] + "=" + row[1]).toList();
    }
}
