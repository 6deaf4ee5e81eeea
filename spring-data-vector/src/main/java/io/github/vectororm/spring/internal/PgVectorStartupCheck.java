package io.github.vectororm.spring.internal;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.UnsupportedPgVectorFeatureException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Fails the startup when the installed pgvector lacks what the configured default search settings need (an
 * iterative scan needs 0.8.0). Runs after every singleton is created, so after Flyway or Liquibase have created
 * the extension. The {@code @VectorIndex} declarations are checked by vector-orm's Hibernate integrator.
 */
public final class PgVectorStartupCheck implements SmartInitializingSingleton {

    private final DataSource dataSource;
    private final SearchSettings defaults;
    private final SearchSettingsApplier applier;

    /**
     * @param dataSource the application's DataSource
     * @param defaults the {@code vectororm.search.*} settings
     * @param applier told which features were found supported
     */
    public PgVectorStartupCheck(DataSource dataSource, SearchSettings defaults, SearchSettingsApplier applier) {
        this.dataSource = dataSource;
        this.defaults = defaults;
        this.applier = applier;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (defaults.requiredFeatures().isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<PgVectorVersion> installed = PgVectorExtension.installedVersion(connection);
            if (installed.isEmpty()) {
                throw new IllegalStateException("vectororm.search settings " + defaults.parameters()
                        + " need the pgvector extension, which is not created in database " + connection.getCatalog());
            }
            for (PgVectorFeature feature : defaults.requiredFeatures()) {
                try {
                    feature.requireSupportedBy(installed.get());
                } catch (UnsupportedPgVectorFeatureException e) {
                    throw new IllegalStateException("vectororm.search settings " + defaults.parameters() + " cannot be used: "
                            + e.getMessage(), e);
                }
            }
            applier.markVerified(defaults.requiredFeatures());
        } catch (SQLException e) {
            throw new IllegalStateException("vector-orm could not read the installed pgvector version: " + e.getMessage(), e);
        }
    }
}
