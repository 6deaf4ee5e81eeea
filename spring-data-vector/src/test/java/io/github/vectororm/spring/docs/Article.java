package io.github.vectororm.spring.docs;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An article with a title and an 8-d embedding, for hybrid (full-text + vector) search. */
@Entity
@Table(name = "articles")
public class Article {

    @Id
    private Long id;

    private String title;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 8)
    @VectorIndex(metric = Metric.COSINE)
    private float[] embedding;

    protected Article() {
    }

    public Article(long id, String title, float[] embedding) {
        this.id = id;
        this.title = title;
        this.embedding = embedding;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }
}
