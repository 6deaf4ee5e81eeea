package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.search.BatchSearch;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.RoundTrips;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch k-NN of entities: each probe's entities and distances equal its own query's, in two round trips in all. */
@PgVectorDatabase
class BatchNearestTest {

    private static final int DIMS = 16;

    @Entity(name = "BatchItem")
    @Table(name = "batch_items")
    public static class BatchItem {
        @Id
        Long id;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        @VectorIndex(metric = Metric.L2)
        float[] embedding;
    }

    private static SessionFactory sessionFactory;
    private static List<float[]> probes;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table batch_items (id bigint primary key, category integer not null, embedding vector(" + DIMS + "))");
        Random random = new Random(21);
        try (Connection c = db.connect();
                VectorCopyWriter writer = VectorCopyWriter.into(c, "batch_items").column("id", CopyType.BIGINT)
                        .column("category", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
            for (long i = 0; i < 5000; i++) {
                writer.addRow(i, (int) (i % 10), TestVectors.gaussian(random, DIMS));
            }
            writer.finish();
        }
        db.execute("analyze batch_items");
        sessionFactory = HibernateSupport.sessionFactory(db.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY),
                Map.of(AvailableSettings.HBM2DDL_AUTO, "update", AvailableSettings.DEFAULT_SCHEMA, db.schema()),
                BatchItem.class); // adds the HNSW index
        probes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            probes.add(TestVectors.gaussian(random, DIMS));
        }
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    @Test
    void eachProbeGetsItsOwnQuerysEntitiesInTwoRoundTrips(TestDatabase db) throws Exception {
        SearchSettings iterative = SearchSettings.builder().hnswIterativeScan(IterativeScan.STRICT_ORDER).build();
        Filter category = Filter.of("category = ?", 4);
        try (var session = sessionFactory.openSession()) {
            BatchSearch search = VectorQueries.batchSearch(session, BatchItem.class, "embedding", Metric.L2);
            VectorQueries.batch(session, BatchItem.class, search, probes.subList(0, 1), 1, null, iterative); // warm
            session.clear();
            List<List<Nearest<BatchItem>>> found = new ArrayList<>();
            long trips = RoundTrips.during(() -> found.addAll(
                    VectorQueries.batch(session, BatchItem.class, search, probes, 10, category, iterative)));
            assertThat(trips).as("the batch statement with its settings, then the load of the entities").isEqualTo(2);
            assertThat(found).hasSize(probes.size());
            try (Connection c = db.connect()) {
                for (int i = 0; i < probes.size(); i++) {
                    List<Nearest<BatchItem>> hits = found.get(i);
                    assertThat(hits).as("probe " + (i + 1)).hasSize(10);
                    assertThat(hits).allSatisfy(hit -> assertThat(hit.entity().category).isEqualTo(4));
                    assertThat(hits.stream().map(hit -> hit.entity().id + "=" + hit.distance()).toList())
                            .isEqualTo(single(c, probes.get(i), 10));
                }
            }
            session.beginTransaction();
            // the first on the transaction's connection also reads the installed version, once per connection
            List<List<Nearest<BatchItem>>> inTransaction = VectorQueries.batch(session, BatchItem.class, search, probes,
                    10, category, iterative);
            assertThat(inTransaction.get(0).get(0).entity()).as("the session's own instance")
                    .isSameAs(found.get(0).get(0).entity());
            assertThat(RoundTrips.during(() -> VectorQueries.batch(session, BatchItem.class, search, probes, 10, category,
                    iterative))).as("inside a transaction, with the entities already in the session").isEqualTo(1);
            session.getTransaction().commit();
        }
    }

    @Test
    void aReadOnlySearchReturnsEntitiesTheSessionNeverFlushes() {
        try (var session = sessionFactory.openSession()) {
            session.beginTransaction();
            List<Nearest<BatchItem>> hits = VectorSearch.nearest(session, BatchItem.class, "embedding", Metric.L2)
                    .to(probes.get(0)).readOnly().limit(3).list();
            assertThat(hits).hasSize(3).allSatisfy(hit -> assertThat(session.isReadOnly(hit.entity())).isTrue());
            BatchItem first = hits.get(0).entity();
            int category = first.category;
            first.category = category + 100;
            session.flush();
            session.getTransaction().commit();
            session.clear();
            assertThat(session.find(BatchItem.class, first.id).category).as("not written").isEqualTo(category);
            assertThat(VectorSearch.nearest(session, BatchItem.class, "embedding", Metric.L2).to(probes.get(0)).limit(3)
                    .list()).allSatisfy(hit -> assertThat(session.isReadOnly(hit.entity())).isFalse());
        }
    }

    @Test
    void theSearchIsReadFromTheMappingAndBadInputRefused() {
        try (var session = sessionFactory.openSession()) {
            assertThatThrownBy(() -> VectorQueries.batchSearch(session, BatchItem.class, "category", Metric.L2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("BatchItem.category is not a pgvector attribute");
            BatchSearch search = VectorQueries.batchSearch(session, BatchItem.class, "embedding", Metric.L2);
            assertThatThrownBy(() -> VectorQueries.batch(session, BatchItem.class, search, List.of(new float[3]), 5, null,
                    SearchSettings.none())).hasMessageContaining("probe 1 has 3 dimensions");
        }
    }

    private static List<String> single(Connection c, float[] probe, int k) throws SQLException {
        c.setAutoCommit(false);
        try {
            SearchSettings.builder().hnswIterativeScan(IterativeScan.STRICT_ORDER).build().applyLocal(c);
            try (PreparedStatement s = c.prepareStatement("select id, embedding <-> ? from batch_items where category = 4"
                    + " order by embedding <-> ? limit ?")) {
                s.setObject(1, new com.pgvector.PGvector(probe));
                s.setObject(2, new com.pgvector.PGvector(probe));
                s.setInt(3, k);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getLong(1) + "=" + rs.getDouble(2));
                    }
                }
                return rows;
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
    }
}
