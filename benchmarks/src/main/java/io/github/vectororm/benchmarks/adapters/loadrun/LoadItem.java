package io.github.vectororm.benchmarks.adapters.loadrun;

import io.github.vectororm.benchmarks.adapters.BenchItem;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The entity of the load run's adapter paths: a row of the k-NN table {@code (id bigint, category int,
 * embedding vector(768))} with the {@code category} the filtered query selects on, which {@link BenchItem} leaves
 * unmapped (the bulk-load tables have no such column). Read-only: the load run only queries. Its table name is
 * {@link BenchItem}'s placeholder, mapped by {@link io.github.vectororm.benchmarks.adapters.TableNaming}.
 */
@Entity
@Table(name = BenchItem.TABLE)
public class LoadItem {

    @Id
    private Long id;

    private int category;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = BenchItem.DIMENSIONS)
    private float[] embedding;

    /** For Hibernate. */
    protected LoadItem() {
    }

    /** @return the id */
    public Long getId() {
        return id;
    }

    /** @return the category, {@code id % 10} */
    public int getCategory() {
        return category;
    }

    /** @return the vector */
    public float[] getEmbedding() {
        return embedding;
    }
}
