package io.github.vectororm.benchmarks.adapters.spring;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import io.github.vectororm.benchmarks.adapters.TableNaming;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The Spring Boot application of the Spring Data benchmarks: vector-orm's starter auto-configured on a Hikari pool,
 * {@link BenchItemRepository} over {@link BenchItem}, mapped onto the benchmark's table by a {@link TableNaming}
 * bean (Boot's JPA configuration takes a {@code PhysicalNamingStrategy} bean in place of its own).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EntityScan(basePackageClasses = BenchItem.class)
@EnableJpaRepositories(basePackageClasses = BenchItemRepository.class)
public class BenchApplication {

    /**
     * Starts the application.
     *
     * @param jdbcUrl the database
     * @param qualifiedTable the table {@link BenchItem} maps to
     * @param batchSize {@code hibernate.jdbc.batch_size}
     * @param properties further properties, {@code name=value} (e.g. {@code vectororm.search.ef-search=40})
     * @return the running context; the caller closes it
     */
    public static ConfigurableApplicationContext start(String jdbcUrl, String qualifiedTable, int batchSize,
            String... properties) {
        TableNaming naming = new TableNaming(qualifiedTable);
        return new SpringApplicationBuilder(BenchApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean(TableNaming.class, () -> naming))
                .properties("spring.datasource.url=" + jdbcUrl,
                        "spring.datasource.hikari.maximum-pool-size=2",
                        "spring.main.banner-mode=off",
                        "spring.main.web-application-type=none",
                        "spring.jpa.open-in-view=false",
                        "spring.jpa.hibernate.ddl-auto=none",
                        "spring.jpa.properties.hibernate.default_schema=" + naming.schema(),
                        "spring.jpa.properties.hibernate.jdbc.batch_size=" + batchSize,
                        "logging.level.root=warn")
                .properties(properties)
                .run();
    }
}
