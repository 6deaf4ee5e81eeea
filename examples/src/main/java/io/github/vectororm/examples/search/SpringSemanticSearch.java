package io.github.vectororm.examples.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.examples.support.ExampleDatabase;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;

/**
 * {@link SemanticSearch} through Spring Data: a Boot application whose {@link CorpusDocumentRepository} extends
 * vector-orm's {@code VectorSearchRepository}.
 */
public final class SpringSemanticSearch implements SemanticSearch, AutoCloseable {

    /** The application: Boot's auto-configuration plus vector-orm's starter, entities and repositories of this package. */
    @SpringBootApplication
    static class CorpusApplication {
    }

    private final ConfigurableApplicationContext context;
    private final CorpusDocumentRepository documents;

    /** @param database the database holding the {@code documents} table (schema managed elsewhere) */
    public SpringSemanticSearch(ExampleDatabase database) {
        this.context = new SpringApplicationBuilder(CorpusApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("spring.datasource.url=" + database.jdbcUrl(), "spring.jpa.hibernate.ddl-auto=none",
                        "spring.main.banner-mode=off")
                .run();
        this.documents = context.getBean(CorpusDocumentRepository.class);
    }

    @Override
    public List<SearchHit> nearest(float[] query, int k) {
        return documents.findNearest("embedding", Metric.COSINE, query, Limit.of(k)).stream()
                .map(hit -> new SearchHit(hit.entity().getId(), hit.entity().qualifiedName(), hit.entity().getText(),
                        hit.distance()))
                .toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
