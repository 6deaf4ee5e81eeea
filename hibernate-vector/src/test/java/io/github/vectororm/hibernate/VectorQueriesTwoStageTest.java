package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A shortlist longer than pgvector's default ef_search of 40 reaches the re-rank in full through Hibernate. */
@PgVectorDatabase
class VectorQueriesTwoStageTest {

    private static final int DIMS = 64;
    private static final int ROWS = 3000;
    private static final int SHORTLIST = 120;

    @Entity(name = "Passage")
    @Table(name = "passages")
    public static class Passage {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        @VectorIndex(metric = Metric.HAMMING, expression = VectorIndex.Expression.BINARY_QUANTIZE)
        float[] embedding;
    }

    private static SessionFactory sessionFactory;

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", Passage.class);
        db.execute("insert into passages select i, array(select random() - 0.5 + i * 0 from generate_series(1, " + DIMS
                + "))::vector from generate_series(1, " + ROWS + ") i");
        db.execute("analyze passages");
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    private static TwoStageSearch search() {
        return TwoStageSearch.on("passages", "id", "embedding", VectorType.VECTOR, DIMS)
                .shortlist(IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING, SHORTLIST)
                .rerank(Metric.COSINE).build();
    }

    @Test
    void theWholeShortlistIsReRankedInTheCallersTransactionAndInOneOfItsOwn() {
        float[] probe = probe();
        TwoStageSearch search = search();
        // k = shortlist: every candidate of the first stage comes back
        int plain = sessionFactory.fromTransaction(session -> session.doReturningWork(connection -> {
            int n = 0;
            try (var statement = search.query(probe, SHORTLIST, null).prepare(connection); var rs = statement.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }));
        List<Nearest<Passage>> inTransaction = sessionFactory.fromTransaction(session -> {
            List<Nearest<Passage>> hits = VectorQueries.twoStage(session, Passage.class, search, probe, SHORTLIST, null);
            // the caller's transaction is left open, the shortlist's ef_search in force until it ends
            assertThat(session.getTransaction().isActive()).isTrue();
            assertThat(session.createNativeQuery("select current_setting('hnsw.ef_search')", String.class).getSingleResult())
                    .isEqualTo(String.valueOf(SHORTLIST));
            return hits;
        });
        List<Nearest<Passage>> ownTransaction;
        try (Session session = sessionFactory.openSession()) {
            ownTransaction = VectorQueries.twoStage(session, Passage.class, search, probe, SHORTLIST, null);
            assertThat(session.getTransaction().isActive()).isFalse();
        }
        System.out.printf("[measure] hibernate two-stage shortlist %d: %d candidates at the server's ef_search, %d through"
                + " VectorQueries.twoStage%n", SHORTLIST, plain, inTransaction.size());
        assertThat(plain).isEqualTo(40);
        assertThat(inTransaction).hasSize(SHORTLIST);
        assertThat(ownTransaction).extracting(hit -> hit.entity().id)
                .containsExactlyElementsOf(inTransaction.stream().map(hit -> hit.entity().id).toList());
        assertThat(inTransaction).extracting(Nearest::distance).isSorted();
    }

    @Test
    void aCallersLargerEfSearchWinsAndASmallerOneDoesNotShrinkTheShortlist() {
        float[] probe = probe();
        TwoStageSearch search = search();
        String[] efSearch = new String[1];
        List<Nearest<Passage>> smaller = sessionFactory.fromTransaction(session -> {
            List<Nearest<Passage>> hits = VectorQueries.twoStage(session, Passage.class, search, probe, SHORTLIST, null,
                    SearchSettings.builder().hnswEfSearch(20).build());
            efSearch[0] = currentEfSearch(session);
            return hits;
        });
        assertThat(smaller).hasSize(SHORTLIST);
        assertThat(efSearch[0]).isEqualTo(Integer.toString(SHORTLIST));
        sessionFactory.inTransaction(session -> {
            VectorQueries.twoStage(session, Passage.class, search, probe, 10, null,
                    SearchSettings.builder().hnswEfSearch(500).build());
            efSearch[0] = currentEfSearch(session);
        });
        assertThat(efSearch[0]).isEqualTo("500");
    }

    private static String currentEfSearch(Session session) {
        return session.createNativeQuery("select current_setting('hnsw.ef_search')", String.class).getSingleResult();
    }

    private static float[] probe() {
        Random random = new Random(3);
        float[] probe = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            probe[d] = random.nextFloat() - 0.5f;
        }
        return probe;
    }
}
