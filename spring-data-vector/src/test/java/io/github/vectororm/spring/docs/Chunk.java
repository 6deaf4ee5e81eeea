package io.github.vectororm.spring.docs;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A chunk with a 64-d embedding and an HNSW index on its binary quantization, for two-stage search. */
@Entity
@Table(name = "chunks")
public class Chunk {

    @Id
    private Long id;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 64)
    @VectorIndex(metric = Metric.HAMMING, expression = VectorIndex.Expression.BINARY_QUANTIZE)
    private float[] embedding;

    protected Chunk() {
    }

    public Long getId() {
        return id;
    }
}
