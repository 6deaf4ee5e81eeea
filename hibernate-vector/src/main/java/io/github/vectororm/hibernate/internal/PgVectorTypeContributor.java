package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.hibernate.VectorOrmHibernate;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.BasicTypeRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.StandardBasicTypes;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.descriptor.sql.spi.DdlTypeRegistry;
import org.hibernate.type.spi.TypeConfiguration;

/**
 * Registers vector-orm's JdbcTypes and DDL types for Hibernate's vector type codes on PostgreSQL, after
 * (and so over) Hibernate's own hibernate-vector module, plus JavaTypes for pgvector-java's classes.
 */
public final class PgVectorTypeContributor implements TypeContributor {

    private static final System.Logger LOG = System.getLogger(PgVectorTypeContributor.class.getName());

    /** Runs after hibernate-vector's contributor (default ordinal 1000), so these registrations win. */
    static final int ORDINAL = 1100;

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry serviceRegistry) {
        Dialect dialect = serviceRegistry.requireService(JdbcServices.class).getDialect();
        if (!(dialect instanceof PostgreSQLDialect) || !VectorOrmHibernate.isEnabled(serviceRegistry)) {
            return;
        }
        TypeConfiguration configuration = contributions.getTypeConfiguration();
        DdlTypeRegistry ddl = configuration.getDdlTypeRegistry();
        BasicTypeRegistry basicTypes = configuration.getBasicTypeRegistry();
        register(configuration, ddl, dialect, SqlTypes.VECTOR, VectorType.VECTOR);
        register(configuration, ddl, dialect, SqlTypes.VECTOR_FLOAT32, VectorType.VECTOR);
        register(configuration, ddl, dialect, SqlTypes.VECTOR_FLOAT16, VectorType.HALFVEC);
        register(configuration, ddl, dialect, SqlTypes.SPARSE_VECTOR_FLOAT32, VectorType.SPARSEVEC);
        register(configuration, ddl, dialect, SqlTypes.VECTOR_BINARY, VectorType.BIT);
        PgVectorJavaType.ALL.forEach(contributions::contributeJavaType);

        // The named basic types HQL casts and function argument resolution refer to.
        JdbcType vector = configuration.getJdbcTypeRegistry().getDescriptor(SqlTypes.VECTOR);
        basicTypes.register(basicTypes.resolve(configuration.getJavaTypeRegistry().resolveDescriptor(float[].class),
                vector), StandardBasicTypes.VECTOR.getName());
        basicTypes.register(basicTypes.resolve(configuration.getJavaTypeRegistry().resolveDescriptor(float[].class),
                configuration.getJdbcTypeRegistry().getDescriptor(SqlTypes.VECTOR_FLOAT32)), StandardBasicTypes.VECTOR_FLOAT32.getName());
        basicTypes.register(basicTypes.resolve(configuration.getJavaTypeRegistry().resolveDescriptor(float[].class),
                configuration.getJdbcTypeRegistry().getDescriptor(SqlTypes.VECTOR_FLOAT16)), StandardBasicTypes.VECTOR_FLOAT16.getName());
        LOG.log(System.Logger.Level.DEBUG, "vector-orm registered pgvector JdbcTypes (vector, halfvec, sparsevec, bit) for {0}", dialect);
    }

    private static void register(TypeConfiguration configuration, DdlTypeRegistry ddl, Dialect dialect, int code, VectorType type) {
        configuration.getJdbcTypeRegistry().addDescriptor(code, new PgVectorJdbcType(type, code));
        ddl.addDescriptor(new PgVectorDdlType(code, type, dialect));
    }

    /** The Hibernate type code vector-orm uses for a pgvector column type. */
    static int sqlTypeCode(VectorType type) {
        return switch (type) {
            case VECTOR -> SqlTypes.VECTOR;
            case HALFVEC -> SqlTypes.VECTOR_FLOAT16;
            case SPARSEVEC -> SqlTypes.SPARSE_VECTOR_FLOAT32;
            case BIT -> SqlTypes.VECTOR_BINARY;
        };
    }

    @Override
    public int ordinal() {
        return ORDINAL;
    }
}
