package io.github.vectororm.spring;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.hibernate.VectorSearch;
import io.github.vectororm.spring.internal.DefaultSearchSettings;
import io.github.vectororm.spring.internal.PgVectorDataSourcePostProcessor;
import io.github.vectororm.spring.internal.PgVectorStartupCheck;
import io.github.vectororm.spring.internal.SearchSettingsApplier;
import io.github.vectororm.spring.internal.SearchSettingsFactory;
import io.github.vectororm.spring.internal.VectorRepositoryFactoryPostProcessor;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of vector-orm for a PostgreSQL DataSource: creates the pgvector extension as the DataSource
 * starts (before Flyway, Liquibase or Hibernate use it), registers pgvector's binary format on Hikari pools,
 * checks the installed version against the configured search settings, and applies those settings to the vector
 * queries of Spring Data JPA repositories. Configured by {@link VectorOrmProperties} ({@code vectororm.*}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class})
@ConditionalOnClass({PGConnection.class, PgVectorExtension.class})
@EnableConfigurationProperties(VectorOrmProperties.class)
public final class VectorOrmAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public VectorOrmAutoConfiguration() {
    }

    @Bean
    static PgVectorDataSourcePostProcessor vectorOrmDataSourcePostProcessor(Environment environment) {
        // bound here, not injected: post-processors are created before configuration-properties beans
        VectorOrmProperties properties = Binder.get(environment).bind("vectororm", VectorOrmProperties.class)
                .orElseGet(VectorOrmProperties::new);
        return new PgVectorDataSourcePostProcessor(properties.isBinaryTransfer(), properties.isCreateExtension());
    }

    @Bean
    @ConditionalOnMissingBean
    DefaultSearchSettings vectorOrmDefaultSearchSettings(VectorOrmProperties properties) {
        return new DefaultSearchSettings(SearchSettingsFactory.fromProperties(properties.getSearch()));
    }

    @Bean
    @ConditionalOnMissingBean
    SearchSettingsApplier vectorOrmSearchSettingsApplier() {
        return new SearchSettingsApplier();
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean
    PgVectorStartupCheck vectorOrmStartupCheck(DataSource dataSource, DefaultSearchSettings defaults,
            SearchSettingsApplier applier) {
        return new PgVectorStartupCheck(dataSource, defaults.settings(), applier);
    }

    /** Search settings for Spring Data JPA repositories. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({JpaRepositoryFactoryBean.class, VectorSearch.class})
    static class RepositoryConfiguration {

        @Bean
        static VectorRepositoryFactoryPostProcessor vectorOrmRepositoryFactoryPostProcessor(
                ObjectProvider<DefaultSearchSettings> defaults, ObjectProvider<SearchSettingsApplier> applier,
                ObjectProvider<EntityManagerFactory> entityManagerFactories,
                ObjectProvider<PlatformTransactionManager> transactionManagers) {
            return new VectorRepositoryFactoryPostProcessor(defaults, applier, entityManagerFactories, transactionManagers);
        }
    }
}
