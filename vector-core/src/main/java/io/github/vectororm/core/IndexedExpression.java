package io.github.vectororm.core;

import io.github.vectororm.core.internal.Identifiers;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a vector index covers: a column, or an expression over it such as a halfvec cast, binary
 * quantization or a leading subvector. Queries must order by the same expression for the index to be
 * used, so each form renders its SQL here once, for the index and for the query alike.
 *
 * @since 0.1.0
 */
public sealed interface IndexedExpression {

    /** {@return the SQL of the expression, without surrounding parentheses} */
    String sql();

    /** {@return the type of the expression's value, which selects the opclass} */
    VectorType type();

    /** {@return the dimension count of the expression's value} */
    int dimensions();

    /** {@return the column the expression reads} */
    String column();

    /**
     * The same expression applied to a query value instead of the column, so that
     * {@code ORDER BY <sql()> <op> <probeSql("?")>} matches the index.
     *
     * @param placeholder the SQL of the query value, e.g. {@code ?}
     * @return the expression over the query value
     */
    String probeSql(String placeholder);

    /**
     * The same expression over any SQL operand: the column reference a query builder renders, a bound value, a
     * template placeholder. {@link #sql()} and {@link #probeSql(String)} are this over the column and over the query
     * value, so every adapter that renders the expression gets it from here (jOOQ's {@code PgVectorDSL.indexed}).
     *
     * @param operandSql the SQL of the operand, already quoted or bound
     * @return e.g. {@code binary_quantize(operand)::bit(n)}; the operand itself for a bare column
     * @since 0.1.0
     */
    String over(String operandSql);

    /**
     * The column types the server accepts this expression over, as {@code format_type} spells them; one rule for
     * every path that declares an index (vector-core's {@code IndexBuilder}, Hibernate's {@code @VectorIndex}).
     *
     * @return the accepted column type names
     */
    Set<String> columnTypes();

    /**
     * The pgvector features the expression's own SQL needs, beyond its column's type: the function it calls
     * ({@link PgVectorFunction#BINARY_QUANTIZE}, {@link PgVectorFunction#SUBVECTOR}) or the type it casts to
     * (halfvec), so that a query or an index over it is refused on an older pgvector before the server sees it.
     *
     * @return the features, empty for a bare column
     * @since 0.1.0
     */
    default Set<PgVectorFeature> requiredFeatures() {
        Set<PgVectorFeature> features = java.util.EnumSet.noneOf(PgVectorFeature.class);
        if (this instanceof BinaryQuantize) {
            PgVectorFunction.BINARY_QUANTIZE.requiredFeature().ifPresent(features::add);
        } else if (this instanceof Subvector) {
            PgVectorFunction.SUBVECTOR.requiredFeature().ifPresent(features::add);
        } else if (this instanceof HalfvecCast) {
            VectorType.HALFVEC.requiredFeature().ifPresent(features::add);
        }
        return features;
    }

    /** The SQL names of types, as {@link #columnTypes()} returns them. */
    private static Set<String> typeNames(Set<VectorType> types) {
        Set<String> names = new HashSet<>();
        types.forEach(type -> names.add(type.sqlName()));
        return Set.copyOf(names);
    }

    /** {@return what a generated index name appends for this form, empty for a bare column} */
    String nameSuffix();

    /** {@return whether {@code CREATE INDEX} needs the expression parenthesised (every form but a bare column)} */
    default boolean isExpression() {
        return true;
    }

    /**
     * The column itself.
     *
     * @param column the column name
     * @param type its type
     * @param dimensions its declared dimensions
     * @return the expression
     */
    static IndexedExpression column(String column, VectorType type, int dimensions) {
        return new Column(column, type, dimensions);
    }

    /**
     * {@code column::halfvec(n)}: index a {@code vector} column at half precision (half the index size,
     * up to 4,000 dimensions).
     *
     * @param column a vector column
     * @param dimensions its dimensions
     * @return the expression
     */
    static IndexedExpression halfvec(String column, int dimensions) {
        return new HalfvecCast(column, dimensions);
    }

    /**
     * {@code binary_quantize(column)::bit(n)}: one bit per dimension, indexed for Hamming or Jaccard distance;
     * the first stage of a two-stage search.
     *
     * @param column a vector or halfvec column
     * @param dimensions its dimensions
     * @return the expression
     */
    static IndexedExpression binaryQuantize(String column, int dimensions) {
        return new BinaryQuantize(column, dimensions);
    }

    /**
     * {@code subvector(column, 1, n)::type(n)}: the leading {@code n} dimensions, for Matryoshka embeddings.
     *
     * @param column a vector or halfvec column
     * @param type the column's type
     * @param dimensions how many leading dimensions to index
     * @return the expression
     */
    static IndexedExpression subvector(String column, VectorType type, int dimensions) {
        return new Subvector(column, type, dimensions);
    }

