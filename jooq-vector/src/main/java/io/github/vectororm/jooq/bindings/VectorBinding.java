package io.github.vectororm.jooq.bindings;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.internal.TypeLookup;
import io.github.vectororm.jooq.converters.VectorConverter;
import io.github.vectororm.jooq.internal.PostgresDialects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.RenderContext;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PGobject;

/**
 * Binds a pgvector column type ({@code vector}, {@code halfvec}, {@code sparsevec}, {@code bit}) to a Java type.
 *
 * <p>Bind values render as {@code cast(? as vector)} so the server types them, and travel as the
 * binary-capable {@code PGobject} of vector-core's {@code VectorValues}: in pgvector's binary format when
 * the connection registered the types ({@code PgVectorTypes.register} or {@code PgVectorTypes.withBinaryTransfer}),
 * as text otherwise. Results are read with {@code getObject} in either format. Nulls pass through.
 * The no-argument subclasses ({@link FloatVectorBinding}, {@link PGvectorBinding}, ...) are the ones to name in
 * a code generator {@code <forcedType>}.
 *
 * <p>The database-side type {@code T} is what jOOQ's code generator declares the column as: {@code Object} for
 * pgvector's own types, {@code String} for the built-in {@code bit}. It only types the generated code: values are
 * always bound and read as described above.
 *
 * @param <T> the database-side type jOOQ declares the column as ({@code Object} or {@code String})
 * @param <U> the Java type
 * @since 0.1.0
 */
public class VectorBinding<T, U> implements Binding<T, U> {

    private static final long serialVersionUID = 1L;

    /** Converts between the column's values and the Java type. */
    private final VectorConverter<U> converter;
    /** The converter this binding was declared with. */
    private final Converter<T, U> declaredConverter;

    /**
     * A binding for a column type and Java type.
     *
     * @param databaseType the database-side type jOOQ declares: {@code Object.class} or {@code String.class}
     * @param vectorType the column type
     * @param userType the Java type
     * @param dimensions the declared dimensions to check values against, or 0 for any
     * @throws IllegalArgumentException if the Java type does not map to the column type, or the database type is
     *         neither {@code Object} nor {@code String}
     * @since 0.1.0
     */
    public VectorBinding(Class<T> databaseType, VectorType vectorType, Class<U> userType, int dimensions) {
        this.converter = new VectorConverter<>(vectorType, userType, dimensions);
        if (databaseType != Object.class && databaseType != String.class) {
            throw new IllegalArgumentException("a " + vectorType.sqlName() + " binding is declared as Object or String, not "
                    + databaseType.getName());
        }
        this.declaredConverter = Converter.ofNullable(databaseType, userType, converter::from,
                value -> databaseType.cast(databaseType == String.class ? ((PGobject) converter.to(value)).getValue()
                        : converter.to(value)));
    }

    /**
     * The column type this binding renders casts for.
     *
     * @return the column type
     * @since 0.1.0
     */
    public final VectorType vectorType() {
        return converter.vectorType();
    }

    /**
     * The declared dimensions values are checked against.
     *
     * @return the dimensions, or 0 when any are accepted
     * @since 0.1.0
     */
    public final int dimensions() {
        return converter.dimensions();
    }

    /**
     * The converter between the declared database-side type and the Java type (a {@code PGobject} or its text
     * form); binding itself goes through {@link VectorConverter}.
     *
     * @return the converter
     * @since 0.1.0
     */
    @Override
    public final Converter<T, U> converter() {
        return declaredConverter;
    }

    /**
     * Renders the bind variable (or an inlined literal) cast to the column type.
     *
     * @param ctx the render context
     * @throws org.jooq.exception.SQLDialectNotSupportedException outside the PostgreSQL dialect family
     * @since 0.1.0
     */
    @Override
    public final void sql(BindingSQLContext<U> ctx) throws SQLException {
        PostgresDialects.require(ctx, vectorType().sqlName() + " bind value");
        RenderContext render = ctx.render();
        render.sql("cast(");
        if (render.paramType() == ParamType.INLINED) {
            PGobject parameter = (PGobject) converter.to(ctx.value());
            render.visit(DSL.inline(parameter == null ? null : parameter.getValue()));
        } else {
            render.sql(ctx.variable());
        }
        render.sql(" as ").sql(castType()).sql(")");
    }

    /**
     * The type bind values are cast to: the column type's name, except {@code varbit} for {@code bit}, because
     * PostgreSQL reads a bare {@code bit} as {@code bit(1)}.
     *
     * @return the SQL type name
     * @since 0.1.0
     */
    public final String castType() {
        return vectorType() == VectorType.BIT ? "varbit" : vectorType().sqlName();
    }

    /**
     * Registers an OUT parameter of a procedure call.
     *
     * @param ctx the register context
     * @since 0.1.0
     */
    @Override
    public final void register(BindingRegisterContext<U> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.OTHER);
    }

    /**
     * Binds a value with {@code setObject}, validated and converted by the {@link #converter()}.
     *
     * @param ctx the statement context
     * @throws io.github.vectororm.core.VectorValidationException if the value is invalid for the column
     * @since 0.1.0
     */
    @Override
    public final void set(BindingSetStatementContext<U> ctx) throws SQLException {
        Object parameter = converter.to(ctx.value());
        if (parameter == null) {
            ctx.statement().setNull(ctx.index(), Types.OTHER);
        } else {
            if (vectorType() != VectorType.BIT) { // repairs a connection opened before CREATE EXTENSION vector
                TypeLookup.require(ctx.statement().getConnection().unwrap(BaseConnection.class), vectorType().sqlName());
            }
            ctx.statement().setObject(ctx.index(), parameter);
        }
    }

    /**
     * Not supported: pgvector values inside user-defined types.
     *
     * @param ctx the SQLOutput context
     * @throws SQLFeatureNotSupportedException always
     * @since 0.1.0
     */
    @Override
    public final void set(BindingSetSQLOutputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException(vectorType().sqlName() + " attributes of user-defined types are not supported");
    }

    /**
     * Reads a result column with {@code getObject}.
     *
     * @param ctx the result set context
     * @since 0.1.0
     */
    @Override
    public final void get(BindingGetResultSetContext<U> ctx) throws SQLException {
        ResultSet rs = ctx.resultSet();
        Object value = rs.getObject(ctx.index());
        if (value instanceof Boolean) {
            value = rs.getString(ctx.index()); // pgjdbc reads an unregistered bit(1) as a boolean
        }
        ctx.value(converter.from(value));
    }

    /**
     * Reads an OUT parameter with {@code getObject}.
     *
     * @param ctx the statement context
     * @since 0.1.0
     */
    @Override
    public final void get(BindingGetStatementContext<U> ctx) throws SQLException {
        Object value = ctx.statement().getObject(ctx.index());
        if (value instanceof Boolean) {
            value = ctx.statement().getString(ctx.index());
        }
        ctx.value(converter.from(value));
    }

    /**
     * Not supported: pgvector values inside user-defined types.
     *
     * @param ctx the SQLInput context
     * @throws SQLFeatureNotSupportedException always
     * @since 0.1.0
     */
    @Override
    public final void get(BindingGetSQLInputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException(vectorType().sqlName() + " attributes of user-defined types are not supported");
    }

    /**
     * Names the binding, its column type and Java type, for logs and debuggers.
     *
     * @return e.g. {@code FloatVectorBinding[vector <-> float[]]}
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + vectorType().sqlName() + " as " + converter.toType().getSimpleName() + "]";
    }
}
