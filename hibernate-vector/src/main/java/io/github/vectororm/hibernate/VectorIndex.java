package io.github.vectororm.hibernate;

import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.internal.VectorIndexBinder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;

/**
 * Declares an HNSW or IVFFlat index on a vector attribute. Hibernate's schema management creates it after
 * the tables ({@code create}, {@code create-drop}, {@code update} when missing), {@code validate} reports it
 * when missing, and the Jakarta schema-generation scripts contain the same {@code CREATE INDEX IF NOT EXISTS}.
 *
 * <pre>{@code
 * @JdbcTypeCode(SqlTypes.VECTOR)
 * @Array(length = 384)
 * @VectorIndex(metric = Metric.COSINE, m = 16, efConstruction = 64)
 * @VectorIndex(metric = Metric.HAMMING, expression = VectorIndex.Expression.BINARY_QUANTIZE)
 * float[] embedding;
 * }</pre>
 * An invalid declaration (unknown metric/type combination, parameter out of range, too many dimensions for
 * the index) fails the bootstrap with a message naming entity, attribute and rule.
 *
 * @since 0.1.0
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(VectorIndexes.class)
@AttributeBinderType(binder = VectorIndexBinder.class)
public @interface VectorIndex {

    /** {@return the distance the index serves; queries must order by the same metric's operator} */
    Metric metric();

    /** {@return HNSW (default) or IVFFlat} */
    IndexMethod method() default IndexMethod.HNSW;

    /** {@return HNSW {@code m}, 2 to 100; 0 for the server default (16)} */
    int m() default 0;

    /** {@return HNSW {@code ef_construction}, 4 to 1000 and at least 2 * m; 0 for the server default (64)} */
    int efConstruction() default 0;

    /** {@return IVFFlat {@code lists}, 1 to 32768; 0 for the server default (100)} */
    int lists() default 0;

    /** {@return the index name; empty to derive it from table, column, method and metric} */
    String name() default "";

    /** {@return what is indexed: the column itself or an expression over it} */
    Expression expression() default Expression.COLUMN;

    /** {@return for {@link Expression#SUBVECTOR}: how many leading dimensions to index; otherwise unused} */
    int dimensions() default 0;

    /** {@return a partial-index condition, a single SQL expression over the table's columns; empty for none} */
    String where() default "";

    /** {@return whether to build with {@code CREATE INDEX CONCURRENTLY} (not inside a transaction)} */
    boolean concurrently() default false;

    /** Forms of the indexed value; queries must use the same form to use the index. */
    enum Expression {
        /** The column itself. */
        COLUMN,
        /** {@code column::halfvec(n)}: half the size, up to 4,000 dimensions. */
        HALFVEC,
        /** {@code binary_quantize(column)::bit(n)}: for Hamming/Jaccard shortlists. */
        BINARY_QUANTIZE,
        /** {@code subvector(column, 1, dimensions)}: a Matryoshka prefix. */
        SUBVECTOR
    }
}
