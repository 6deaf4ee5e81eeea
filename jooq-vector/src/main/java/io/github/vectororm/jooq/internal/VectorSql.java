package io.github.vectororm.jooq.internal;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorFunction;
import java.util.function.Consumer;
import org.jooq.Context;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.CustomField;

/** Builds the fields of {@code PgVectorDSL}: each renders only for PostgreSQL. Not API. */
public final class VectorSql {

    private VectorSql() {
    }

    /**
     * A field rendering a metric's operator {@code (a <op> b)}, refused at execution when the installed pgvector is
     * older than the operator ({@link Metric#requireSupportedBy}).
     *
     * @param metric the metric
     * @param type the result type
     * @param a the left operand
     * @param b the right operand
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> operator(Metric metric, DataType<T> type, Field<?> a, Field<?> b) {
        Field<T> field = operator(metric.operator(), type, a, b);
        return metric.since().isEmpty() ? field : gated(field, metric::requireSupportedBy);
    }

    /**
     * A field rendering {@code name(arguments...)} of one of pgvector's functions, refused at execution when the
     * installed pgvector is older than the function ({@link PgVectorFunction#requireSupportedBy}).
     *
     * @param function the function
     * @param type the result type
     * @param arguments the arguments
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> function(PgVectorFunction function, DataType<T> type, Field<?>... arguments) {
        Field<T> field = function(function.sqlName(), type, arguments);
        return function.since().isEmpty() ? field : gated(field, function::requireSupportedBy);
    }

    private static <T> Field<T> gated(Field<T> field, Consumer<io.github.vectororm.core.PgVectorVersion> requirement) {
        return CustomField.of(field.getName(), field.getDataType(), ctx -> {
            RenderVersionGate.check(ctx, requirement);
            ctx.visit(field);
        });
    }

    /**
     * A field rendering {@code (a <op> b)}.
     *
     * @param operator the operator, from {@code Metric.operator()}
     * @param type the result type
     * @param a the left operand
     * @param b the right operand
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> operator(String operator, DataType<T> type, Field<?> a, Field<?> b) {
        return field("the " + operator + " operator", type, ctx -> ctx.sql('(').visit(a).sql(' ').sql(operator).sql(' ').visit(b).sql(')'));
    }

    /**
     * A field rendering {@code name(arguments...)}.
     *
     * @param name the function name
     * @param type the result type
     * @param arguments the arguments
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> function(String name, DataType<T> type, Field<?>... arguments) {
        return field("function " + name, type, ctx -> {
            ctx.sql(name).sql('(');
            for (int i = 0; i < arguments.length; i++) {
                if (i > 0) {
                    ctx.sql(", ");
                }
                ctx.visit(arguments[i]);
            }
            ctx.sql(')');
        });
    }

    /**
     * A field rendering {@code cast(value as typeSql)}.
     *
     * @param value the value
     * @param typeSql the SQL type, e.g. {@code halfvec(3)}, built by vector-core
     * @param type the result type
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> cast(Field<?> value, String typeSql, DataType<T> type) {
        return field("cast to " + typeSql, type, ctx -> ctx.sql("cast(").visit(value).sql(" as ").sql(typeSql).sql(')'));
    }

    /**
     * A field rendering {@code cast(value as typeSql)}, refused at execution when the installed pgvector lacks a
     * feature the cast needs (vector-core's {@code VectorType.castFeatures}).
     *
     * @param value the value
     * @param typeSql the SQL type, e.g. {@code halfvec(3)}, built by vector-core
     * @param type the result type
     * @param features what the cast needs
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> cast(Field<?> value, String typeSql, DataType<T> type,
            java.util.Set<io.github.vectororm.core.PgVectorFeature> features) {
        return requiring(cast(value, typeSql, type), "cast to " + typeSql, features);
    }

    /**
     * A field refused at execution when the installed pgvector lacks one of the features it needs.
     *
     * @param field the field
     * @param what what the field is, first in the message (e.g. {@code cast to halfvec(3)})
     * @param features what it needs; none gives the field itself
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> requiring(Field<T> field, String what,
            java.util.Set<io.github.vectororm.core.PgVectorFeature> features) {
        return features.isEmpty() ? field : gated(field, installed -> features.forEach(
                feature -> feature.requireSupportedBy(installed, what + " (" + feature.description() + ")")));
    }

    /**
     * A field rendering SQL around one operand, e.g. {@code binary_quantize(<operand>)::bit(3)}.
     *
     * @param what what the field is, for the dialect check's message
     * @param sql renders the SQL over an operand's SQL (vector-core's {@code IndexedExpression.over})
     * @param type the result type
     * @param operand the operand
     * @param <T> the result type
     * @return the field
     */
    public static <T> Field<T> around(String what, java.util.function.UnaryOperator<String> sql, DataType<T> type,
            Field<?> operand) {
        String marker = "\u0000";
        String rendered = sql.apply(marker);
        int at = rendered.indexOf(marker);
        if (at < 0 || rendered.indexOf(marker, at + 1) >= 0) {
            throw new IllegalArgumentException(what + " must use its operand once: " + rendered);
        }
        String before = rendered.substring(0, at);
        String after = rendered.substring(at + marker.length());
        return field(what, type, ctx -> ctx.sql(before).visit(operand).sql(after));
    }

    private static <T> Field<T> field(String what, DataType<T> type, Consumer<Context<?>> renderer) {
        return CustomField.of(what, type, ctx -> {
            PostgresDialects.require(ctx, what);
            renderer.accept(ctx);
        });
    }
}
