package io.github.vectororm.benchmarks.adapters;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * The entity of every adapter benchmark: {@code (id bigint, embedding vector(768))}, mapped as Hibernate's own
 * vector module and Spring Data JPA map one ({@code @JdbcTypeCode(SqlTypes.VECTOR)} on a {@code float[]}), so the
 * same class serves vector-orm and Hibernate's module. The table name {@value #TABLE} is a placeholder that
 * {@link TableNaming} replaces with the benchmark's table (the k-NN data set or a bulk-load scratch table); the
 * k-NN table's {@code category} column is left unmapped.
 *
 * <p>It is {@link Persistable} with {@code isNew() == true} until loaded, as Spring Data recommends for assigned
 * ids: otherwise {@code saveAll} would {@code merge} every entity, a SELECT per row.
 */
@Entity
@Table(name = BenchItem.TABLE)
public class BenchItem implements Persistable<Long> {

    /** The logical table name that {@link TableNaming} maps. */
    public static final String TABLE = "bench_items";
    /** Dimensions of {@link #embedding}: the benchmarks' 768. */
    public static final int DIMENSIONS = 768;

    @Id
    private Long id;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = DIMENSIONS)
    private float[] embedding;

    @Transient
    private boolean fresh;

    /** For Hibernate. */
    protected BenchItem() {
    }

    /**
     * @param id the id
     * @param embedding the vector (not copied)
     */
    public BenchItem(long id, float[] embedding) {
        this.id = id;
        this.embedding = embedding;
        this.fresh = true;
    }

    @Override
    public Long getId() {
        return id;
    }

    /** @return the vector */
    public float[] getEmbedding() {
        return embedding;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }
}
