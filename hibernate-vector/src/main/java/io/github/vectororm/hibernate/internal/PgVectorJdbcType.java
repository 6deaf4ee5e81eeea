package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.internal.TypeLookup;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.hibernate.boot.model.relational.Database;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.converter.spi.BasicValueConverter;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JdbcLiteralFormatter;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.descriptor.jdbc.JdbcTypeIndicators;
import org.hibernate.type.spi.TypeConfiguration;
import org.postgresql.core.BaseConnection;

/**
 * One JdbcType per pgvector column type: binds through vector-core (validated, binary once the connection
 * has the types registered, which the binder ensures) and reads binary or text results alike.
 */
public final class PgVectorJdbcType implements JdbcType {

    private static final long serialVersionUID = 1L;

    private final VectorType type;
    private final int sqlTypeCode;
    /** The version gate the bootstrap left to first use, or null when it ran (or had nothing to check). */
    private transient volatile DeferredVersionGate deferredGate;

    PgVectorJdbcType(VectorType type, int sqlTypeCode) {
        this.type = type;
        this.sqlTypeCode = sqlTypeCode;
    }

    /** Leaves the mapping's version gate to the first value this type binds. */
    void deferVersionGate(DeferredVersionGate gate) {
        this.deferredGate = gate;
    }

    /** @return the pgvector column type this JdbcType reads and writes */
    public VectorType vectorType() {
        return type;
    }

    @Override
    public int getJdbcTypeCode() {
        return sqlTypeCode;
    }

    @Override
    public int getDefaultSqlTypeCode() {
        return sqlTypeCode;
    }

    @Override
    public String getFriendlyName() {
        return type.sqlName();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> JavaType<T> getJdbcRecommendedJavaTypeMapping(Integer precision, Integer scale, TypeConfiguration configuration) {
        Class<?> javaClass = switch (type) {
            case VECTOR, HALFVEC -> float[].class;
            case SPARSEVEC -> com.pgvector.PGsparsevec.class;
            case BIT -> com.pgvector.PGbit.class;
        };
        return (JavaType<T>) configuration.getJavaTypeRegistry().resolveDescriptor(javaClass);
    }

    @Override
    public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                PgVectorTypes.ensureRegistered(st.getConnection());
                if (type != VectorType.BIT) {
                    TypeLookup.require(st.getConnection().unwrap(BaseConnection.class), type.sqlName());
                }
                DeferredVersionGate gate = deferredGate;
                if (gate != null) {
                    gate.check(st.getConnection());
                }
                st.setObject(index, VectorValues.toParameter(type, javaValue(javaType, value, options)));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options) throws SQLException {
                st.setObject(name, VectorValues.toParameter(type, javaValue(javaType, value, options)));
            }

            @Override
            protected void doBindNull(PreparedStatement st, int index, WrapperOptions options) throws SQLException {
                st.setNull(index, Types.OTHER);
            }

            @Override
            protected void doBindNull(CallableStatement st, String name, WrapperOptions options) throws SQLException {
                st.setNull(name, Types.OTHER);
            }
        };
    }

    @Override
    public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
        return new BasicExtractor<>(javaType, this) {
            @Override
            protected X doExtract(ResultSet rs, int index, WrapperOptions options) throws SQLException {
                return toJava(javaType, rs.getObject(index), options);
            }

            @Override
            protected X doExtract(CallableStatement st, int index, WrapperOptions options) throws SQLException {
                return toJava(javaType, st.getObject(index), options);
            }

            @Override
            protected X doExtract(CallableStatement st, String name, WrapperOptions options) throws SQLException {
                return toJava(javaType, st.getObject(name), options);
            }
        };
    }

    /** The value in a Java type vector-core handles: itself, or unwrapped to float[] (e.g. Spring Data's Vector). */
    Object javaValue(JavaType<?> javaType, Object value, WrapperOptions options) {
        if (VectorValues.supports(type, value.getClass())) {
            return value;
        }
        @SuppressWarnings("unchecked")
        JavaType<Object> raw = (JavaType<Object>) javaType;
        Class<?> carrier = type == VectorType.BIT ? boolean[].class : float[].class;
        return raw.unwrap(value, carrier, options);
    }

    private <X> X toJava(JavaType<X> javaType, Object jdbcValue, WrapperOptions options) {
        if (jdbcValue == null) {
            return null;
        }
        Class<X> target = javaType.getJavaTypeClass();
        if (VectorValues.supports(type, target)) {
            return VectorValues.fromResult(type, jdbcValue, target);
        }
        Class<?> carrier = type == VectorType.BIT ? boolean[].class : float[].class;
        return javaType.wrap(VectorValues.fromResult(type, jdbcValue, carrier), options);
    }

    @Override
    public <T> JdbcLiteralFormatter<T> getJdbcLiteralFormatter(JavaType<T> javaType) {
        // the text forms hold only digits, signs, '.', 'e', brackets, ':', '/' and 0/1: safe inside quotes
        return (appender, value, dialect, options) -> appender.appendSql(
                "cast('" + VectorValues.toText(type, javaValue(javaType, value, options)) + "' as " + type.sqlName() + ")");
    }

    @Override
    public void addAuxiliaryDatabaseObjects(JavaType<?> javaType, BasicValueConverter<?, ?> converter, Size columnSize,
            Database database, JdbcTypeIndicators context) {
        database.addAuxiliaryDatabaseObject(PgVectorExtensionObject.INSTANCE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgVectorJdbcType other && other.type == type && other.sqlTypeCode == sqlTypeCode;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + sqlTypeCode;
    }

    @Override
    public String toString() {
        return "PgVectorJdbcType(" + type.sqlName() + ")";
    }
}
