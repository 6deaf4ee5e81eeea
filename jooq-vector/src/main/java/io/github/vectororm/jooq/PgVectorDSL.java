package io.github.vectororm.jooq;

import com.pgvector.PGbit;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorFunction;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.SubvectorRule;
import io.github.vectororm.jooq.bindings.VectorBinding;
import io.github.vectororm.jooq.internal.VectorSql;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * pgvector's operators and functions as jOOQ fields, for the PostgreSQL dialect family.
 *
 * <p>Every distance renders pgvector's bare operator in parentheses, e.g. {@code (embedding <-> cast(? as vector))}:
 * the form an index serves in {@code ORDER BY ... LIMIT k}. All of them return <em>distances</em> (smaller is
 * nearer); {@link #negativeInnerProduct} is the <em>negative</em> inner product, as pgvector's {@code <#>} is.
 * A value operand is bound with the field's data type, so the field must carry a pgvector data type
 * ({@link VectorDataTypes} or generated with this module's bindings). Rendered for any other dialect, every
 * field here throws {@link org.jooq.exception.SQLDialectNotSupportedException} naming that dialect.
 *
 * @since 0.1.0
 */
public final class PgVectorDSL {

    private PgVectorDSL() {
    }

    /**
     * Euclidean distance {@code (a <-> b)}.
     *
     * @param a a vector field
     * @param b another vector field
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> l2Distance(Field<U> a, Field<U> b) {
        return distance(Metric.L2, a, b);
    }

    /**
     * Euclidean distance {@code (a <-> ?)}.
     *
     * @param a a vector field
     * @param b a value, bound with the field's data type
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> l2Distance(Field<U> a, U b) {
        return distance(Metric.L2, a, b);
    }

    /**
     * Negative inner product {@code (a <#> b)}: the index-friendly form; negate it for the inner product.
     *
     * @param a a vector field
     * @param b another vector field
     * @param <U> the Java type
     * @return the negative inner product
     * @since 0.1.0
     */
    public static <U> Field<Double> negativeInnerProduct(Field<U> a, Field<U> b) {
        return distance(Metric.INNER_PRODUCT, a, b);
    }

    /**
     * Negative inner product {@code (a <#> ?)}.
     *
     * @param a a vector field
     * @param b a value, bound with the field's data type
     * @param <U> the Java type
     * @return the negative inner product
     * @since 0.1.0
     */
    public static <U> Field<Double> negativeInnerProduct(Field<U> a, U b) {
        return distance(Metric.INNER_PRODUCT, a, b);
    }

    /**
     * Cosine distance {@code (a <=> b)}, {@code 1 - cosine similarity}.
     *
     * @param a a vector field
     * @param b another vector field
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> cosineDistance(Field<U> a, Field<U> b) {
        return distance(Metric.COSINE, a, b);
    }

    /**
     * Cosine distance {@code (a <=> ?)}.
     *
     * @param a a vector field
     * @param b a value, bound with the field's data type
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> cosineDistance(Field<U> a, U b) {
        return distance(Metric.COSINE, a, b);
    }

    /**
     * Manhattan distance {@code (a <+> b)} (pgvector 0.7.0+).
     *
     * @param a a vector field
     * @param b another vector field
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> l1Distance(Field<U> a, Field<U> b) {
        return distance(Metric.L1, a, b);
    }

    /**
     * Manhattan distance {@code (a <+> ?)} (pgvector 0.7.0+).
     *
     * @param a a vector field
     * @param b a value, bound with the field's data type
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> l1Distance(Field<U> a, U b) {
        return distance(Metric.L1, a, b);
    }

    /**
     * Hamming distance between bit vectors {@code (a <~> b)}.
     *
     * @param a a bit field
     * @param b another bit field
     * @param <U> the Java type
     * @return the number of differing bits
     * @since 0.1.0
     */
    public static <U> Field<Double> hammingDistance(Field<U> a, Field<U> b) {
        return distance(Metric.HAMMING, a, b);
    }

    /**
     * Hamming distance {@code (a <~> ?)}.
     *
     * @param a a bit field
     * @param b a value, bound with the field's data type
     * @param <U> the Java type
     * @return the number of differing bits
     * @since 0.1.0
     */
    public static <U> Field<Double> hammingDistance(Field<U> a, U b) {
        return distance(Metric.HAMMING, a, b);
    }

    /**
     * Jaccard distance between bit vectors {@code (a <%> b)}.
     *
     * @param a a bit field
     * @param b another bit field
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> jaccardDistance(Field<U> a, Field<U> b) {
        return distance(Metric.JACCARD, a, b);
    }

    /**
     * Jaccard distance {@code (a <%> ?)}.
     *
     * @param a a bit field
     * @param b a value, bound with the field's data type
     * @param <U> the Java type
     * @return the distance
     * @since 0.1.0
     */
    public static <U> Field<Double> jaccardDistance(Field<U> a, U b) {
        return distance(Metric.JACCARD, a, b);
    }

    /**
     * The distance of a metric between two fields, rendered as the metric's bare operator.
     *
     * @param metric the metric
     * @param a a vector field
     * @param b another vector field
     * @param <U> the Java type
     * @return the distance
     * @throws VectorValidationException if the metric does not apply to the fields' pgvector type, or the two types differ
     * @since 0.1.0
     */
    public static <U> Field<Double> distance(Metric metric, Field<U> a, Field<U> b) {
        return bareDistance(metric, a, b);
    }

    /**
     * The distance of a metric between an indexed expression of a column and the same expression of a value, both
     * rendered by {@link #indexed}: the form an expression index on {@code expression} serves.
     *
     * @param metric the metric of the expression's index
     * @param expression the indexed expression, e.g. {@code IndexedExpression.halfvec("embedding", 768)}
     * @param column the column the expression reads, with a pgvector data type
     * @param value the value, bound with the column's data type
     * @param <U> the Java type
     * @return the distance
     * @throws VectorValidationException if the expression does not apply to the column's type or the metric to the
     *         expression's
     * @since 0.1.0
     */
    public static <U> Field<Double> distance(Metric metric, IndexedExpression expression, Field<U> column, U value) {
        Objects.requireNonNull(value, () -> metric + " distance to " + column.getName() + ": the value is null");
        return bareDistance(metric, indexed(expression, column), indexed(expression, DSL.val(value, column.getDataType())));
    }

    private static Field<Double> bareDistance(Metric metric, Field<?> a, Field<?> b) {
        Objects.requireNonNull(metric, "metric");
        Optional<VectorType> left = VectorDataTypes.vectorTypeOf(a);
        Optional<VectorType> right = VectorDataTypes.vectorTypeOf(b);
        if (left.isPresent() && right.isPresent() && left.get() != right.get()) {
            throw new VectorValidationException(metric.name() + " between " + a.getName() + " (" + left.get().sqlName()
                    + ") and " + b.getName() + " (" + right.get().sqlName() + "): both sides must have the same type");
        }
        left.or(() -> right).ifPresent(type -> requireApplies(metric, type, a));
        return VectorSql.operator(metric, SQLDataType.DOUBLE, a, b);
    }

    /**
     * The distance of a metric between a field and a value bound with the field's data type.
     *
     * @param metric the metric
     * @param a a field with a pgvector data type
     * @param b the value, not null
     * @param <U> the Java type
     * @return the distance
     * @throws IllegalArgumentException if the field has no pgvector data type
     * @throws VectorValidationException if the metric does not apply to the field's type
     * @since 0.1.0
     */
    public static <U> Field<Double> distance(Metric metric, Field<U> a, U b) {
        Objects.requireNonNull(b, () -> metric + " distance to " + a.getName() + ": the value is null");
        requireVectorType(a, metric.name() + " distance");
        return distance(metric, a, DSL.val(b, a.getDataType()));
    }

    /**
     * {@code vector_dims(v)}: the dimension count of a {@code vector} or {@code halfvec}.
     *
     * @param vector a vector or halfvec field
     * @return the dimensions
     * @since 0.1.0
     */
    public static Field<Integer> vectorDims(Field<?> vector) {
        VectorDataTypes.vectorTypeOf(vector).ifPresent(type -> PgVectorFunction.VECTOR_DIMS.requireTakes(type, vector.getName()));
        return VectorSql.function(PgVectorFunction.VECTOR_DIMS, SQLDataType.INTEGER, vector);
    }

    /**
     * The Euclidean norm: {@code vector_norm(v)} for {@code vector}, {@code l2_norm(v)} for {@code halfvec}
     * and {@code sparsevec}, as vector-core's {@link VectorType#normFunction()} names it.
     *
     * @param vector a vector field (a field without a pgvector data type is taken as {@code vector})
     * @return the norm
     * @since 0.1.0
     */
    public static Field<Double> vectorNorm(Field<?> vector) {
        VectorType type = VectorDataTypes.vectorTypeOf(vector).orElse(VectorType.VECTOR);
        String function = type.normFunction().orElseThrow(() -> new VectorValidationException(
                type.sqlName() + " has no norm function; " + vector.getName() + " is " + type.sqlName()));
        return VectorSql.function(function, SQLDataType.DOUBLE, vector);
    }

    /**
     * {@code l2_normalize(v)}: the vector scaled to unit length (pgvector 0.7.0+).
     *
     * @param vector a vector, halfvec or sparsevec field
     * @param <U> the Java type
     * @return the normalized vector
     * @since 0.1.0
     */
    public static <U> Field<U> l2Normalize(Field<U> vector) {
        return VectorSql.function(PgVectorFunction.L2_NORMALIZE, vector.getDataType(), vector);
    }

    /**
     * {@code binary_quantize(v)}: one bit per dimension, set where the element is positive (pgvector 0.7.0+).
     *
     * @param vector a vector or halfvec field
     * @return the bit vector
     * @since 0.1.0
     */
    public static Field<PGbit> binaryQuantize(Field<?> vector) {
        return VectorSql.function(PgVectorFunction.BINARY_QUANTIZE, VectorDataTypes.of(VectorType.BIT, 0, PGbit.class), vector);
    }

    /**
     * {@code subvector(v, start, count)}: {@code count} elements from the 1-based {@code start} (pgvector 0.7.0+).
     *
     * @param vector a vector or halfvec field
     * @param start the first element, 1-based
     * @param count how many elements
     * @param <U> the Java type
     * @return the subvector, typed with {@code count} dimensions
     * @since 0.1.0
     */
    public static <U> Field<U> subvector(Field<U> vector, int start, int count) {
        SubvectorRule.check(describe(vector), start, count);
        // exactly count dimensions only when start >= 1 and the value is long enough: otherwise leave them undeclared
        int dimensions = start >= 1 && count <= VectorType.VECTOR.maxDimensions() ? count : 0;
        return VectorSql.function(PgVectorFunction.SUBVECTOR, retyped(vector, dimensions), vector, DSL.inline(start), DSL.inline(count));
    }

    /**
     * The aggregate {@code avg(v)}: the element-wise mean of vectors.
     *
     * @param vector a vector or halfvec field
     * @param <U> the Java type
     * @return the mean vector
     * @since 0.1.0
     */
    public static <U> Field<U> avg(Field<U> vector) {
        return VectorSql.function(PgVectorFunction.AVG, vector.getDataType(), vector);
    }

    /**
     * The aggregate {@code sum(v)}: the element-wise sum of vectors.
     *
     * @param vector a vector or halfvec field
     * @param <U> the Java type
     * @return the sum vector
     * @since 0.1.0
     */
    public static <U> Field<U> sum(Field<U> vector) {
        return VectorSql.function(PgVectorFunction.SUM, vector.getDataType(), vector);
    }

    /**
     * {@code cast(v as halfvec(n))}: half precision. For ordering by an expression index, {@link #indexed} renders the
     * index's own SQL.
     *
     * @param vector a vector, halfvec or sparsevec field (the types pgvector casts to halfvec)
     * @param dimensions its dimensions
     * @return the halfvec, as {@code float[]}
     * @throws VectorValidationException if the field's pgvector type does not cast to halfvec (bit)
     * @since 0.1.0
     */
    public static Field<float[]> castToHalfvec(Field<?> vector, int dimensions) {
        return cast(vector, VectorType.HALFVEC, dimensions, VectorDataTypes.halfvec(dimensions));
    }

    /**
     * {@code cast(v as vector(n))}: back to single precision, e.g. from a halfvec or an aggregate.
     *
     * @param vector a halfvec, sparsevec or vector field (the types pgvector casts to vector)
     * @param dimensions the dimensions
     * @return the vector, as {@code float[]}
     * @throws VectorValidationException if the field's pgvector type does not cast to vector (bit)
     * @since 0.1.0
     */
    public static Field<float[]> castToVector(Field<?> vector, int dimensions) {
        return cast(vector, VectorType.VECTOR, dimensions, VectorDataTypes.vector(dimensions));
    }

    /**
     * {@code cast(v as sparsevec(n))}: the sparse form of a dense vector.
     *
     * @param vector a vector, halfvec or sparsevec field (the types pgvector casts to sparsevec)
     * @param dimensions the dimensions
     * @return the sparse vector
     * @throws VectorValidationException if the field's pgvector type does not cast to sparsevec (bit)
     * @since 0.1.0
     */
    public static Field<com.pgvector.PGsparsevec> castToSparsevec(Field<?> vector, int dimensions) {
        return cast(vector, VectorType.SPARSEVEC, dimensions, VectorDataTypes.sparsevec(dimensions));
    }

    /**
     * {@code cast(v as bit(n))}, e.g. over {@link #binaryQuantize(Field)}. For ordering by an expression index,
     * {@link #indexed} renders the index's own SQL.
     *
     * @param bits a bit field or expression (PostgreSQL casts no vector type to bit: quantize it first)
     * @param length the bit length
     * @return the bit vector
     * @throws VectorValidationException if the field has a pgvector type other than bit
     * @since 0.1.0
     */
    public static Field<PGbit> castToBit(Field<?> bits, int length) {
        return cast(bits, VectorType.BIT, length, VectorDataTypes.bit(length));
    }

    /** A cast the server has (vector-core's {@link VectorType#castSources()}), gated by the types' versions. */
    private static <T> Field<T> cast(Field<?> value, VectorType target, int dimensions, DataType<T> type) {
        Optional<VectorType> source = VectorDataTypes.vectorTypeOf(value);
        source.ifPresent(s -> target.requireCastsFrom(s, describe(value)));
        String typeSql = target.columnDefinition(dimensions);
        return VectorSql.cast(value, typeSql, type, target.castFeatures(source.orElse(target)));
    }

    /**
     * An indexed expression over a field, rendered by vector-core's {@link IndexedExpression#over(String)}: the same
     * SQL as the expression index's, so ordering by it with the metric's operator lets that index serve the query.
     * Both sides of a distance take it: {@link #distance(Metric, IndexedExpression, Field, Object)} and
     * {@code NearestNeighbors.of(table, expression, column, metric, probe)} apply it to the column and to the value.
     *
     * The expression's column name is not used: the field stands for it.
     *
     * @param expression the indexed expression, e.g. {@code IndexedExpression.halfvec("embedding", 768)}
     * @param field a field (or bound value) of a type the expression applies to ({@link IndexedExpression#columnTypes()})
     * @return the expression, typed as its value ({@code float[]} for vector and halfvec, {@code PGbit} for bit)
     * @throws VectorValidationException if the field's pgvector type is not one the expression applies to
     * @since 0.1.0
     */
    public static Field<?> indexed(IndexedExpression expression, Field<?> field) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(field, "field");
        VectorDataTypes.vectorTypeOf(field).ifPresent(type -> {
            if (!expression.columnTypes().contains(type.sqlName())) {
                throw new VectorValidationException(expression.over(describe(field)) + ": " + describe(field) + " is "
                        + type.sqlName() + ", the expression applies to " + new java.util.TreeSet<>(expression.columnTypes()));
            }
        });
        VectorType type = expression.type();
        Class<?> javaType = switch (type) {
            case VECTOR, HALFVEC -> float[].class;
            case SPARSEVEC -> com.pgvector.PGsparsevec.class;
            case BIT -> PGbit.class;
        };
        int dimensions = type == VectorType.SPARSEVEC ? 0 : expression.dimensions();
        return VectorSql.requiring(VectorSql.around(expression.over("?"), expression::over,
                VectorDataTypes.of(type, dimensions, javaType), field), expression.over("?"), expression.requiredFeatures());
    }

    private static void requireApplies(Metric metric, VectorType type, Field<?> field) {
        try {
            metric.requireAppliesTo(type);
        } catch (VectorValidationException e) {
            throw e.withContext(field.getName());
        }
    }

    private static VectorBinding<?, ?> requireVectorType(Field<?> field, String what) {
        return VectorDataTypes.binding(field.getDataType()).orElseThrow(() -> new IllegalArgumentException(what + ": field "
                + field.getName() + " has data type " + field.getDataType().getTypeName()
                + ", not a pgvector type; declare it with VectorDataTypes or generate it with this module's bindings"));
    }

    /** A field's name, or a bound value in pgvector's text form (never {@code [F@4be1dce6}). */
    private static String describe(Field<?> field) {
        if (field instanceof org.jooq.Param<?> param) {
            Object value = param.getValue();
            if (value instanceof float[] floats) {
                return java.util.Arrays.toString(floats).replace(" ", "");
            }
            return String.valueOf(value);
        }
        return field.getName();
    }

    private static <U> DataType<U> retyped(Field<U> vector, int dimensions) {
        return VectorDataTypes.binding(vector.getDataType())
                .map(binding -> VectorDataTypes.of(binding.vectorType(), dimensions, vector.getType()))
                .orElse(vector.getDataType());
    }
}
