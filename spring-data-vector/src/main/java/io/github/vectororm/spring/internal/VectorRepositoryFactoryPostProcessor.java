package io.github.vectororm.spring.internal;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * Adds {@link VectorSearchSettingsInterceptor} to every Spring Data JPA repository, through a repository factory
 * customizer registered before the factory bean initializes (so after Spring Data's own transaction
 * post-processor: the interceptor runs inside the method's transaction).
 */
public final class VectorRepositoryFactoryPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<DefaultSearchSettings> defaults;
    private final ObjectProvider<SearchSettingsApplier> applier;
    private final ObjectProvider<EntityManagerFactory> entityManagerFactories;
    private final ObjectProvider<org.springframework.transaction.PlatformTransactionManager> transactionManagers;

    /**
     * @param defaults the default settings bean
     * @param applier the settings applier bean
     * @param entityManagerFactories the EntityManagerFactories
     * @param transactionManagers the transaction managers
     */
    public VectorRepositoryFactoryPostProcessor(ObjectProvider<DefaultSearchSettings> defaults,
            ObjectProvider<SearchSettingsApplier> applier, ObjectProvider<EntityManagerFactory> entityManagerFactories,
            ObjectProvider<org.springframework.transaction.PlatformTransactionManager> transactionManagers) {
        this.defaults = defaults;
        this.applier = applier;
        this.entityManagerFactories = entityManagerFactories;
        this.transactionManagers = transactionManagers;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof JpaRepositoryFactoryBean<?, ?, ?> factoryBean) {
            factoryBean.addRepositoryFactoryCustomizer(factory -> factory.addRepositoryProxyPostProcessor(
                    (proxy, information) -> proxy.addAdvice(new VectorSearchSettingsInterceptor(
                            information.getRepositoryInterface(), information.getDomainType(),
                            defaults.getObject().settings(), applier.getObject(),
                            entityManagerFactories, transactionManagers))));
        }
        return bean;
    }
}
