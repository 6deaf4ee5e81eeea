package io.github.vectororm.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The seed walk-through's entity: {@code animals(id, name, embedding vector(3))}. */
@Entity
@Table(name = "animals")
public class Animal {

    @Id
    private Long id;

    private String name;

    private String habitat;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 3)
    private float[] embedding;

    protected Animal() {
    }

    Animal(long id, String name, String habitat, float... embedding) {
        this.id = id;
        this.name = name;
        this.habitat = habitat;
        this.embedding = embedding;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getHabitat() {
        return habitat;
    }

    public float[] getEmbedding() {
        return embedding;
    }

    public void setEmbedding(float[] embedding) {
        this.embedding = embedding;
    }

    @Override
    public String toString() {
        return name;
    }
}
