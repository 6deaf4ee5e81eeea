package io.github.vectororm.benchmarks.adapters;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The small-table suite's entity: {@link BenchItem}'s mapping with a 64-d vector (the dimensions are part of the
 * mapping, and vector-orm checks probes against them). Read only; its table is {@link BenchItem#TABLE}'s placeholder,
 * mapped by {@link TableNaming}.
 */
@Entity
@Table(name = BenchItem.TABLE)
public class SmallBenchItem {

    /** Dimensions of {@link #embedding}. */
    public static final int DIMENSIONS = 64;

    @Id
    private Long id;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = DIMENSIONS)
    private float[] embedding;

    /** For Hibernate. */
    protected SmallBenchItem() {
    }

    /** @return the id */
    public Long getId() {
        return id;
    }

    /** @return the vector */
    public float[] getEmbedding() {
        return embedding;
    }
}
