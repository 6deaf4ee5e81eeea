package io.github.vectororm.core.store;

import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The table a {@link DocumentStore} keeps documents in: a text id (primary key), the text content, the metadata as
 * {@code jsonb} and the embedding as {@code vector(n)} or {@code halfvec(n)}. Every name is validated (and quoted
 * where PostgreSQL needs it) when the table is built.
 *
 * <pre>{@code
 * DocumentTable table = DocumentTable.named("documents").dimensions(384).build();
 * table.createSql(); // CREATE TABLE IF NOT EXISTS documents (id text PRIMARY KEY, content text, metadata jsonb NOT NULL DEFAULT '{}', embedding vector(384) NOT NULL)
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DocumentTable {

    private final String table;
    private final String idColumn;
    private final String contentColumn;
    private final String metadataColumn;
    private final String embeddingColumn;
    private final VectorType type;
    private final int dimensions;

    private DocumentTable(Builder b) {
        this.table = b.table;
        Identifiers.qualifiedName("table", table);
        this.idColumn = column("id", b.idColumn);
        this.contentColumn = column("content", b.contentColumn);
        this.metadataColumn = column("metadata", b.metadataColumn);
        this.embeddingColumn = column("embedding", b.embeddingColumn);
        this.type = Objects.requireNonNull(b.type, "type");
        if (type != VectorType.VECTOR && type != VectorType.HALFVEC) {
            throw new VectorValidationException("document table " + table + ": the embedding column holds float"
                    + " embeddings as vector or halfvec, not " + type.sqlName());
        }
        if (b.dimensions == null) {
            throw new VectorValidationException("document table " + table + ": dimensions are not set");
        }
        try {
            type.checkDimensions(b.dimensions);
        } catch (VectorValidationException e) {
            throw e.withContext("document table " + table + ", column " + embeddingColumn);
        }
        this.dimensions = b.dimensions;
        Set<String> seen = new HashSet<>();
        for (String column : List.of(idColumn, contentColumn, metadataColumn, embeddingColumn)) {
            if (!seen.add(Identifiers.bareName(column))) {
                throw new VectorValidationException("document table " + table + ": column " + column + " is named twice");
            }
        }
    }

    private static String column(String role, String name) {
        Identifiers.identifier(role + " column", name);
        return name;
    }

    /**
     * Starts a table declaration with the default column names {@code id}, {@code content}, {@code metadata},
     * {@code embedding} and type {@code vector}.
     *
     * @param table the table, optionally schema-qualified
     * @return a builder
     */
    public static Builder named(String table) {
        return new Builder(Objects.requireNonNull(table, "table"));
    }

    /** {@return the table as declared} */
    public String table() {
        return table;
    }

    /** {@return the id column (text primary key)} */
    public String idColumn() {
        return idColumn;
    }

    /** {@return the content column (text)} */
    public String contentColumn() {
        return contentColumn;
    }

    /** {@return the metadata column (jsonb)} */
    public String metadataColumn() {
        return metadataColumn;
    }

    /** {@return the embedding column} */
    public String embeddingColumn() {
        return embeddingColumn;
    }

    /** {@return the embedding column's type, vector or halfvec} */
    public VectorType type() {
        return type;
    }

    /** {@return the embedding column's dimensions} */
    public int dimensions() {
        return dimensions;
    }

    /** {@return the embedding column as an indexable expression} */
    public IndexedExpression embedding() {
        return IndexedExpression.column(embeddingColumn, type, dimensions);
    }

    /** {@return the pgvector features the table needs (halfvec: 0.7.0)} */
    public Set<PgVectorFeature> requiredFeatures() {
        Set<PgVectorFeature> features = EnumSet.noneOf(PgVectorFeature.class);
        type.requiredFeature().ifPresent(features::add);
        return features;
    }

    /** {@return {@code CREATE TABLE IF NOT EXISTS} for the table} */
    public String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + tableSql() + " (" + idSql() + " text PRIMARY KEY, " + contentSql()
                + " text, " + metadataSql() + " jsonb NOT NULL DEFAULT '{}', " + embeddingSql() + " "
                + type.columnDefinition(dimensions) + " NOT NULL)";
    }

    String tableSql() {
        return Identifiers.qualifiedName("table", table);
    }

    String idSql() {
        return Identifiers.identifier("column", idColumn);
    }

    String contentSql() {
        return Identifiers.identifier("column", contentColumn);
    }

    String metadataSql() {
        return Identifiers.identifier("column", metadataColumn);
    }

    String embeddingSql() {
        return Identifiers.identifier("column", embeddingColumn);
    }

    @Override
    public String toString() {
        return createSql();
    }

    /** Collects the parts of a {@link DocumentTable}. */
    public static final class Builder {
        private final String table;
        private String idColumn = "id";
        private String contentColumn = "content";
        private String metadataColumn = "metadata";
        private String embeddingColumn = "embedding";
        private VectorType type = VectorType.VECTOR;
        private Integer dimensions;

        private Builder(String table) {
            this.table = table;
        }

        /**
         * Sets the id column.
         *
         * @param name the column name (default {@code id})
         * @return this builder
         */
        public Builder idColumn(String name) {
            this.idColumn = name;
            return this;
        }

        /**
         * Sets the content column.
         *
         * @param name the column name (default {@code content})
         * @return this builder
         */
        public Builder contentColumn(String name) {
            this.contentColumn = name;
            return this;
        }

        /**
         * Sets the metadata column.
         *
         * @param name the column name (default {@code metadata})
         * @return this builder
         */
        public Builder metadataColumn(String name) {
            this.metadataColumn = name;
            return this;
        }

        /**
         * Sets the embedding column.
         *
         * @param name the column name (default {@code embedding})
         * @return this builder
         */
        public Builder embeddingColumn(String name) {
            this.embeddingColumn = name;
            return this;
        }

        /**
         * Sets the embedding column's type.
         *
         * @param type {@link VectorType#VECTOR} (default) or {@link VectorType#HALFVEC}
         * @return this builder
         */
        public Builder type(VectorType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the embedding dimensions.
         *
         * @param dimensions the embedding model's dimensions
         * @return this builder
         */
        public Builder dimensions(int dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        /** {@return the validated table} */
        public DocumentTable build() {
            return new DocumentTable(this);
        }
    }
}
