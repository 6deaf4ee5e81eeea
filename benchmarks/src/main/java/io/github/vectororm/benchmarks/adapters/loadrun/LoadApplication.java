package io.github.vectororm.benchmarks.adapters.loadrun;

import io.github.vectororm.benchmarks.adapters.TableNaming;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The Spring Boot application of the load run's Spring Data path: vector-orm's starter on a Hikari pool of the run's
 * thread count, {@link LoadItemRepository} over {@link LoadItem} on the k-NN table, and an iterative scan as the
 * application's default search setting ({@code vectororm.search.iterative-scan}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EntityScan(basePackageClasses = LoadItem.class)
@EnableJpaRepositories(basePackageClasses = LoadItemRepository.class)
public class LoadApplication {

    /**
     * Starts the application.
     *
     * @param jdbcUrl the database (with the load run's connection options)
     * @param qualifiedTable the k-NN table
     * @param poolSize Hikari's maximum pool size
     * @param iterativeScan the {@code vectororm.search.iterative-scan} value, e.g. {@code relaxed_order}
     * @return the running context; the caller closes it
     */
    public static ConfigurableApplicationContext start(String jdbcUrl, String qualifiedTable, int poolSize,
            String iterativeScan) {
        TableNaming naming = new TableNaming(qualifiedTable);
        return new SpringApplicationBuilder(LoadApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean(TableNaming.class, () -> naming))
                .properties("spring.datasource.url=" + jdbcUrl,
                        "spring.datasource.hikari.maximum-pool-size=" + poolSize,
                        "spring.datasource.hikari.minimum-idle=" + poolSize,
                        "spring.main.banner-mode=off",
                        "spring.main.web-application-type=none",
                        "spring.jpa.open-in-view=false",
                        "spring.jpa.hibernate.ddl-auto=none",
                        "spring.jpa.properties.hibernate.default_schema=" + naming.schema(),
                        "vectororm.search.iterative-scan=" + iterativeScan,
                        "logging.level.root=warn")
                .run();
    }
}
