package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.UnsupportedPgVectorFeatureException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hibernate.HibernateException;

/**
 * The bootstrap's version gate, run at first use instead: with {@code hibernate.boot.allow_jdbc_metadata_access=false}
 * the integrator opens no connection, so what the mapping needs (pgvector types of its attributes, features of its
 * {@code @VectorIndex} declarations) is checked on the connection of the first pgvector value bound, with the same
 * messages. Once passed it costs nothing; a failed check is repeated at the next use (an extension update fixes it).
 */
final class DeferredVersionGate {

    /** Message prefix (what needs the feature) to feature, in mapping order. */
    private final Map<String, PgVectorFeature> needs;
    private volatile boolean passed;

    DeferredVersionGate(Map<String, PgVectorFeature> needs) {
        this.needs = new LinkedHashMap<>(needs);
    }

    void check(Connection connection) throws SQLException {
        if (passed) {
            return;
        }
        Optional<PgVectorVersion> installed = PgVectorExtension.installedVersion(connection);
        if (installed.isPresent()) { // absent: nothing to gate against; the missing type is reported where it is looked up
            for (Map.Entry<String, PgVectorFeature> need : needs.entrySet()) {
                try {
                    need.getValue().requireSupportedBy(installed.get());
                } catch (UnsupportedPgVectorFeatureException e) {
                    throw new HibernateException(need.getKey() + e.getMessage(), e);
                }
            }
        }
        passed = true;
    }
}
