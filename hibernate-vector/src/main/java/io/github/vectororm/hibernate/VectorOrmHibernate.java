package io.github.vectororm.hibernate;

import java.util.Map;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.service.ServiceRegistry;

/**
 * Configuration of vector-orm's Hibernate integration.
 *
 * <p>It registers itself through Hibernate's service loader as soon as the jar is on the classpath, and only
 * acts for PostgreSQL dialects. Setting {@value #ENABLED} to {@code false} turns it off entirely (leaving
 * Hibernate's own hibernate-vector module, if present, in charge).
 *
 * @since 0.1.0
 */
public final class VectorOrmHibernate {

    /** Configuration property: {@code false} disables every vector-orm contributor. Default {@code true}. */
    public static final String ENABLED = "vectororm.hibernate.enabled";

    private VectorOrmHibernate() {
    }

    /**
     * Tells whether vector-orm's Hibernate integration is enabled for this bootstrap.
     *
     * @param serviceRegistry the registry of the Hibernate bootstrap
     * @return whether the integration is enabled by configuration
     */
    public static boolean isEnabled(ServiceRegistry serviceRegistry) {
        ConfigurationService configuration = serviceRegistry.getService(ConfigurationService.class);
        return configuration == null || isEnabled(configuration.getSettings());
    }

    /**
     * Tells whether vector-orm's Hibernate integration is enabled by these settings.
     *
     * @param settings Hibernate settings
     * @return whether the integration is enabled by these settings
     */
    public static boolean isEnabled(Map<String, Object> settings) {
        Object value = settings.get(ENABLED);
        return value == null || !"false".equalsIgnoreCase(value.toString().strip());
    }
}
