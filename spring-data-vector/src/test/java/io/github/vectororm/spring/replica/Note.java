package io.github.vectororm.spring.replica;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row written on the primary and searched on the standby. */
@Entity
@Table(name = "notes")
public class Note {

    @Id
    private Long id;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 8)
    @VectorIndex(metric = Metric.L2)
    private float[] embedding;

    protected Note() {
    }

    public Note(long id, float[] embedding) {
        this.id = id;
        this.embedding = embedding;
    }

    public Long getId() {
        return id;
    }
}
