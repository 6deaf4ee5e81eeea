package io.github.vectororm.benchmarks.stores;

import com.pgvector.PGvector;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.core.store.DocumentQuery;
import io.github.vectororm.core.store.DocumentStore;
import io.github.vectororm.core.filter.MetadataFilter;
import io.github.vectororm.springai.VectorOrmSearchRequest;
import io.github.vectororm.springai.VectorOrmVectorStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;

/** The two Spring AI {@code VectorStore}s of the comparison: Spring AI's own {@code PgVectorStore} and vector-orm's. */
final class SpringAiStores {

    /** The filter both receive, as Spring AI's filter expression text. */
    static final String FILTER = StoreCorpus.KEY + " == '" + StoreCorpus.FILTER_VALUE + "'";

    private SpringAiStores() {
    }

    private static List<Document> documents(int from, int to) {
        List<Document> documents = new ArrayList<>(to - from);
        for (int row = from; row < to; row++) {
            documents.add(Document.builder().id(StoreCorpus.id(row)).text(StoreCorpus.text(row))
                    .metadata(Map.of(StoreCorpus.KEY, StoreCorpus.categoryOf(row))).build());
        }
        return documents;
    }

    private static SearchRequest request(int query, int k, boolean filtered) {
        SearchRequest.Builder request = SearchRequest.builder().query(StoreCorpus.queryText(query)).topK(k);
        if (filtered) {
            request.filterExpression(FILTER);
        }
        return request.build();
    }

    private static List<String> ids(List<Document> found) {
        return found.stream().map(Document::getId).toList();
    }

    /** Spring AI's {@code PgVectorStore} 2.0.1: cosine, HNSW at pgvector's defaults, no search settings. */
    static final class Peer implements ComparedStore {
        private final JdbcTemplate jdbc;
        private final FixedEmbeddingModel model;
        private final String schema;
        private final String name;
        private final int dimensions;
        private PgVectorStore store;

        Peer(DataSource dataSource, FixedEmbeddingModel model, String schema, String name, int dimensions) {
            this.jdbc = new JdbcTemplate(dataSource);
            this.model = model;
            this.schema = schema;
            this.name = name;
            this.dimensions = dimensions;
            this.store = build(PgVectorStore.PgIndexType.NONE);
        }

        private PgVectorStore build(PgVectorStore.PgIndexType index) {
            PgVectorStore built = PgVectorStore.builder(jdbc, model).schemaName(schema).vectorTableName(name)
                    .dimensions(dimensions).distanceType(PgVectorStore.PgDistanceType.COSINE_DISTANCE).indexType(index)
                    .initializeSchema(true).build();
            built.afterPropertiesSet(); // what Spring does for the bean: creates the table (and index) if missing
            return built;
        }

        @Override
        public String label() {
            return "Spring AI `PgVectorStore` 2.0.1";
        }

        @Override
        public boolean vectorOrm() {
            return false;
        }

        @Override
        public String configuration() {
            return "`PgVectorStore.builder(jdbcTemplate, model).distanceType(COSINE_DISTANCE).indexType(HNSW)"
                    + ".initializeSchema(true)` (its defaults: UUID ids, `metadata json`, HNSW `vector_cosine_ops` at"
                    + " pgvector's m = 16, ef_construction = 64; it exposes no search settings, so `hnsw.ef_search` is"
                    + " the server's 40 and a filter gets no iterative scan)";
        }

        @Override
        public void add(int from, int to) {
            store.add(documents(from, to));
        }

        @Override
        public void fill(int from, int to) throws SQLException {
            PeerRows.copy(jdbc.getDataSource(), table(), "id", "content", model.corpus(), from, to);
        }

        @Override
        public void buildIndex() {
            store = build(PgVectorStore.PgIndexType.HNSW); // searches go through the instance configured with the index
        }

        @Override
        public List<String> search(int query, int k, boolean filtered) {
            return ids(store.similaritySearch(request(query, k, filtered)));
        }

