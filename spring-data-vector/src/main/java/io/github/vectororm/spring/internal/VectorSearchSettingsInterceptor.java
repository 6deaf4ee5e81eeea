package io.github.vectororm.spring.internal;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.spring.VectorSearchRepository;
import io.github.vectororm.spring.VectorSearchSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies search settings ({@code vectororm.search.*} defaults, overridden by {@link VectorSearchSettings}) with
 * {@code SET LOCAL} in the transaction of each vector query method of one repository: derived {@code Near}/
 * {@code Within} queries (a {@link Vector} parameter or a {@link SearchResults} result), the
 * {@link VectorSearchRepository} methods, and any method carrying the annotation. Runs inside Spring Data's
 * transaction interceptor; opens a transaction itself when none is active. The method's settings are also made
 * {@linkplain MethodSearchSettings#current() current} for its call, for the fragment's per-partition searches to check
 * against the shards (which {@code SET LOCAL} on the coordinator does not reach).
 */
public final class VectorSearchSettingsInterceptor implements MethodInterceptor {

    private final Class<?> repositoryInterface;
    private final Class<?> domainType;
    private final SearchSettings defaults;
    private final SearchSettingsApplier applier;
    private final ObjectProvider<EntityManagerFactory> entityManagerFactories;
    private final ObjectProvider<PlatformTransactionManager> transactionManagers;
    private final Map<Method, SearchSettings> settingsByMethod = new ConcurrentHashMap<>();
    private volatile @Nullable EntityManagerFactory entityManagerFactory;

    /**
     * Creates the interceptor and checks every annotation of the repository, so a bad value fails at startup.
     *
     * @param repositoryInterface the repository interface
     * @param domainType its entity type
     * @param defaults the configured default settings
     * @param applier applies settings to a connection
     * @param entityManagerFactories the context's EntityManagerFactories (the one managing the domain type is used)
     * @param transactionManagers for methods called outside a transaction
     * @throws IllegalArgumentException naming the method and the bad annotation value
     */
    public VectorSearchSettingsInterceptor(Class<?> repositoryInterface, Class<?> domainType, SearchSettings defaults,
            SearchSettingsApplier applier, ObjectProvider<EntityManagerFactory> entityManagerFactories,
            ObjectProvider<PlatformTransactionManager> transactionManagers) {
        this.repositoryInterface = repositoryInterface;
        this.domainType = domainType;
        this.defaults = defaults;
        this.applier = applier;
        this.entityManagerFactories = entityManagerFactories;
        this.transactionManagers = transactionManagers;
        for (Method method : repositoryInterface.getMethods()) {
            settingsByMethod.put(method, resolve(method));
        }
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        SearchSettings settings = settingsByMethod.computeIfAbsent(invocation.getMethod(), this::resolve);
        SearchSettings previous = MethodSearchSettings.enter(settings);
        try {
            return invoke(invocation, settings);
        } finally {
            MethodSearchSettings.restore(previous);
        }
    }

    private @Nullable Object invoke(MethodInvocation invocation, SearchSettings settings) throws Throwable {
        if (settings.isEmpty()) {
            return invocation.proceed();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            apply(settings);
            return invocation.proceed();
        }
        PlatformTransactionManager transactionManager = transactionManagers.getIfUnique();
        if (transactionManager == null) {
            throw new IllegalStateException(repositoryInterface.getSimpleName() + "." + invocation.getMethod().getName()
                    + " has search settings " + settings.parameters() + ", which last for a transaction only, and there is"
                    + " no single transaction manager to open one: annotate the method with @Transactional");
        }
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        Throwable[] failure = new Throwable[1];
        Object result = transaction.execute(status -> {
            apply(settings);
            try {
                return invocation.proceed();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                failure[0] = e;
                status.setRollbackOnly();
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }

    private void apply(SearchSettings settings) {
        EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory());
        if (entityManager == null) {
            throw new IllegalStateException("no transactional EntityManager for " + domainType.getName());
        }
        entityManager.unwrap(Session.class).doWork(connection -> applier.apply(connection, settings));
    }

    private EntityManagerFactory entityManagerFactory() {
        EntityManagerFactory found = entityManagerFactory;
        if (found == null) {
            found = entityManagerFactories.orderedStream().filter(this::manages).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no EntityManagerFactory manages " + domainType.getName()));
            entityManagerFactory = found;
        }
        return found;
    }

    private boolean manages(EntityManagerFactory factory) {
        try {
            factory.getMetamodel().managedType(domainType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private SearchSettings resolve(Method method) {
        VectorSearchSettings onMethod = AnnotatedElementUtils.findMergedAnnotation(method, VectorSearchSettings.class);
        String where = repositoryInterface.getSimpleName() + "." + method.getName();
        if (onMethod != null) {
            return defaults.withOverrides(SearchSettingsFactory.fromAnnotation(onMethod, where));
        }
        if (!isVectorQuery(method)) {
            return SearchSettings.none();
        }
        VectorSearchSettings onType = AnnotatedElementUtils.findMergedAnnotation(repositoryInterface, VectorSearchSettings.class);
        return onType == null ? defaults
                : defaults.withOverrides(SearchSettingsFactory.fromAnnotation(onType, repositoryInterface.getSimpleName()));
    }

    /** A derived vector search, or one of the fragment's searches (k-NN by metric, two-stage, hybrid). */
    private static boolean isVectorQuery(Method method) {
        Class<?> returnType = method.getReturnType();
        return SearchResults.class.isAssignableFrom(returnType) || SearchResult.class.isAssignableFrom(returnType)
                || Arrays.stream(method.getParameterTypes()).anyMatch(type -> Vector.class.isAssignableFrom(type)
                        || type == Metric.class || type == TwoStageSearch.class || type == HybridSearch.class);
    }
}
