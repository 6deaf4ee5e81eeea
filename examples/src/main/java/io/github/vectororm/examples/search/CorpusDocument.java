package io.github.vectororm.examples.search;

import io.github.vectororm.examples.embedding.Embedder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The {@code documents} table as a JPA entity, for {@link HibernateSemanticSearch}. */
@Entity
@Table(name = CorpusTable.TABLE)
public class CorpusDocument {

    @Id
    private Integer id;

    @Column(name = "package")
    private String packageName;

    @Column(name = "type_name")
    private String typeName;

    private String text;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = Embedder.DIMENSIONS)
    private float[] embedding;

    /** For Hibernate. */
    protected CorpusDocument() {
    }

    /** @return the document id */
    public Integer getId() {
        return id;
    }

    /** @return package and type, e.g. {@code java.io.File} */
    public String qualifiedName() {
        return packageName + "." + typeName;
    }

    /** @return the javadoc sentence */
    public String getText() {
        return text;
    }
}
