package io.github.vectororm.spring.reliability;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.VectorIndex;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * A 16-d item of one writer in one of ten categories, HNSW-indexed for L2. Its id is assigned, so it is
 * {@link Persistable}: without that Spring Data's {@code save} would take a non-null id for an existing row and
 * {@code merge} it (a SELECT before each INSERT) instead of persisting it.
 */
@Entity(name = "ConcItem")
@Table(name = "conc_items")
public class ConcItem implements Persistable<Long> {

    static final int DIMENSIONS = 16;

    @Id
    private Long id;

    private int writer;

    private int category;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = DIMENSIONS)
    @VectorIndex(metric = Metric.L2)
    private float[] embedding;

    @Transient
    private boolean fresh = true;

    protected ConcItem() {
    }

    public ConcItem(long id, int writer, int category, float[] embedding) {
        this.id = id;
        this.writer = writer;
        this.category = category;
        this.embedding = embedding;
    }

    @Override
    public Long getId() {
        return id;
    }

    /** New until persisted or loaded. */
    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void stored() {
        fresh = false;
    }

    public int getWriter() {
        return writer;
    }

    public int getCategory() {
        return category;
    }
}
