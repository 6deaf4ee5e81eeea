package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

/** Runs the README's Hibernate section. */
@PgVectorDatabase
class HibernateReadmeTest {

    // tag::hibernate-entity[]
    @Entity(name = "Document")
    public static class Document {
        @Id
        Long id;

        String category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.COSINE, m = 16, efConstruction = 64)
        float[] embedding;
    }
    // end::hibernate-entity[]

    static Document document(long id, String category, float... embedding) {
        Document d = new Document();
        d.id = id;
        d.category = category;
        d.embedding = embedding;
        return d;
    }

    @Test
    void readmeSnippetsRun(TestDatabase db) {
        try (SessionFactory sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", Document.class)) {
            sessionFactory.inTransaction(session -> {
                session.persist(document(1, "news", 1, 0, 0));
                session.persist(document(2, "news", 0.9f, 0.1f, 0));
                session.persist(document(3, "blog", 0.8f, 0.2f, 0));
                session.persist(document(4, "news", 0, 1, 0));
            });
            float[] queryEmbedding = {1, 0.05f, 0};
            sessionFactory.inTransaction(session -> {
                // tag::hibernate-query[]
                // HQL: the distance functions render pgvector's operators, so the index serves ORDER BY ... LIMIT
                List<Document> nearest = session.createSelectionQuery(
                                "from Document d order by cosine_distance(d.embedding, :q)", Document.class)
                        .setParameter("q", queryEmbedding)
                        .setMaxResults(3)
                        .getResultList();

                // the typed API: entity and distance, Criteria filters, per-query search settings
                List<Nearest<Document>> news = VectorSearch.nearest(session, Document.class, "embedding", Metric.COSINE)
                        .to(queryEmbedding)
                        .where((cb, d) -> cb.equal(d.get("category"), "news"))
                        .settings(SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build())
                        .limit(2).list();
                // end::hibernate-query[]
                assertThat(nearest).extracting(d -> d.id).containsExactly(1L, 2L, 3L);
                assertThat(news).extracting(n -> n.entity().id).containsExactly(1L, 2L);
                assertThat(news.get(0).distance()).isLessThan(news.get(1).distance());
            });
        }
        ReadmeSnippets.assertReadmeShows(HibernateReadmeTest.class, "hibernate-entity");
        ReadmeSnippets.assertPageShows("docs/hibernate.md", HibernateReadmeTest.class, "hibernate-entity");
        ReadmeSnippets.assertReadmeShows(HibernateReadmeTest.class, "hibernate-query");
        ReadmeSnippets.assertPageShows("docs/hibernate.md", HibernateReadmeTest.class, "hibernate-query");
    }
}
