package io.github.vectororm.core.store;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.filter.MetadataFilter;
import io.github.vectororm.core.filter.MetadataFilterSql;
import io.github.vectororm.core.internal.LocalTransaction;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TextMatch;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.core.search.TwoStageSearch;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Documents (id, text, JSON metadata, embedding) in one PostgreSQL table, the shared engine of vector-orm's Spring AI
 * and LangChain4j stores: schema and index creation, upserts, deletes, top-k and hybrid search.
 *
 * <ul>
 * <li><b>Upserts</b> of fewer than {@link Builder#copyThreshold(int) copyThreshold} documents are batched bound
 * {@code INSERT ... ON CONFLICT (id) DO UPDATE}s; larger ones go by binary {@code COPY}: straight into the table
 * when none of their ids is stored yet, else (the COPY fails on the first stored id and is rolled back to a savepoint)
 * into a temporary staging table and one {@code INSERT ... SELECT ... ON CONFLICT}. Of several documents with one id
 * the last wins; each upsert is one transaction.</li>
 * <li><b>Searches</b> order by the bare operator over the expression the index covers,
 * {@code ORDER BY embedding <=> ?::vector(n) LIMIT k} (for {@link Metric#INNER_PRODUCT} the negative inner product
 * {@code <#>}, ascending), so the index serves every metric it is built for; a binary-quantized index is searched in
 * two stages ({@link TwoStageSearch}). Search settings (the store's defaults, then the query's) apply with
 * {@code set_config(..., true)} in the query's own transaction.</li>
 * <li><b>Filters</b> are {@link MetadataFilter}s, rendered with every value bound ({@link MetadataFilterSql}).</li>
 * </ul>
 * Every pgvector feature the table, index and query need is checked against the installed version first.
 *
 * @since 0.1.0
 */
public final class DocumentStore {

    /** Upserts of at least this many documents go by COPY, unless configured otherwise. */
    public static final int DEFAULT_COPY_THRESHOLD = 1000;
    /** Documents per JDBC batch of the INSERT path, unless configured otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    private static final String STAGE = "vectororm_document_stage";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final DocumentTable table;
    private final Metric metric;
    private final DocumentIndex index;
    private final Optional<IndexDefinition> indexDefinition;
    private final IndexedExpression searched;
    private final SearchSettings defaults;
    private final int copyThreshold;
    private final int batchSize;
    private final String textSearchConfig;
    private final EnumSet<PgVectorFeature> features;

    private DocumentStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.metric = Objects.requireNonNull(b.metric, "metric");
        this.index = Objects.requireNonNull(b.index, "index");
        this.defaults = Objects.requireNonNull(b.defaults, "search settings");
        if (b.copyThreshold < 1 || b.batchSize < 1) {
            throw new VectorValidationException("copy threshold and batch size must be at least 1, not "
                    + b.copyThreshold + " and " + b.batchSize);
        }
        this.copyThreshold = b.copyThreshold;
        this.batchSize = b.batchSize;
        this.textSearchConfig = b.textSearchConfig;
        try {
            metric.requireAppliesTo(table.type());
        } catch (VectorValidationException e) {
            throw e.withContext("document table " + table.table());
        }
        this.indexDefinition = index.definition(table, metric);
        this.searched = index.form() == DocumentIndex.Form.BINARY_QUANTIZED ? table.embedding() : index.expression(table);
        EnumSet<PgVectorFeature> all = EnumSet.noneOf(PgVectorFeature.class);
        all.addAll(table.requiredFeatures());
        all.addAll(PgVectorFeature.requiredFor(table.type(), metric));
        indexDefinition.ifPresent(definition -> all.addAll(definition.requiredFeatures()));
        if (index.form() == DocumentIndex.Form.HALFVEC) {
            all.add(PgVectorFeature.HALFVEC);
        }
        this.features = all;
    }

    /**
     * Starts a store on a table.
     *
     * @param dataSource where connections come from
     * @param table the document table
     * @return a builder
     */
    public static Builder builder(DataSource dataSource, DocumentTable table) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(table, "table"));
    }

    /** {@return the table} */
    public DocumentTable table() {
        return table;
    }

    /** {@return the metric searches rank by} */
    public Metric metric() {
        return metric;
    }

    /** {@return the index declaration} */
    public DocumentIndex index() {
        return index;
    }

    /** {@return the validated {@code CREATE INDEX}, empty without an index} */
    public Optional<IndexDefinition> indexDefinition() {
        return indexDefinition;
    }

    /** {@return every pgvector feature this store's table, index and searches use} */
    public Set<PgVectorFeature> requiredFeatures() {
        return EnumSet.copyOf(features);
    }

    /**
     * Creates what is missing: optionally the extension, then the table and its index ({@code IF NOT EXISTS}; the
     * index is checked against the table's real column first, {@link IndexBuilder#verify}).
     *
     * @param createExtension whether to run {@code CREATE EXTENSION IF NOT EXISTS vector} first
     * @throws io.github.vectororm.core.UnsupportedPgVectorFeatureException if the installed pgvector lacks a feature
     * @throws SQLException on a database error
     */
    public void initializeSchema(boolean createExtension) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (createExtension) {
                PgVectorExtension.create(c);
            }
            PgVectorExtension.require(c, features);
            try (Statement s = c.createStatement()) {
                s.execute(table.createSql());
            }
        }
        if (indexDefinition.isPresent()) {
            IndexBuilder.using(dataSource).build(indexDefinition.get(), progress -> { });
        }
    }

    /**
     * Inserts documents, replacing those whose id is stored already, in one transaction.
     *
     * @param documents the documents, each with an embedding of the table's dimensions
     * @throws VectorValidationException naming the document whose embedding does not fit (before anything is sent)
     * @throws SQLException on a database error (then none is written)
     */
    public void upsert(List<StoredDocument> documents) throws SQLException {
        Objects.requireNonNull(documents, "documents");
        if (documents.isEmpty()) {
            return;
        }
        for (StoredDocument document : documents) {
            checkEmbedding(document);
        }
        try (Connection c = dataSource.getConnection()) {
            PgVectorExtension.require(c, table.requiredFeatures());
            LocalTransaction.run(c, connection -> { }, connection -> {
                if (documents.size() >= copyThreshold) {
                    copyUpsert(c, documents);
                } else {
                    batchUpsert(c, documents);
                }
                return null;
            });
        }
    }

    private void checkEmbedding(StoredDocument document) {
        float[] embedding = document.embedding();
        if (embedding == null) {
            throw new VectorValidationException("document " + document.id() + " has no embedding");
        }
        if (embedding.length != table.dimensions()) {
            throw new VectorValidationException("document " + document.id() + ": embedding has " + embedding.length
                    + " dimensions, column " + table.table() + "." + table.embeddingColumn() + " is "
                    + table.type().columnDefinition(table.dimensions()));
        }
    }

    private String conflictClause() {
        return " ON CONFLICT (" + table.idSql() + ") DO UPDATE SET " + table.contentSql() + " = EXCLUDED."
                + table.contentSql() + ", " + table.metadataSql() + " = EXCLUDED." + table.metadataSql() + ", "
                + table.embeddingSql() + " = EXCLUDED." + table.embeddingSql();
    }

    private String columnList() {
        return table.idSql() + ", " + table.contentSql() + ", " + table.metadataSql() + ", " + table.embeddingSql();
    }

    private void batchUpsert(Connection c, List<StoredDocument> documents) throws SQLException {
        PgVectorTypes.ensureRegistered(c);
        String sql = "INSERT INTO " + table.tableSql() + " (" + columnList() + ") VALUES (?, ?, ?::jsonb, ?)"
                + conflictClause();
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            int pending = 0;
            for (StoredDocument document : documents) {
                insert.setString(1, document.id());
                insert.setString(2, document.content());
                insert.setString(3, metadata(document));
                insert.setObject(4, VectorValues.toParameter(table.type(), document.embedding()));
                insert.addBatch();
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private void copyUpsert(Connection c, List<StoredDocument> documents) throws SQLException {
        // one INSERT may not touch a row twice: of several documents with one id, the last one wins. Deduplicated
        // here, so the server need not sort the staged rows (wide ones: each holds a vector) to find the last.
        Map<String, StoredDocument> latest = new LinkedHashMap<>();
        for (StoredDocument document : documents) {
            latest.put(document.id(), document);
        }
        // new documents, the usual case, go straight into the table: one write of each row, not staged and copied;
        // if one id is stored already, the COPY fails as a whole (unique violation) and the upsert goes by the stage
        Savepoint direct = c.setSavepoint();
        try {
            copyRows(c, table.table(), latest.values(), table.idColumn(), table.contentColumn(), table.metadataColumn(),
                    table.embeddingColumn());
            c.releaseSavepoint(direct);
            return;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(direct);
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE " + STAGE + " (id text, content text, metadata jsonb, embedding "
                    + table.type().columnDefinition(table.dimensions()) + ") ON COMMIT DROP");
        }
        copyRows(c, STAGE, latest.values(), "id", "content", "metadata", "embedding");
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table.tableSql() + " (" + columnList() + ") SELECT id, content, metadata,"
                    + " embedding FROM " + STAGE + conflictClause());
            s.execute("DROP TABLE " + STAGE);
        }
    }

    private void copyRows(Connection c, String target, Collection<StoredDocument> documents, String id, String content,
            String metadata, String embedding) throws SQLException {
        try (VectorCopyWriter writer = VectorCopyWriter.into(c, target).column(id, CopyType.TEXT)
                .column(content, CopyType.TEXT).column(metadata, CopyType.JSONB)
                .column(embedding, CopyType.of(table.type())).open()) {
            for (StoredDocument document : documents) {
                writer.addRow(document.id(), document.content(), metadata(document), document.embedding());
            }
            writer.finish();
        }
    }

    private static String metadata(StoredDocument document) {
        return document.metadataJson() == null ? "{}" : document.metadataJson();
    }

    /**
     * Deletes documents by id.
     *
     * @param ids the ids
     * @return how many were deleted
     * @throws SQLException on a database error
     */
    public int delete(Collection<String> ids) throws SQLException {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM " + table.tableSql() + " WHERE "
                        + table.idSql() + " = ANY (?)")) {
            Array array = c.createArrayOf("text", ids.toArray());
            delete.setArray(1, array);
            return delete.executeUpdate();
        }
    }

    /**
     * Deletes the documents whose metadata meets a filter.
     *
     * @param filter the condition
     * @return how many were deleted
     * @throws SQLException on a database error
     */
    public int delete(MetadataFilter filter) throws SQLException {
        Filter where = MetadataFilterSql.toSql(filter, table.metadataColumn());
        try (Connection c = dataSource.getConnection()) {
            SqlQuery delete = new SqlQuery("DELETE FROM " + table.tableSql() + " WHERE " + where.sql(), where.parameters());
            try (PreparedStatement statement = delete.prepare(c)) {
                return statement.executeUpdate();
            }
        }
    }

    /**
     * Deletes every document (LangChain4j's {@code removeAll()}); the table and its index stay.
     *
     * @return how many were deleted
     * @throws SQLException on a database error
     */
    public int deleteAll() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate("DELETE FROM " + table.tableSql());
        }
    }

    /**
     * The statement {@link #search} runs: result columns id, content, metadata (text), embedding (when asked for),
     * distance. Run it with {@link #settings(DocumentQuery)} applied in its transaction.
     *
     * @param query the query
     * @return the statement and its bound values
     */
    public SqlQuery query(DocumentQuery query) {
        Object probe = probe(query.embedding());
        Filter filter = query.filter().map(f -> MetadataFilterSql.toSql(f, table.metadataColumn())).orElse(null);
        String embedding = query.includeEmbeddings() ? ", d." + table.embeddingSql() : "";
        List<Object> parameters = new ArrayList<>();
        if (index.form() == DocumentIndex.Form.BINARY_QUANTIZED) {
            SqlQuery stages = twoStage(query.k()).query(query.embedding(), query.k(), filter);
            parameters.addAll(stages.parameters());
            StringBuilder sql = new StringBuilder("SELECT d.").append(table.idSql()).append(", d.").append(table.contentSql())
                    .append(", d.").append(table.metadataSql()).append("::text").append(embedding)
                    .append(", h.distance FROM (").append(stages.sql()).append(") h JOIN ").append(table.tableSql())
                    .append(" d ON d.").append(table.idSql()).append(" = h.id");
            if (query.maxDistance().isPresent()) {
                sql.append(" WHERE h.distance <= ?");
                parameters.add(query.maxDistance().getAsDouble());
            }
            return new SqlQuery(sql.append(" ORDER BY h.distance, d.").append(table.idSql()).toString(), parameters);
        }
        String distance = searched.sql() + " " + metric.operator() + " " + searched.probeSql("?");
        StringBuilder sql = new StringBuilder("SELECT d.").append(table.idSql()).append(", d.").append(table.contentSql())
                .append(", d.").append(table.metadataSql()).append("::text").append(embedding).append(", ")
                .append(distance).append(" AS distance FROM ").append(table.tableSql()).append(" d");
        parameters.add(probe);
        List<String> conditions = new ArrayList<>();
        if (filter != null) {
            conditions.add(filter.sql());
            parameters.addAll(filter.parameters());
        }
        if (query.maxDistance().isPresent()) {
            conditions.add(distance + " <= ?");
            parameters.add(probe);
            parameters.add(query.maxDistance().getAsDouble());
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        // the bare operator over the indexed expression, ascending: the form the index serves
        sql.append(" ORDER BY ").append(distance).append(" LIMIT ?");
        parameters.add(probe);
        parameters.add(query.k());
        return new SqlQuery(sql.toString(), parameters);
    }

    /**
     * The settings a search applies in its transaction: the store's defaults, the query's over them, and for a
     * binary-quantized index {@code hnsw.ef_search} raised to the shortlist.
     *
     * @param query the query
     * @return the settings
     */
    public SearchSettings settings(DocumentQuery query) {
        SearchSettings merged = defaults.withOverrides(query.settings());
        if (index.form() == DocumentIndex.Form.BINARY_QUANTIZED && index.method().isPresent()
                && index.method().get() == io.github.vectororm.core.IndexMethod.HNSW) {
            return twoStage(query.k()).settings(merged);
        }
        return merged;
    }

    private TwoStageSearch twoStage(int k) {
        int shortlist = Math.max(index.shortlist(), k);
        if (shortlist > TwoStageSearch.MAX_SHORTLIST_SIZE) {
            throw new VectorValidationException("a binary-quantized search returns at most "
                    + TwoStageSearch.MAX_SHORTLIST_SIZE + " documents (hnsw.ef_search's maximum), not " + k);
        }
        return TwoStageSearch.on(table.table(), table.idColumn(), table.embeddingColumn(), table.type(), table.dimensions())
                .shortlist(index.expression(table), Metric.HAMMING, shortlist).rerank(metric).build();
    }

    private Object probe(float[] embedding) {
        if (embedding.length != table.dimensions()) {
            throw new VectorValidationException("query embedding has " + embedding.length + " dimensions, column "
                    + table.table() + "." + table.embeddingColumn() + " is "
                    + table.type().columnDefinition(table.dimensions()));
        }
        return VectorValues.toParameter(table.type(), embedding);
    }

    /**
     * Finds the documents nearest to the query embedding, nearest first.
     *
     * @param query the query
     * @return at most {@code k} matches
     * @throws io.github.vectororm.core.UnsupportedPgVectorFeatureException if the installed pgvector lacks a feature
     * @throws SQLException on a database error
     */
    public List<DocumentMatch> search(DocumentQuery query) throws SQLException {
        SqlQuery sql = query(query);
        SearchSettings settings = settings(query);
        try (Connection c = dataSource.getConnection()) {
            PgVectorTypes.ensureRegistered(c);
            PgVectorExtension.require(c, features);
            // the settings travel in the query's statement: one round trip
            return SettingsPipeline.execute(c, settings, sql, rs -> {
                List<DocumentMatch> matches = new ArrayList<>(query.k());
                while (rs.next()) {
                    float[] embedding = query.includeEmbeddings()
                            ? VectorValues.fromResult(table.type(), rs.getObject(4), float[].class) : null;
                    StoredDocument document = new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3),
                            embedding);
                    matches.add(new DocumentMatch(document, rs.getDouble(query.includeEmbeddings() ? 5 : 4)));
                }
                return matches;
            });
        }
    }

    /**
     * Hybrid search: the vector ranking and a full-text ranking of the content ({@code to_tsvector} in the store's
     * text search configuration, the query text read as web-search syntax with any term matching), fused by
     * reciprocal rank fusion ({@link HybridSearch}); a GIN index on {@code to_tsvector('config', coalesce(content,
     * ''))} serves the text side ({@link #textSource()}{@code .ginIndexSql(name, table)} creates it). The vector side
     * orders by the embedding column itself, so an index over the column serves it and one over an expression (halfvec
     * cast, binary quantization) does not.
     *
     * @param embedding the query embedding
     * @param text the query text
     * @param k how many documents
     * @param filter a metadata filter for both sides, or {@code null}
     * @return at most {@code k} matches, best fused score first
     * @throws SQLException on a database error
     */
    public List<HybridMatch> hybridSearch(float[] embedding, String text, int k, MetadataFilter filter) throws SQLException {
        probe(embedding);
        int candidates = Math.max(40, k);
        HybridSearch hybrid = HybridSearch.on(table.table(), table.idColumn())
                .vector(table.embeddingColumn(), table.type(), metric)
                .text(textSource()).textMatch(TextMatch.ANY_TERM).candidates(candidates, candidates).build();
        Filter where = filter == null ? null : MetadataFilterSql.toSql(filter, table.metadataColumn());
        SqlQuery fused = hybrid.query(embedding, text, k, where);
        String sql = "SELECT d." + table.idSql() + ", d." + table.contentSql() + ", d." + table.metadataSql()
                + "::text, h.fused_score, h.vector_rank, h.text_rank FROM (" + fused.sql() + ") h JOIN " + table.tableSql()
                + " d ON d." + table.idSql() + " = h.id ORDER BY h.fused_score DESC, h.id";
        SearchSettings settings = defaults;
        try (Connection c = dataSource.getConnection()) {
            PgVectorTypes.ensureRegistered(c);
            PgVectorExtension.require(c, PgVectorFeature.requiredFor(table.type(), metric));
            return SettingsPipeline.execute(c, settings, new SqlQuery(sql, fused.parameters()), rs -> {
                List<HybridMatch> matches = new ArrayList<>(k);
                while (rs.next()) {
                    matches.add(new HybridMatch(new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3), null),
                            rs.getDouble(4), rank(rs, 5), rank(rs, 6)));
                }
                return matches;
            });
        }
    }

    private static Integer rank(ResultSet rs, int column) throws SQLException {
        long rank = rs.getLong(column);
        return rs.wasNull() ? null : (int) rank;
    }

    /**
     * The text side of {@link #hybridSearch}, whose {@link TextSource#ginIndexSql GIN index} serves it.
     *
     * @return the content column's {@code to_tsvector} in the store's configuration
     */
    public TextSource textSource() {
        return TextSource.document(textSearchConfig, table.contentColumn());
    }

    /** Collects the options of a {@link DocumentStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final DocumentTable table;
        private Metric metric = Metric.COSINE;
        private DocumentIndex index = DocumentIndex.none();
        private SearchSettings defaults = SearchSettings.none();
        private int copyThreshold = DEFAULT_COPY_THRESHOLD;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private String textSearchConfig = "english";

        private Builder(DataSource dataSource, DocumentTable table) {
            this.dataSource = dataSource;
            this.table = table;
        }

        /**
         * Sets the metric.
         *
         * @param metric the distance searches rank by (default {@link Metric#COSINE})
         * @return this builder
         */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /**
         * Sets the index.
         *
         * @param index the vector index (default {@link DocumentIndex#none()})
         * @return this builder
         */
        public Builder index(DocumentIndex index) {
            this.index = index;
            return this;
        }

        /**
         * Sets the default search settings.
         *
         * @param settings applied to every search, under each query's own (default none)
         * @return this builder
         */
        public Builder searchSettings(SearchSettings settings) {
            this.defaults = settings;
            return this;
        }

        /**
         * Sets when upserts use COPY.
         *
         * @param documents upserts of at least this many documents use COPY (default
         *     {@value DocumentStore#DEFAULT_COPY_THRESHOLD})
         * @return this builder
         */
        public Builder copyThreshold(int documents) {
            this.copyThreshold = documents;
            return this;
        }

        /**
         * Sets the JDBC batch size of the INSERT path.
         *
         * @param documents documents per batch (default {@value DocumentStore#DEFAULT_BATCH_SIZE})
         * @return this builder
         */
        public Builder batchSize(int documents) {
            this.batchSize = documents;
            return this;
        }

        /**
         * Sets the text search configuration of {@link DocumentStore#hybridSearch}.
         *
         * @param config e.g. {@code english} (default) or {@code simple}
         * @return this builder
         */
        public Builder textSearchConfig(String config) {
            this.textSearchConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** {@return the validated store} */
        public DocumentStore build() {
            DocumentStore store = new DocumentStore(this);
            store.textSource(); // validates the configuration name
            return store;
        }
    }
}
