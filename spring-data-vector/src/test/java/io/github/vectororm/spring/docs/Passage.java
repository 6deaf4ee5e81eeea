package io.github.vectororm.spring.docs;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.springframework.data.domain.Vector;

/** An entity holding Spring Data's {@link Vector}, as Spring Data JPA's documentation shows one. */
@Entity
@Table(name = "passages")
public class Passage {

    @Id
    private Long id;

    @Array(length = 3)
    private Vector embedding;

    protected Passage() {
    }

    public Passage(long id, Vector embedding) {
        this.id = id;
        this.embedding = embedding;
    }

    public Long getId() {
        return id;
    }

    public Vector getEmbedding() {
        return embedding;
    }
}