    /**
     * A bare column.
     *
     * @param column the indexed column
     * @param type the column type
     * @param dimensions the column's number of dimensions
     */
    record Column(String column, VectorType type, int dimensions) implements IndexedExpression {
        /** Validates the parts. */
        public Column {
            Objects.requireNonNull(type, "type");
            Identifiers.identifier("column", column);
            type.checkDimensions(dimensions);
        }

        @Override
        public String sql() {
            return over(Identifiers.identifier("column", column));
        }

        @Override
        public String over(String operandSql) {
            return Objects.requireNonNull(operandSql, "operandSql");
        }

        @Override
        public String probeSql(String placeholder) {
            return placeholder + "::" + type.sqlName() + (type == VectorType.SPARSEVEC ? "" : "(" + dimensions + ")");
        }

        @Override
        public boolean isExpression() {
            return false;
        }

        @Override
        public Set<String> columnTypes() {
            // a bit index may sit on bit(n) or on bit varying, both stored as varbit
            return type == VectorType.BIT ? Set.of("bit", "varbit") : Set.of(type.sqlName());
        }

        @Override
        public String nameSuffix() {
            return "";
        }
    }

    /**
     * {@code column::halfvec(n)}.
     *
     * @param column the {@code vector} column
     * @param dimensions n, the column's number of dimensions
     */
    record HalfvecCast(String column, int dimensions) implements IndexedExpression {
        /** Validates the parts. */
        public HalfvecCast {
            Identifiers.identifier("column", column);
            VectorType.HALFVEC.checkDimensions(dimensions);
        }

        @Override
        public String sql() {
            return over(Identifiers.identifier("column", column));
        }

        @Override
        public String probeSql(String placeholder) {
            return over(placeholder + "::vector(" + dimensions + ")");
        }

        @Override
        public String over(String operandSql) {
            return Objects.requireNonNull(operandSql, "operandSql") + "::halfvec(" + dimensions + ")";
        }

        @Override
        public VectorType type() {
            return VectorType.HALFVEC;
        }

        @Override
        public Set<String> columnTypes() {
            return typeNames(VectorType.HALFVEC.castSources());
        }

        @Override
        public String nameSuffix() {
            return "_halfvec";
        }
    }

    /**
     * {@code binary_quantize(column)::bit(n)}.
     *
     * @param column the quantized column
     * @param dimensions n, the column's number of dimensions
     */
    record BinaryQuantize(String column, int dimensions) implements IndexedExpression {
        /** Validates the parts. */
        public BinaryQuantize {
            Identifiers.identifier("column", column);
            VectorType.VECTOR.checkDimensions(dimensions);
        }

        @Override
        public String sql() {
            return over(Identifiers.identifier("column", column));
        }

        @Override
        public String probeSql(String placeholder) {
            return over(placeholder + "::vector(" + dimensions + ")");
        }

        @Override
        public String over(String operandSql) {
            return "binary_quantize(" + Objects.requireNonNull(operandSql, "operandSql") + ")::bit(" + dimensions + ")";
        }

        @Override
        public VectorType type() {
            return VectorType.BIT;
        }

        @Override
        public Set<String> columnTypes() {
            return typeNames(PgVectorFunction.BINARY_QUANTIZE.argumentTypes()); // the types pg_proc has binary_quantize for
        }

        @Override
        public String nameSuffix() {
            return "_bq";
        }
    }

    /**
     * {@code subvector(column, 1, n)::type(n)}.
     *
     * @param column the column whose leading dimensions are indexed
     * @param type the column type
     * @param dimensions n, the number of leading dimensions
     */
    record Subvector(String column, VectorType type, int dimensions) implements IndexedExpression {
        /** Validates the parts. */
        public Subvector {
            Identifiers.identifier("column", column);
            if (type != VectorType.VECTOR && type != VectorType.HALFVEC) {
                throw new VectorValidationException("subvector applies to vector and halfvec columns, not " + type.sqlName());
            }
            type.checkDimensions(dimensions);
        }

        @Override
        public String sql() {
            return over(Identifiers.identifier("column", column));
        }

        @Override
        public String probeSql(String placeholder) {
            return over(placeholder + "::" + type.sqlName());
        }

        @Override
        public String over(String operandSql) {
            return "subvector(" + Objects.requireNonNull(operandSql, "operandSql") + ", 1, " + dimensions + ")::"
                    + type.sqlName() + "(" + dimensions + ")";
        }

        @Override
        public Set<String> columnTypes() {
            return typeNames(PgVectorFunction.SUBVECTOR.argumentTypes()); // the types pg_proc has subvector for
        }

        @Override
        public String nameSuffix() {
            return "_sub" + dimensions;
        }
    }
}