        @Override
        public String explain(Connection connection, int query, int k, boolean filtered) throws SQLException {
            // PgVectorStore 2.0.1's COSINE_DISTANCE statement; the filter is its JSON path literal
            PGvector probe = new PGvector(model.corpus().query(query));
            String sql = "SELECT *, embedding <=> ? AS distance FROM " + table() + " WHERE embedding <=> ? < ? "
                    + (filtered ? " AND metadata::jsonb @@ '$." + StoreCorpus.KEY + " == \"" + StoreCorpus.FILTER_VALUE
                    + "\"'::jsonpath " : "") + "ORDER BY distance LIMIT ? ";
            return Explain.plan(connection, sql, List.of(probe, probe, 1.0, k));
        }

        @Override
        public String table() {
            return schema + "." + name;
        }
    }

    /** vector-orm's {@code VectorOrmVectorStore}: cosine, HNSW (m = 16, ef_construction = 64), COPY for large adds. */
    static final class VectorOrm implements TunableStore {
        private static final SearchSettings ITERATIVE = SearchSettings.builder()
                .hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
        private final DataSource dataSource;
        private final FixedEmbeddingModel model;
        private final String table;
        private final int dimensions;
        private final DocumentIndex index;
        private VectorOrmVectorStore store;

        VectorOrm(DataSource dataSource, FixedEmbeddingModel model, String table, int dimensions, DocumentIndex index) {
            this.dataSource = dataSource;
            this.model = model;
            this.table = table;
            this.dimensions = dimensions;
            this.index = index;
            this.store = build(DocumentIndex.none());
        }

        private VectorOrmVectorStore build(DocumentIndex with) {
            return VectorOrmVectorStore.builder(dataSource, model).table(table).dimensions(dimensions).metric(Metric.COSINE)
                    .index(with).initializeSchema(true).build();
        }

        @Override
        public String label() {
            return "vector-orm `VectorOrmVectorStore`";
        }

        @Override
        public boolean vectorOrm() {
            return true;
        }

        @Override
        public String configuration() {
            return "`VectorOrmVectorStore.builder(dataSource, model).metric(COSINE).index(" + indexText(index)
                    + ").initializeSchema(true)` (text ids, `metadata jsonb`; adds of 1,000 documents or more go by"
                    + " binary COPY; the filtered search passes `VectorOrmSearchRequest.of(request,"
                    + " SearchSettings.builder().hnswIterativeScan(RELAXED_ORDER).build())`, the plain one no settings)";
        }

        @Override
        public void add(int from, int to) {
            store.add(documents(from, to));
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
            SearchRequest request = request(query, k, filtered);
            return ids(store.similaritySearch(filtered ? VectorOrmSearchRequest.of(request, ITERATIVE) : request));
        }

        @Override
        public String explain(Connection connection, int query, int k, SearchSettings settings) throws SQLException {
            return explainDocumentQuery(store.documentStore(), connection, model.corpus().query(query), k, false, settings);
        }

        @Override
        public List<String> search(int query, int k, SearchSettings settings) {
            return ids(store.similaritySearch(VectorOrmSearchRequest.of(request(query, k, false), settings)));
        }

        @Override
        public String explain(Connection connection, int query, int k, boolean filtered) throws SQLException {
            return explainDocumentQuery(store.documentStore(), connection, model.corpus().query(query), k, filtered,
                    filtered ? ITERATIVE : SearchSettings.none());
        }

        @Override
        public String table() {
            return table;
        }
    }

    /** The statement a {@link DocumentStore} search runs, explained with its settings applied. */
    static String explainDocumentQuery(DocumentStore store, Connection connection, float[] probe, int k, boolean filtered,
            SearchSettings settings) throws SQLException {
        DocumentQuery.Builder query = DocumentQuery.nearest(probe, k).settings(settings);
        if (filtered) {
            query.filter(MetadataFilter.eq(StoreCorpus.KEY, StoreCorpus.FILTER_VALUE));
        }
        DocumentQuery built = query.build();
        SqlQuery sql = store.query(built);
        io.github.vectororm.core.jdbc.PgVectorTypes.ensureRegistered(connection);
        store.settings(built).applyLocal(connection);
        try {
            return Explain.plan(connection, sql.sql(), sql.parameters());
        } finally {
            connection.rollback();
        }
    }

    /** @return how an index reads in the report */
    static String indexText(DocumentIndex index) {
        return index.form() == DocumentIndex.Form.HALFVEC ? "DocumentIndex.hnsw().m(16).efConstruction(64).halfvec().build()"
                : "DocumentIndex.hnsw().m(16).efConstruction(64).build()";
    }
}
