package io.github.vectororm.springai;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.filter.MetadataFilter;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.core.store.DocumentMatch;
import io.github.vectororm.core.store.DocumentQuery;
import io.github.vectororm.core.store.DocumentStore;
import io.github.vectororm.core.store.DocumentTable;
import io.github.vectororm.core.store.HybridMatch;
import io.github.vectororm.core.store.StoredDocument;
import io.github.vectororm.springai.internal.Scores;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Spring AI {@code VectorStore} on vector-orm's {@link DocumentStore}: one PostgreSQL table (text id, content,
 * {@code jsonb} metadata, {@code vector(n)} or {@code halfvec(n)} embedding) with an HNSW or IVFFlat index declared
 * with its parameters, over the column, its halfvec cast or its binary quantization (so 3,072-d embeddings are
 * indexed); every metric the index serves, the negative inner product included, ordered by the bare operator;
 * {@code COPY} for large {@code add}s; per-query search settings ({@link VectorOrmSearchRequest}); Spring AI filter
 * expressions translated to SQL with bound values ({@link SpringAiFilters}); and {@link #hybridSearch hybrid search}.
 *
 * <pre>{@code
 * VectorOrmVectorStore store = VectorOrmVectorStore.builder(dataSource, embeddingModel)
 *         .table("documents").dimensions(1536).metric(Metric.COSINE)
 *         .index(DocumentIndex.hnsw().m(16).efConstruction(64).build())
 *         .initializeSchema(true)
 *         .build();
 * }</pre>
 *
 * <p>A found {@link Document} carries its {@linkplain Document#getScore() score} (higher is more similar: cosine
 * similarity {@code 1 - d}, the inner product {@code -d}, or {@code 1 / (1 + d)} for L2 and L1) and the raw
 * {@code distance} in its metadata; a similarity threshold becomes the largest distance the query filters by.
 *
 * @since 0.1.0
 */
public final class VectorOrmVectorStore extends AbstractObservationVectorStore {

    /** The metadata key under which found documents carry their distance. */
    public static final String DISTANCE_METADATA_KEY = "distance";

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() { };
    private static final SQLExceptionSubclassTranslator TRANSLATOR = new SQLExceptionSubclassTranslator();

    private final DocumentStore store;
    private final JsonMapper json;

    private VectorOrmVectorStore(Builder builder) {
        super(builder);
        int dimensions = builder.dimensions != null ? builder.dimensions : embeddingModel.dimensions();
        DocumentTable table = DocumentTable.named(builder.table).type(builder.vectorType).dimensions(dimensions).build();
        this.store = DocumentStore.builder(builder.dataSource, table).metric(builder.metric).index(builder.index)
                .searchSettings(builder.searchSettings).copyThreshold(builder.copyThreshold).batchSize(builder.batchSize)
                .textSearchConfig(builder.textSearchConfig).build();
        this.json = builder.jsonMapper;
        if (builder.initializeSchema) {
            try {
                store.initializeSchema(builder.createExtension);
            } catch (SQLException e) {
                throw failure("initializing table " + builder.table, e);
            }
        }
    }

    /**
     * Starts a store.
     *
     * @param dataSource a PostgreSQL DataSource
     * @param embeddingModel the model that embeds documents and queries
     * @return a builder
     */
    public static Builder builder(DataSource dataSource, EmbeddingModel embeddingModel) {
        return new Builder(dataSource, embeddingModel);
    }

    /** {@return the vector-orm store underneath, e.g. for its SQL or index declaration} */
    public DocumentStore documentStore() {
        return store;
    }

    @Override
    public void doAdd(List<Document> documents) {
        List<float[]> embeddings = embeddingModel.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
        List<StoredDocument> rows = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            rows.add(new StoredDocument(document.getId(), document.getText(), json.writeValueAsString(document.getMetadata()),
                    embeddings.get(i)));
        }
        try {
            store.upsert(rows);
        } catch (SQLException e) {
            throw failure("adding " + documents.size() + " documents", e);
        }
    }

    @Override
    public void doDelete(List<String> ids) {
        try {
            store.delete(ids);
        } catch (SQLException e) {
            throw failure("deleting " + ids.size() + " documents", e);
        }
    }

    @Override
    protected void doDelete(Filter.Expression filterExpression) {
        try {
            store.delete(filter(filterExpression));
        } catch (SQLException e) {
            throw failure("deleting by " + filterExpression, e);
        }
    }

    @Override
    public List<Document> doSimilaritySearch(SearchRequest request) {
        float[] embedding = embeddingModel.embed(request.getQuery());
        DocumentQuery.Builder query = DocumentQuery.nearest(embedding, request.getTopK());
        if (request.hasFilterExpression()) {
            query.filter(filter(Objects.requireNonNull(request.getFilterExpression())));
        }
        if (request.getSimilarityThreshold() > SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL) {
            query.maxDistance(Scores.maxDistance(store.metric(), request.getSimilarityThreshold()));
        }
        if (request instanceof VectorOrmSearchRequest withSettings) {
            query.settings(withSettings.settings());
        }
        try {
            List<Document> found = new ArrayList<>();
            for (DocumentMatch match : store.search(query.build())) {
                found.add(document(match.document(), match.distance(), Scores.score(store.metric(), match.distance())));
            }
            return found;
        } catch (SQLException e) {
            throw failure("searching", e);
        }
    }

    /**
     * Hybrid search: the similarity ranking and a full-text ranking of the documents' text, fused by reciprocal rank
     * fusion ({@link DocumentStore#hybridSearch}); the query text is embedded for the vector side and matched, any
     * term, on the text side. The found documents' score is the fused score (higher is better); the similarity
     * threshold does not apply.
     *
     * @param request the query text, top-k and filter
     * @return the documents, best fused score first
     */
    public List<Document> hybridSearch(SearchRequest request) {
        float[] embedding = embeddingModel.embed(request.getQuery());
        try {
            List<Document> found = new ArrayList<>();
            List<HybridMatch> matches = store.hybridSearch(embedding, request.getQuery(), request.getTopK(),
                    request.hasFilterExpression()
                            ? filter(Objects.requireNonNull(request.getFilterExpression())) : null);
            for (HybridMatch match : matches) {
                found.add(document(match.document(), null, match.fusedScore()));
            }
            return found;
        } catch (SQLException e) {
            throw failure("hybrid searching", e);
        }
    }

    private MetadataFilter filter(Filter.Expression expression) {
        // a date in a filter compares with a date in metadata as this store's mapper writes it
        return SpringAiFilters.toMetadataFilter(expression, date -> json.readValue(json.writeValueAsString(date), String.class));
    }

    private Document document(StoredDocument row, @Nullable Double distance, double score) {
        Map<String, Object> metadata = new LinkedHashMap<>(json.readValue(row.metadataJson(), METADATA));
        if (distance != null) {
            metadata.put(DISTANCE_METADATA_KEY, distance);
        }
        return Document.builder().id(row.id()).text(row.content()).metadata(metadata).score(score).build();
    }

    private static DataAccessException failure(String what, SQLException e) {
        // the task names the server's message too: the translated exception's own message would only give the category
        String task = "vector-orm store: " + what + " failed: " + e.getMessage();
        DataAccessException translated = TRANSLATOR.translate(task, null, e);
        return translated != null ? translated : new UncategorizedSQLException(task, null, e);
    }

    @Override
    public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
        return new VectorStoreObservationContext.Builder("pg_vector", operationName)
                .collectionName(store.table().table())
                .dimensions(store.table().dimensions())
                .fieldName(store.table().embeddingColumn())
                .similarityMetric(similarityMetric(store.metric()));
    }

    private static String similarityMetric(Metric metric) {
        return switch (metric) {
            case COSINE -> "cosine";
            case INNER_PRODUCT -> "dot";
            case L2 -> "euclidean";
            default -> "manhattan";
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getNativeClient() {
        return Optional.of((T) store);
    }

    /** Collects the options of a {@link VectorOrmVectorStore}. */
    public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
        private final DataSource dataSource;
        private String table = "vector_store";
        private @Nullable Integer dimensions;
        private VectorType vectorType = VectorType.VECTOR;
        private Metric metric = Metric.COSINE;
        private DocumentIndex index = DocumentIndex.hnsw().build();
        private SearchSettings searchSettings = SearchSettings.none();
        private int copyThreshold = DocumentStore.DEFAULT_COPY_THRESHOLD;
        private int batchSize = DocumentStore.DEFAULT_BATCH_SIZE;
        private String textSearchConfig = "english";
        private boolean initializeSchema;
        private boolean createExtension = true;
        private JsonMapper jsonMapper = JsonMapper.builder().build();

        private Builder(DataSource dataSource, EmbeddingModel embeddingModel) {
            super(embeddingModel);
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Sets the table.
         *
         * @param table the table, optionally schema-qualified (default {@code vector_store})
         * @return this builder
         */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * Sets the embedding dimensions.
         *
         * @param dimensions the embedding model's dimensions (default: what the model reports)
         * @return this builder
         */
        public Builder dimensions(int dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        /**
         * Sets the embedding column's type.
         *
         * @param type {@link VectorType#VECTOR} (default) or {@link VectorType#HALFVEC}
         * @return this builder
         */
        public Builder vectorType(VectorType type) {
            this.vectorType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets the metric.
         *
         * @param metric the distance (default {@link Metric#COSINE}); {@link Metric#INNER_PRODUCT} for normalized
         *     embeddings is cheapest
         * @return this builder
         */
        public Builder metric(Metric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        /**
         * Sets the index.
         *
         * @param index the index (default HNSW over the column with the server's m and ef_construction)
         * @return this builder
         */
        public Builder index(DocumentIndex index) {
            this.index = Objects.requireNonNull(index, "index");
            return this;
        }

        /**
         * Sets the default search settings.
         *
         * @param settings applied to every search, under a {@link VectorOrmSearchRequest}'s own
         * @return this builder
         */
        public Builder searchSettings(SearchSettings settings) {
            this.searchSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Sets when {@code add} uses COPY.
         *
         * @param documents adds of at least this many documents use COPY (default
         *     {@value DocumentStore#DEFAULT_COPY_THRESHOLD})
         * @return this builder
         */
        public Builder copyThreshold(int documents) {
            this.copyThreshold = documents;
            return this;
        }

        /**
         * Sets the JDBC batch size of smaller adds.
         *
         * @param documents documents per batch (default {@value DocumentStore#DEFAULT_BATCH_SIZE})
         * @return this builder
         */
        public Builder batchSize(int documents) {
            this.batchSize = documents;
            return this;
        }

        /**
         * Sets the text search configuration of {@link VectorOrmVectorStore#hybridSearch}.
         *
         * @param config e.g. {@code english} (default) or {@code simple}
         * @return this builder
         */
        public Builder textSearchConfig(String config) {
            this.textSearchConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets whether the table and index are created when the store is built.
         *
         * @param initialize create what is missing (default {@code false}, as Spring AI's stores)
         * @return this builder
         */
        public Builder initializeSchema(boolean initialize) {
            this.initializeSchema = initialize;
            return this;
        }

        /**
         * Sets whether schema initialization creates the extension.
         *
         * @param create run {@code CREATE EXTENSION IF NOT EXISTS vector} first (default {@code true})
         * @return this builder
         */
        public Builder createExtension(boolean create) {
            this.createExtension = create;
            return this;
        }

        /**
         * Sets the JSON mapper of metadata.
         *
         * @param mapper writes and reads the metadata maps (default: a plain {@link JsonMapper})
         * @return this builder
         */
        public Builder jsonMapper(JsonMapper mapper) {
            this.jsonMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        @Override
        public VectorOrmVectorStore build() {
            return new VectorOrmVectorStore(this);
        }
    }
}
