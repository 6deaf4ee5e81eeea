package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.UnsupportedPgVectorFeatureException;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.hibernate.VectorOrmHibernate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.HibernateException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.internal.util.config.ConfigurationHelper;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.hibernate.type.SqlTypes;

/**
 * At SessionFactory start: validates every {@code @VectorIndex} (so a bad declaration fails the bootstrap),
 * checks the installed pgvector has what they need, reports missing indexes under {@code validate}, and
 * installs the listener that checks vector values before they are written. With
 * {@code hibernate.boot.allow_jdbc_metadata_access=false} it opens no connection unless schema validation is on, and
 * leaves the version gate to the first pgvector value bound.
 */
public final class PgVectorIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        if (!(sessionFactory.getJdbcServices().getDialect() instanceof PostgreSQLDialect)
                || !VectorOrmHibernate.isEnabled(sessionFactory.getProperties())) {
            return;
        }
        EventListenerRegistry listeners = sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
        listeners.appendListeners(EventType.PRE_INSERT, VectorValueValidator.INSTANCE);
        listeners.appendListeners(EventType.PRE_UPDATE, VectorValueValidator.INSTANCE);

        List<VectorIndexObject> indexes = new ArrayList<>();
        for (var object : metadata.getDatabase().getAuxiliaryDatabaseObjects()) {
            if (object instanceof VectorIndexObject index) {
                index.definition(index.table().getName()); // throws for an invalid declaration
                indexes.add(index);
            }
        }
        // hibernate.boot.allow_jdbc_metadata_access=false means "no connection at bootstrap": the version gate then
        // runs at first use, on the connection of the first pgvector value bound (k-NN features gate themselves per
        // query). Schema validation connects whatever that setting says, so under validate everything runs here.
        boolean connect = isValidate(sessionFactory.getProperties()) || allowsMetadataAccess(sessionFactory.getProperties());
        Map<String, PgVectorFeature> typedAttributes = typedAttributes(metadata);
        if (indexes.isEmpty() && typedAttributes.isEmpty()) {
            return;
        }
        if (connect) {
            checkDatabase(indexes, typedAttributes, sessionFactory, defaultSchema(metadata));
        } else {
            deferVersionGate(indexes, typedAttributes, sessionFactory);
        }
    }

    private static void deferVersionGate(List<VectorIndexObject> indexes, Map<String, PgVectorFeature> typedAttributes,
            SessionFactoryImplementor sessionFactory) {
        Map<String, PgVectorFeature> needs = new LinkedHashMap<>();
        typedAttributes.forEach((attribute, feature) -> needs.put(attribute + ": ", feature));
        for (VectorIndexObject index : indexes) {
            IndexDefinition definition = index.definition(index.table().getName());
            for (PgVectorFeature feature : definition.requiredFeatures()) {
                needs.putIfAbsent(index.attributePath() + ": @VectorIndex " + definition.name() + " cannot be created: ", feature);
            }
        }
        if (needs.isEmpty()) {
            return;
        }
        DeferredVersionGate gate = new DeferredVersionGate(needs);
        var registry = sessionFactory.getTypeConfiguration().getJdbcTypeRegistry();
        for (VectorType type : VectorType.values()) {
            if (registry.findDescriptor(PgVectorTypeContributor.sqlTypeCode(type)) instanceof PgVectorJdbcType jdbcType) {
                jdbcType.deferVersionGate(gate);
            }
        }
        if (registry.findDescriptor(SqlTypes.VECTOR_FLOAT32) instanceof PgVectorJdbcType float32) {
            float32.deferVersionGate(gate);
        }
    }

    /** Attributes mapped to a pgvector type newer than the oldest supported pgvector, with the feature each needs. */
    private static Map<String, PgVectorFeature> typedAttributes(Metadata metadata) {
        Map<String, PgVectorFeature> attributes = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            for (Property property : entity.getPropertyClosure()) {
                if (property.getValue() instanceof BasicValue value
                        && value.resolve().getJdbcType() instanceof PgVectorJdbcType vector) {
                    vector.vectorType().requiredFeature().ifPresent(feature ->
                            attributes.put(entity.getEntityName() + "." + property.getName(), feature));
                }
            }
        }
        return attributes;
    }

    private static String defaultSchema(Metadata metadata) {
        var schema = metadata.getDatabase().getDefaultNamespace().getPhysicalName().schema();
        return schema == null ? null : schema.getText();
    }

    private static void checkDatabase(List<VectorIndexObject> indexes, Map<String, PgVectorFeature> typedAttributes,
            SessionFactoryImplementor sessionFactory, String defaultSchema) {
        JdbcConnectionAccess access = sessionFactory.getJdbcServices().getBootstrapJdbcConnectionAccess();
        boolean validate = isValidate(sessionFactory.getProperties());
        try {
            Connection connection = access.obtainConnection();
            try {
                Optional<PgVectorVersion> version = installedOrAvailable(connection);
                if (version.isPresent()) {
                    for (Map.Entry<String, PgVectorFeature> attribute : typedAttributes.entrySet()) {
                        try {
                            attribute.getValue().requireSupportedBy(version.get());
                        } catch (UnsupportedPgVectorFeatureException e) {
                            throw new HibernateException(attribute.getKey() + ": " + e.getMessage(), e);
                        }
                    }
                }
                for (VectorIndexObject index : indexes) {
                    IndexDefinition definition = index.definition(index.table().getName());
                    if (version.isPresent()) {
                        for (PgVectorFeature feature : definition.requiredFeatures()) {
                            try {
                                feature.requireSupportedBy(version.get());
                            } catch (UnsupportedPgVectorFeatureException e) {
                                throw new HibernateException(index.attributePath() + ": @VectorIndex " + definition.name()
                                        + " cannot be created: " + e.getMessage(), e);
                            }
                        }
                    }
                    if (validate && !indexExists(connection, index, definition, defaultSchema)) {
                        throw new SchemaManagementException("Schema validation: missing vector index [" + definition.name()
                                + "] on table [" + index.table().getName() + "] declared by " + index.attributePath()
                                + "; expected: " + definition.createSql());
                    }
                }
            } finally {
                access.releaseConnection(connection);
            }
        } catch (SQLException e) {
            throw new HibernateException("vector-orm could not check the pgvector indexes: " + e.getMessage(), e);
        }
    }

    private static Optional<PgVectorVersion> installedOrAvailable(Connection connection) throws SQLException {
        Optional<PgVectorVersion> installed = PgVectorExtension.installedVersion(connection);
        return installed.isPresent() ? installed : PgVectorExtension.availableVersion(connection);
    }

    private static boolean indexExists(Connection connection, VectorIndexObject index, IndexDefinition definition,
            String defaultSchema) throws SQLException {
        String schema = index.table().getSchema() != null ? index.table().getSchema() : defaultSchema;
        try (PreparedStatement statement = connection.prepareStatement("select 1 from pg_indexes where indexname = ?"
                + " and tablename = ? and schemaname = coalesce(?, current_schema())")) {
            statement.setString(1, unquote(definition.name()));
            statement.setString(2, unquote(index.table().getName()));
            statement.setString(3, schema == null ? null : unquote(schema));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean allowsMetadataAccess(Map<String, Object> settings) {
        return ConfigurationHelper.getBoolean(JdbcSettings.ALLOW_METADATA_ON_BOOT, settings, true);
    }

    private static boolean isValidate(Map<String, Object> settings) {
        Object auto = settings.get(AvailableSettings.HBM2DDL_AUTO);
        Object action = settings.get(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION);
        return "validate".equalsIgnoreCase(String.valueOf(auto).strip()) || "validate".equalsIgnoreCase(String.valueOf(action).strip());
    }
}
