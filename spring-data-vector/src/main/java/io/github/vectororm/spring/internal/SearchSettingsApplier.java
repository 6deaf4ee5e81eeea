package io.github.vectororm.spring.internal;

import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies search settings to the current transaction. The first time a feature (an iterative scan, say) is
 * used it goes through {@link SearchSettings#applyLocal}, which checks the installed pgvector has it; after
 * that the version is known to be good and only the {@code set_config} round trip remains.
 */
public final class SearchSettingsApplier {

    private final Set<PgVectorFeature> verified = ConcurrentHashMap.newKeySet();

    /**
     * @param connection the transaction's connection
     * @param settings the settings
     * @throws SQLException on a database error
     */
    public void apply(Connection connection, SearchSettings settings) throws SQLException {
        if (settings.isEmpty()) {
            return;
        }
        if (!verified.containsAll(settings.requiredFeatures()) || connection.getAutoCommit()) {
            settings.applyLocal(connection); // checks the version, refuses auto-commit with a clear message
            verified.addAll(settings.requiredFeatures());
            return;
        }
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < settings.parameters().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("set_config(?, ?, true)");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Map.Entry<String, String> parameter : settings.parameters().entrySet()) {
                statement.setString(index++, parameter.getKey());
                statement.setString(index++, parameter.getValue());
            }
            statement.execute();
        }
    }

    /**
     * Records features a startup check found supported.
     *
     * @param features the features
     */
    public void markVerified(Set<PgVectorFeature> features) {
        verified.addAll(features);
    }
}
