package io.github.vectororm.spring.docs;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A document with an 8-d embedding, mapped the way Spring Data JPA's own vector tests map one. */
@Entity
@Table(name = "docs")
public class Doc {

    @Id
    private Long id;

    private int category;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 8)
    @VectorIndex(metric = Metric.COSINE)
    @VectorIndex(metric = Metric.L2)
    private float[] embedding;

    protected Doc() {
    }

    public Doc(long id, int category, float[] embedding) {
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

    public float[] getEmbedding() {
        return embedding;
    }

    @Override
    public String toString() {
        return "Doc" + id;
    }
}
