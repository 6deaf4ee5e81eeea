package io.github.vectororm.benchmarks.stores;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.langchain4j.VectorOrmEmbeddingStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The two LangChain4j {@code EmbeddingStore}s of the comparison: LangChain4j's own {@code PgVectorEmbeddingStore}
 * and vector-orm's; both take the corpus's embeddings directly through {@code addAll(ids, embeddings, segments)}.
 */
final class LangChain4jStores {

    private LangChain4jStores() {
    }

    private static void addAll(dev.langchain4j.store.embedding.EmbeddingStore<TextSegment> store, StoreCorpus corpus,
            int from, int to) {
        List<String> ids = new ArrayList<>(to - from);
        List<Embedding> embeddings = new ArrayList<>(to - from);
        List<TextSegment> segments = new ArrayList<>(to - from);
        for (int row = from; row < to; row++) {
            ids.add(StoreCorpus.id(row));
            embeddings.add(Embedding.from(corpus.vector(row)));
            segments.add(TextSegment.from(StoreCorpus.text(row),
                    new Metadata().put(StoreCorpus.KEY, StoreCorpus.categoryOf(row))));
        }
        store.addAll(ids, embeddings, segments);
    }

    private static EmbeddingSearchRequest request(StoreCorpus corpus, int query, int k, boolean filtered) {
        EmbeddingSearchRequest.EmbeddingSearchRequestBuilder request = EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(corpus.query(query))).maxResults(k);
        if (filtered) {
            request.filter(metadataKey(StoreCorpus.KEY).isEqualTo(StoreCorpus.FILTER_VALUE));
        }
        return request.build();
    }

    private static List<String> ids(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(EmbeddingMatch::embeddingId).toList();
    }

    /**
     * LangChain4j's {@code PgVectorEmbeddingStore} (langchain4j-pgvector 1.11.0-beta19): cosine only, IVFFlat (its only
     * index) with pgvector's recommended lists = rows / 1000, no search settings.
     */
    static final class Peer implements ComparedStore {
        private final DataSource dataSource;
        private final StoreCorpus corpus;
        private final String name;
        private final String schema;
        private final int lists;
        private PgVectorEmbeddingStore store;

        Peer(DataSource dataSource, StoreCorpus corpus, String schema, String name) {
            this.dataSource = dataSource;
            this.corpus = corpus;
            this.schema = schema;
            this.name = name;
            this.lists = Math.max(1, corpus.rows() / 1000);
            this.store = build(false);
        }

        private PgVectorEmbeddingStore build(boolean useIndex) {
            // the table name unqualified: the store names its index after it, and an index name takes no schema (the
            // pool's search_path starts with the benchmark schema)
            return PgVectorEmbeddingStore.datasourceBuilder().datasource(dataSource).table(name)
                    .dimension(corpus.dimensions()).createTable(true).useIndex(useIndex).indexListSize(lists).build();
        }

        @Override
        public String label() {
            return "LangChain4j `PgVectorEmbeddingStore` 1.11.0-beta19";
        }

        @Override
        public boolean vectorOrm() {
            return false;
        }

        @Override
        public String configuration() {
            return "`PgVectorEmbeddingStore.datasourceBuilder().datasource(ds).dimension(n).createTable(true)"
                    + ".useIndex(true).indexListSize(" + lists + ")` (its defaults: UUID ids, `metadata json`, cosine only;"
                    + " IVFFlat is its only index, lists = rows / 1000 as pgvector recommends; it exposes no search settings,"
                    + " so `ivfflat.probes` is the server's 1)";
        }

        @Override
        public void add(int from, int to) {
            addAll(store, corpus, from, to);
        }

        @Override
        public void fill(int from, int to) throws SQLException {
            PeerRows.copy(dataSource, table(), "embedding_id", "text", corpus, from, to);
        }

        @Override
        public void buildIndex() {
            store = build(true); // searches go through the instance configured with the index
        }

        @Override
        public List<String> search(int query, int k, boolean filtered) {
            return ids(store.search(request(corpus, query, k, filtered)).matches());
        }

        @Override
        public String explain(Connection connection, int query, int k, boolean filtered) throws SQLException {
            // PgVectorEmbeddingStore's statement: the query vector inlined as text, three times; its JSON filter
            String vector = Arrays.toString(corpus.query(query));
            String key = "(metadata->>'" + StoreCorpus.KEY + "')::text";
            String sql = String.format("SELECT (2 - (embedding <=> '%s')) / 2 AS score, embedding_id, embedding, text, "
                    + "metadata FROM %s WHERE round(cast(float8 (embedding <=> '%s') as numeric), 8) <= round(2 - 2 * %s, 8)"
                    + " %s ORDER BY embedding <=> '%s' LIMIT %s", vector, table(), vector, 0.0,
                    filtered ? "AND " + key + " is not null and " + key + " = '" + StoreCorpus.FILTER_VALUE + "'" : "",
                    vector, k);
            return Explain.plan(connection, sql, List.of());
        }

        @Override
        public String table() {
            return schema + "." + name;
        }
    }

    /** vector-orm's {@code VectorOrmEmbeddingStore}: cosine, HNSW (m = 16, ef_construction = 64), COPY for large adds. */
    static final class VectorOrm implements TunableStore {
        private static final SearchSettings ITERATIVE = SearchSettings.builder()
                .hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
        private final DataSource dataSource;
        private final StoreCorpus corpus;
        private final String table;
        private final DocumentIndex index;
        private VectorOrmEmbeddingStore store;

        VectorOrm(DataSource dataSource, StoreCorpus corpus, String table, DocumentIndex index) {
            this.dataSource = dataSource;
            this.corpus = corpus;
            this.table = table;
            this.index = index;
            this.store = build(DocumentIndex.none());
        }

        private VectorOrmEmbeddingStore build(DocumentIndex with) {
            return VectorOrmEmbeddingStore.builder().dataSource(dataSource).table(table).dimension(corpus.dimensions())
                    .metric(Metric.COSINE).index(with).build();
        }

        @Override
        public String label() {
            return "vector-orm `VectorOrmEmbeddingStore`";
        }

        @Override
        public boolean vectorOrm() {
            return true;
        }

        @Override
        public String configuration() {
            return "`VectorOrmEmbeddingStore.builder().dataSource(ds).dimension(n).metric(COSINE).index("
                    + SpringAiStores.indexText(index) + ").build()` (text ids, `metadata jsonb`; adds of 1,000 embeddings or"
                    + " more go by binary COPY; the filtered search is `search(request, SearchSettings.builder()"
                    + ".hnswIterativeScan(RELAXED_ORDER).build())`, the plain one `search(request)`)";
        }

        @Override
        public void add(int from, int to) {
            addAll(store, corpus, from, to);
        }

        @Override
        public void fill(int from, int to) {
            for (int start = from; start < to; start += StoreComparison.ADD_BATCH) {
                add(start, Math.min(to, start + StoreComparison.ADD_BATCH));
            }
        }

        @Override
        public void buildIndex() {
            store = build(index); // searches go through the instance configured with the index: it orders by its expression
        }

        @Override
        public List<String> search(int query, int k, boolean filtered) {
            EmbeddingSearchRequest request = request(corpus, query, k, filtered);
            return ids((filtered ? store.search(request, ITERATIVE) : store.search(request)).matches());
        }

        @Override
        public String explain(Connection connection, int query, int k, SearchSettings settings) throws SQLException {
            return SpringAiStores.explainDocumentQuery(store.documentStore(), connection, corpus.query(query), k, false, settings);
        }

        @Override
        public List<String> search(int query, int k, SearchSettings settings) {
            return ids(store.search(request(corpus, query, k, false), settings).matches());
        }

        @Override
        public String explain(Connection connection, int query, int k, boolean filtered) throws SQLException {
            return SpringAiStores.explainDocumentQuery(store.documentStore(), connection, corpus.query(query), k, filtered,
                    filtered ? ITERATIVE : SearchSettings.none());
        }

        @Override
        public String table() {
            return table;
        }
    }
}
