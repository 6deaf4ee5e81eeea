package io.github.vectororm.spring.measure;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** 768-d chunks, HNSW-indexed for cosine, as the benchmark's k-NN table. */
@Entity
@Table(name = "chunks")
public class Chunk {

    @Id
    private Long id;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = KnnOverheadMeasureTest.DIMS)
    @VectorIndex(metric = Metric.COSINE, m = 16, efConstruction = 64)
    private float[] embedding;

    protected Chunk() {
    }

    public Chunk(long id, float[] embedding) {
        this.id = id;
        this.embedding = embedding;
    }

    public Long getId() {
        return id;
    }

    public float[] getEmbedding() {
        return embedding;
    }
}
