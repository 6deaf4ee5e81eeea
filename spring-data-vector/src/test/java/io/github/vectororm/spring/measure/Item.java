package io.github.vectororm.spring.measure;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** 64-d items in ten categories, HNSW-indexed for L2. */
@Entity
@Table(name = "items")
public class Item {

    @Id
    private Long id;

    private int category;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 64)
    @VectorIndex(metric = Metric.L2, m = 16, efConstruction = 64)
    private float[] embedding;

    protected Item() {
    }

    public Item(long id, int category, float[] embedding) {
        this.id = id;
        this.category = category;
        this.embedding = embedding;
    }

    public Long getId() {
        return id;
    }

    public int getCategory() {
        return category;
    }
}
