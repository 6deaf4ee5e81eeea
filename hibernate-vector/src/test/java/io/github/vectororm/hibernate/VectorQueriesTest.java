package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hybrid and two-stage searches declared on an entity's table return managed entities in rank order. */
@PgVectorDatabase
class VectorQueriesTest {

    @Entity(name = "Article")
    @Table(name = "articles")
    public static class Article {
        @Id
        Long id;

        String title;

        boolean published;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 4)
        @VectorIndex(metric = Metric.COSINE)
        @VectorIndex(metric = Metric.HAMMING, expression = VectorIndex.Expression.BINARY_QUANTIZE)
        float[] embedding;

        Article() {
        }

        Article(long id, String title, boolean published, float... embedding) {
            this.id = id;
            this.title = title;
            this.published = published;
            this.embedding = embedding;
        }
    }

    private static SessionFactory sessionFactory;

    @BeforeAll
    static void load(TestDatabase db) {
        sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", Article.class);
        sessionFactory.inTransaction(session -> {
            session.persist(new Article(1, "Sharks of the deep ocean", true, 1, 0.1f, 0, 0));
            session.persist(new Article(2, "Dolphins and whales", true, 0.9f, 0.2f, 0, 0));
            session.persist(new Article(3, "Ocean currents explained", true, 0, 0, 1, 0));
            session.persist(new Article(4, "Mountain eagles", true, 0, 1, 0, 0.1f));
            session.persist(new Article(5, "Draft: ocean sharks", false, 1, 0, 0, 0));
        });
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    @Test
    void hybridSearchFusesTextAndVectorRanks() {
        HybridSearch search = HybridSearch.on("articles", "id").vector("embedding", VectorType.VECTOR, Metric.COSINE)
                .text(TextSource.document("english", "title")).build();
        List<VectorQueries.HybridHit<Article>> hits = sessionFactory.fromTransaction(session -> VectorQueries.hybrid(session,
                Article.class, search, new float[] {1, 0, 0, 0}, "ocean", 3, Filter.of("published")));
        // sharks: near and about the ocean; ocean currents: far but about the ocean (found by both sides);
        // dolphins: near only
        assertThat(hits).extracting(h -> h.entity().id).containsExactly(1L, 3L, 2L);
        assertThat(hits.get(0).vectorRank()).isEqualTo(1);
        assertThat(hits.get(0).textRank()).isNotNull();
        assertThat(hits.get(1).vectorRank()).isNotNull();
        assertThat(hits.get(1).textRank()).isNotNull();
        assertThat(hits.get(2).textRank()).as("dolphins: no 'ocean' in the title").isNull();
        assertThat(hits.get(2).vectorRank()).isEqualTo(2);
        assertThat(hits).extracting(VectorQueries.HybridHit::fusedScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void twoStageSearchReranksAQuantizedShortlist() {
        TwoStageSearch search = TwoStageSearch.on("articles", "id", "embedding", VectorType.VECTOR, 4)
                .shortlist(IndexedExpression.binaryQuantize("embedding", 4), Metric.HAMMING, 4)
                .rerank(Metric.COSINE).build();
        List<Nearest<Article>> hits = sessionFactory.fromTransaction(session -> VectorQueries.twoStage(session,
                Article.class, search, new float[] {1, 0.15f, 0, 0}, 2, null));
        assertThat(hits).extracting(h -> h.entity().id).containsExactly(1L, 2L);
        assertThat(hits.get(0).distance()).isLessThan(hits.get(1).distance());
    }
}
