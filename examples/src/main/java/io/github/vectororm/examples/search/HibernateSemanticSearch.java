package io.github.vectororm.examples.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorSearch;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/** {@link SemanticSearch} through Hibernate: the typed {@link VectorSearch} over the {@link CorpusDocument} entity. */
public final class HibernateSemanticSearch implements SemanticSearch, AutoCloseable {

    private final SessionFactory sessionFactory;

    /** @param database the database holding the {@code documents} table (schema managed elsewhere) */
    public HibernateSemanticSearch(ExampleDatabase database) {
        this.sessionFactory = new Configuration().addAnnotatedClass(CorpusDocument.class)
                .setProperty(AvailableSettings.JAKARTA_JDBC_URL, database.jdbcUrl())
                .setProperty(AvailableSettings.HBM2DDL_AUTO, "none")
                .buildSessionFactory();
    }

    @Override
    public List<SearchHit> nearest(float[] query, int k) {
        List<Nearest<CorpusDocument>> hits = sessionFactory.fromSession(session ->
                VectorSearch.nearest(session, CorpusDocument.class, "embedding", Metric.COSINE).to(query).limit(k).list());
        return hits.stream().map(hit -> new SearchHit(hit.entity().getId(), hit.entity().qualifiedName(),
                hit.entity().getText(), hit.distance())).toList();
    }

    @Override
    public void close() {
        sessionFactory.close();
    }
}
