package com.example.consumer;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "consumer_check_products")
public class Product {

    @Id
    private Long id;

    private String name;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 3)
    @VectorIndex(metric = Metric.L2)
    private float[] embedding;

    protected Product() {
    }

    public Product(long id, String name, float[] embedding) {
        this.id = id;
        this.name = name;
        this.embedding = embedding;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public float[] getEmbedding() {
        return embedding;
    }
}
