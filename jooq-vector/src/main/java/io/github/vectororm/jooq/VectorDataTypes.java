package io.github.vectororm.jooq;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.jooq.bindings.VectorBinding;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DefaultDataType;

/**
 * jOOQ {@link DataType}s for pgvector's column types, for hand-written fields, tables and DDL.
 *
 * <p>A type with dimensions renders as {@code vector(3)} in {@code CREATE TABLE} and
 * {@code ALTER TABLE ... ADD}, checks bind values against those dimensions before they are sent, and binds
 * through a {@link VectorBinding} (binary on the wire once the connection registered pgvector's types).
 * Internally the type is declared as a character type of length {@code n}: that is how jOOQ renders the
 * {@code (n)} of a custom type's DDL. Values never travel as strings.
 *
 * <pre>{@code
 * Field<float[]> embedding = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(3));
 * dsl.alterTable("animals").addColumn(embedding).execute(); // alter table animals add embedding vector(3)
 * }</pre>
 *
 * @since 0.1.0
 */
public final class VectorDataTypes {

    private VectorDataTypes() {
    }

    /**
     * {@code vector(n)} as {@code float[]}.
     *
     * @param dimensions the declared dimensions
     * @return the data type
     * @since 0.1.0
     */
    public static DataType<float[]> vector(int dimensions) {
        return of(VectorType.VECTOR, dimensions, float[].class);
    }

    /**
     * {@code vector} without declared dimensions, as {@code float[]} (for expressions such as {@code avg(embedding)}).
     *
     * @return the data type
     * @since 0.1.0
     */
    public static DataType<float[]> vector() {
        return of(VectorType.VECTOR, 0, float[].class);
    }

    /**
     * {@code halfvec(n)} as {@code float[]}, elements rounded to half precision.
     *
     * @param dimensions the declared dimensions
     * @return the data type
     * @since 0.1.0
     */
    public static DataType<float[]> halfvec(int dimensions) {
        return of(VectorType.HALFVEC, dimensions, float[].class);
    }

    /**
     * {@code sparsevec(n)} as pgvector-java's {@link PGsparsevec}.
     *
     * @param dimensions the declared dimensions
     * @return the data type
     * @since 0.1.0
     */
    public static DataType<PGsparsevec> sparsevec(int dimensions) {
        return of(VectorType.SPARSEVEC, dimensions, PGsparsevec.class);
    }

    /**
     * {@code bit(n)} as pgvector-java's {@link PGbit}.
     *
     * @param length the bit length
     * @return the data type
     * @since 0.1.0
     */
    public static DataType<PGbit> bit(int length) {
        return of(VectorType.BIT, length, PGbit.class);
    }

    /**
     * Any pgvector column type as any Java type that maps to it ({@code float[]}, {@code PGvector},
     * {@code PGhalfvec}, {@code BinaryHalfvec}, {@code PGsparsevec}, {@code PGbit}, {@code boolean[]}).
     *
     * @param type the column type
     * @param dimensions the declared dimensions, or 0 for none
     * @param userType the Java type
     * @param <U> the Java type
     * @return the data type
     * @throws io.github.vectororm.core.VectorValidationException if the dimensions are out of range for the type
     * @throws IllegalArgumentException if the Java type does not map to the column type
     * @since 0.1.0
     */
    public static <U> DataType<U> of(VectorType type, int dimensions, Class<U> userType) {
        Objects.requireNonNull(type, "type");
        VectorBinding<Object, U> binding = new VectorBinding<>(Object.class, type, userType, dimensions);
        DataType<String> declared = new DefaultDataType<>(null, String.class, type.sqlName());
        if (dimensions != 0) {
            declared = declared.length(dimensions);
        }
        return declared.asConvertedDataType(binding);
    }

    /**
     * The pgvector column type of a data type bound by this module (hand-written or generated).
     *
     * @param dataType a data type
     * @return the column type, or empty if the data type is not bound by a {@link VectorBinding}
     * @since 0.1.0
     */
    public static Optional<VectorType> vectorTypeOf(DataType<?> dataType) {
        return binding(dataType).map(VectorBinding::vectorType);
    }

    /**
     * The pgvector column type of a field's data type.
     *
     * @param field a field
     * @return the column type, or empty if the field is not bound by a {@link VectorBinding}
     * @since 0.1.0
     */
    public static Optional<VectorType> vectorTypeOf(Field<?> field) {
        return vectorTypeOf(field.getDataType());
    }

    static Optional<VectorBinding<?, ?>> binding(DataType<?> dataType) {
        return dataType.getBinding() instanceof VectorBinding<?, ?> binding ? Optional.of(binding) : Optional.empty();
    }
}
