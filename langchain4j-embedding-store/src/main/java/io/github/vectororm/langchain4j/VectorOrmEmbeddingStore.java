package io.github.vectororm.langchain4j;

import static dev.langchain4j.internal.ValidationUtils.ensureNotBlank;
import static dev.langchain4j.internal.ValidationUtils.ensureNotEmpty;
import static dev.langchain4j.internal.ValidationUtils.ensureNotNull;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.core.store.DocumentMatch;
import io.github.vectororm.core.store.DocumentQuery;
import io.github.vectororm.core.store.DocumentStore;
import io.github.vectororm.core.store.DocumentTable;
import io.github.vectororm.core.store.StoredDocument;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A LangChain4j {@code EmbeddingStore<TextSegment>} on vector-orm's {@link DocumentStore}: one PostgreSQL table (text
 * id, segment text, {@code jsonb} metadata, {@code vector(n)} or {@code halfvec(n)} embedding) with an HNSW or IVFFlat
 * index declared with its parameters, over the column, its halfvec cast or its binary quantization (so 3,072-d
 * embeddings are indexed); every metric the index serves, ordered by the bare operator; {@code COPY} for large
 * {@code addAll}s; search settings per store and per request ({@link #search(EmbeddingSearchRequest, SearchSettings)});
 * LangChain4j's metadata {@link Filter}s translated to SQL with bound values ({@link LangChain4jFilters}).
 *
 * <pre>{@code
 * VectorOrmEmbeddingStore store = VectorOrmEmbeddingStore.builder()
 *         .dataSource(dataSource)
 *         .table("embeddings")
 *         .dimension(384)
 *         .metric(Metric.COSINE)
 *         .index(DocumentIndex.hnsw().m(16).efConstruction(64).build())
 *         .build();
 * }</pre>
 *
 * <p>Scores are LangChain4j's relevance scores (0 to 1, higher is more relevant): for cosine
 * {@code RelevanceScore.fromCosineSimilarity(1 - d)}, as LangChain4j's own PgVector store, for the inner product the
 * same of {@code -d} (the cosine similarity of normalized embeddings), for L2 and L1 {@code 1 / (1 + d)}; a
 * {@code minScore} becomes the largest distance the query filters by.
 *
 * @since 0.1.0
 */
public final class VectorOrmEmbeddingStore implements EmbeddingStore<TextSegment> {

    private final DocumentStore store;

    private VectorOrmEmbeddingStore(Builder b) {
        ensureNotNull(b.dataSource, "dataSource");
        ensureNotNull(b.dimension, "dimension");
        DocumentTable table = DocumentTable.named(b.table).type(b.vectorType).dimensions(b.dimension).build();
        this.store = DocumentStore.builder(b.dataSource, table).metric(b.metric).index(b.index)
                .searchSettings(b.searchSettings).copyThreshold(b.copyThreshold).batchSize(b.batchSize).build();
        if (b.createTable) {
            try {
                store.initializeSchema(b.createExtension);
            } catch (SQLException e) {
                throw failure("creating table " + b.table, e);
            }
        }
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the vector-orm store underneath, e.g. for its SQL, index declaration or hybrid search} */
    public DocumentStore documentStore() {
        return store;
    }

    @Override
    public String add(Embedding embedding) {
        String id = generateIds(1).get(0);
        add(id, embedding);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(ensureNotBlank(id, "id")), List.of(ensureNotNull(embedding, "embedding")), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = generateIds(1).get(0);
        addAll(List.of(id), List.of(ensureNotNull(embedding, "embedding")), List.of(ensureNotNull(segment, "segment")));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    /**
     * Adds embeddings under the given ids, replacing those stored under the same ids, in one transaction; from
     * {@link Builder#copyThreshold(int) copyThreshold} embeddings on by {@code COPY}.
     *
     * @param ids the ids, one per embedding
     * @param embeddings the embeddings, each of the table's dimension
     * @param segments the segments, one per embedding, or {@code null} for none
     */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        ensureNotNull(ids, "ids");
        ensureNotNull(embeddings, "embeddings");
        if (ids.size() != embeddings.size() || segments != null && segments.size() != embeddings.size()) {
            throw new IllegalArgumentException("ids, embeddings and segments differ in size: " + ids.size() + ", "
                    + embeddings.size() + ", " + (segments == null ? "none" : segments.size()));
        }
        List<StoredDocument> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            TextSegment segment = segments == null ? null : segments.get(i);
            rows.add(new StoredDocument(ensureNotBlank(ids.get(i), "id"), segment == null ? null : segment.text(),
                    MetadataJson.write(segment == null ? null : segment.metadata()),
                    ensureNotNull(embeddings.get(i), "embedding").vector()));
        }
        try {
            store.upsert(rows);
        } catch (SQLException e) {
            throw failure("adding " + rows.size() + " embeddings", e);
        }
    }

    @Override
    public void remove(String id) {
        removeAll(List.of(ensureNotBlank(id, "id")));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        ensureNotEmpty(ids, "ids");
        try {
            store.delete(ids);
        } catch (SQLException e) {
            throw failure("removing " + ids.size() + " embeddings", e);
        }
    }

    @Override
    public void removeAll(Filter filter) {
        ensureNotNull(filter, "filter");
        try {
            store.delete(LangChain4jFilters.toMetadataFilter(filter));
        } catch (SQLException e) {
            throw failure("removing by " + filter, e);
        }
    }

    @Override
    public void removeAll() {
        try {
            store.deleteAll();
        } catch (SQLException e) {
            throw failure("removing all embeddings", e);
        }
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return search(request, SearchSettings.none());
    }

    /**
     * Searches with search settings of this request (over the store's defaults), e.g. {@code hnsw.ef_search} or
     * iterative index scans for a selective filter, applied in the query's own transaction.
     *
     * @param request the query embedding, maximum results, minimum score and filter
     * @param settings this search's settings
     * @return the matches, most relevant first
     */
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request, SearchSettings settings) {
        ensureNotNull(request, "request");
        ensureNotNull(settings, "settings");
        DocumentQuery.Builder query = DocumentQuery.nearest(request.queryEmbedding().vector(), request.maxResults())
                .includeEmbeddings(true).settings(settings);
        if (request.filter() != null) {
            query.filter(LangChain4jFilters.toMetadataFilter(request.filter()));
        }
        if (request.minScore() > 0) {
            query.maxDistance(RelevanceScores.maxDistance(store.metric(), request.minScore()));
        }
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        try {
            for (DocumentMatch match : store.search(query.build())) {
                StoredDocument row = match.document();
                TextSegment segment = row.content() == null ? null
                        : TextSegment.from(row.content(), MetadataJson.read(row.metadataJson()));
                double score = RelevanceScores.score(store.metric(), match.distance());
                if (score >= request.minScore()) { // the distance bound, to the last bit of the score's arithmetic
                    matches.add(new EmbeddingMatch<>(score, row.id(), Embedding.from(row.embedding()), segment));
                }
            }
        } catch (SQLException e) {
            throw failure("searching", e);
        }
        return new EmbeddingSearchResult<>(matches);
    }

    private static LangChain4jException failure(String what, SQLException e) {
        return new LangChain4jException("vector-orm store: " + what + " failed: " + e.getMessage(), e);
    }

    /** Collects the options of a {@link VectorOrmEmbeddingStore}, in LangChain4j's builder style. */
    public static final class Builder {
        private DataSource dataSource;
        private String table = "embeddings";
        private Integer dimension;
        private VectorType vectorType = VectorType.VECTOR;
        private Metric metric = Metric.COSINE;
        private DocumentIndex index = DocumentIndex.hnsw().build();
        private SearchSettings searchSettings = SearchSettings.none();
        private int copyThreshold = DocumentStore.DEFAULT_COPY_THRESHOLD;
        private int batchSize = DocumentStore.DEFAULT_BATCH_SIZE;
        private boolean createTable = true;
        private boolean createExtension = true;

        private Builder() {
        }

        /**
         * Sets the DataSource.
         *
         * @param dataSource a PostgreSQL DataSource (required)
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * Sets the table.
         *
         * @param table the table, optionally schema-qualified (default {@code embeddings})
         * @return this builder
         */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * Sets the embedding dimension.
         *
         * @param dimension the embedding model's dimension (required)
         * @return this builder
         */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
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
         * @param settings applied to every search, under a request's own
         * @return this builder
         */
        public Builder searchSettings(SearchSettings settings) {
            this.searchSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Sets when {@code addAll} uses COPY.
         *
         * @param embeddings adds of at least this many embeddings use COPY (default
         *     {@value DocumentStore#DEFAULT_COPY_THRESHOLD})
         * @return this builder
         */
        public Builder copyThreshold(int embeddings) {
            this.copyThreshold = embeddings;
            return this;
        }

        /**
         * Sets the JDBC batch size of smaller adds.
         *
         * @param embeddings embeddings per batch (default {@value DocumentStore#DEFAULT_BATCH_SIZE})
         * @return this builder
         */
        public Builder batchSize(int embeddings) {
            this.batchSize = embeddings;
            return this;
        }

        /**
         * Sets whether the table and index are created when the store is built.
         *
         * @param create create what is missing (default {@code true}, as LangChain4j's PgVector store)
         * @return this builder
         */
        public Builder createTable(boolean create) {
            this.createTable = create;
            return this;
        }

        /**
         * Sets whether table creation creates the extension.
         *
         * @param create run {@code CREATE EXTENSION IF NOT EXISTS vector} first (default {@code true})
         * @return this builder
         */
        public Builder createExtension(boolean create) {
            this.createExtension = create;
            return this;
        }

        /** {@return the store, its table and index created if so configured} */
        public VectorOrmEmbeddingStore build() {
            return new VectorOrmEmbeddingStore(this);
        }
    }
}
