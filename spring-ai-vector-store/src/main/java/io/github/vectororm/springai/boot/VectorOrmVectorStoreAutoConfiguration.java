package io.github.vectororm.springai.boot;

import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.springai.VectorOrmVectorStore;
import io.github.vectororm.springai.internal.StoreProperties;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link VectorOrmVectorStore} on the application's DataSource and EmbeddingModel, configured
 * by {@link VectorOrmVectorStoreProperties} ({@code vectororm.spring-ai.vectorstore.*}); backs off when the
 * application defines its own {@link VectorOrmVectorStore} or sets {@code vectororm.spring-ai.vectorstore.enabled}
 * to {@code false}.
 *
 * @since 0.1.0
 */
// by name: spring-boot-jdbc is the application's choice, not a dependency of this module
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({VectorOrmVectorStore.class, EmbeddingModel.class, DataSource.class})
@ConditionalOnProperty(prefix = VectorOrmVectorStoreProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(VectorOrmVectorStoreProperties.class)
public final class VectorOrmVectorStoreAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public VectorOrmVectorStoreAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(BatchingStrategy.class)
    BatchingStrategy vectorOrmBatchingStrategy() {
        return new TokenCountBatchingStrategy();
    }

    @Bean
    @ConditionalOnBean({DataSource.class, EmbeddingModel.class})
    @ConditionalOnMissingBean
    VectorOrmVectorStore vectorOrmVectorStore(DataSource dataSource, EmbeddingModel embeddingModel,
            VectorOrmVectorStoreProperties properties, BatchingStrategy batchingStrategy,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<VectorStoreObservationConvention> observationConvention) {
        VectorOrmVectorStore.Builder builder = VectorOrmVectorStore.builder(dataSource, embeddingModel)
                .table(properties.getTable())
                .vectorType(properties.getVectorType())
                .metric(properties.getMetric())
                .index(StoreProperties.index(properties.getIndex()))
                .searchSettings(StoreProperties.settings(properties.getSearch()))
                .copyThreshold(properties.getCopyThreshold())
                .batchSize(properties.getBatchSize())
                .textSearchConfig(properties.getTextSearchConfig())
                .initializeSchema(properties.isInitializeSchema())
                .createExtension(properties.isCreateExtension())
                .batchingStrategy(batchingStrategy)
                .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
        if (properties.getDimensions() != null) {
            builder.dimensions(properties.getDimensions());
        }
        VectorStoreObservationConvention convention = observationConvention.getIfAvailable();
        if (convention != null) {
            builder.customObservationConvention(convention);
        }
        try {
            return builder.build();
        } catch (VectorValidationException e) {
            throw new IllegalArgumentException(VectorOrmVectorStoreProperties.PREFIX + ": " + e.getMessage(), e);
        }
    }
}
