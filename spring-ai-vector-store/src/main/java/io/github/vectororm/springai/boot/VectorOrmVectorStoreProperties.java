package io.github.vectororm.springai.boot;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.core.store.DocumentStore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the vector-orm Spring AI vector store, under {@code vectororm.spring-ai.vectorstore}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(VectorOrmVectorStoreProperties.PREFIX)
public class VectorOrmVectorStoreProperties {

    /** The property prefix. */
    public static final String PREFIX = "vectororm.spring-ai.vectorstore";

    /** Created by Spring Boot's configuration properties binding. */
    public VectorOrmVectorStoreProperties() {
    }

    /** Whether to create the VectorStore bean. */
    private boolean enabled = true;

    /** The table, optionally schema-qualified. */
    private String table = "vector_store";

    /** The embedding dimensions; by default what the embedding model reports. */
    private @Nullable Integer dimensions;

    /** The embedding column's type: vector or halfvec. */
    private VectorType vectorType = VectorType.VECTOR;

    /** The distance searches rank by: cosine, inner-product, l2 or l1. */
    private Metric metric = Metric.COSINE;

    /** Whether to create the table and its index (and the extension, see create-extension) at startup. */
    private boolean initializeSchema;

    /** Whether schema initialization runs CREATE EXTENSION IF NOT EXISTS vector first. */
    private boolean createExtension = true;

    /** Adds of at least this many documents go by COPY. */
    private int copyThreshold = DocumentStore.DEFAULT_COPY_THRESHOLD;

    /** Documents per JDBC batch of smaller adds. */
    private int batchSize = DocumentStore.DEFAULT_BATCH_SIZE;

    /** The text search configuration of hybrid search, e.g. english or simple. */
    private String textSearchConfig = "english";

    /** The vector index. */
    private final Index index = new Index();

    /** Search settings applied, in the query's transaction, to every search. */
    private final Search search = new Search();

    /** {@return whether the bean is created} */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the bean is created.
     *
     * @param enabled whether the bean is created
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return the table} */
    public String getTable() {
        return table;
    }

    /**
     * Sets the table.
     *
     * @param table the table, optionally schema-qualified
     */
    public void setTable(String table) {
        this.table = table;
    }

    /** {@return the dimensions, if set} */
    public @Nullable Integer getDimensions() {
        return dimensions;
    }

    /**
     * Sets the dimensions.
     *
     * @param dimensions the embedding dimensions
     */
    public void setDimensions(@Nullable Integer dimensions) {
        this.dimensions = dimensions;
    }

    /** {@return the embedding column's type} */
    public VectorType getVectorType() {
        return vectorType;
    }

    /**
     * Sets the embedding column's type.
     *
     * @param vectorType vector or halfvec
     */
    public void setVectorType(VectorType vectorType) {
        this.vectorType = vectorType;
    }

    /** {@return the metric} */
    public Metric getMetric() {
        return metric;
    }

    /**
     * Sets the metric.
     *
     * @param metric the distance searches rank by
     */
    public void setMetric(Metric metric) {
        this.metric = metric;
    }

    /** {@return whether the schema is initialized at startup} */
    public boolean isInitializeSchema() {
        return initializeSchema;
    }

    /**
     * Sets whether the schema is initialized at startup.
     *
     * @param initializeSchema whether to create the table and index
     */
    public void setInitializeSchema(boolean initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    /** {@return whether schema initialization creates the extension} */
    public boolean isCreateExtension() {
        return createExtension;
    }

    /**
     * Sets whether schema initialization creates the extension.
     *
     * @param createExtension whether to run CREATE EXTENSION IF NOT EXISTS vector
     */
    public void setCreateExtension(boolean createExtension) {
        this.createExtension = createExtension;
    }

    /** {@return the COPY threshold} */
    public int getCopyThreshold() {
        return copyThreshold;
    }

    /**
     * Sets the COPY threshold.
     *
     * @param copyThreshold adds of at least this many documents go by COPY
     */
    public void setCopyThreshold(int copyThreshold) {
        this.copyThreshold = copyThreshold;
    }

    /** {@return the JDBC batch size} */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Sets the JDBC batch size.
     *
     * @param batchSize documents per batch
     */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** {@return the text search configuration of hybrid search} */
    public String getTextSearchConfig() {
        return textSearchConfig;
    }

    /**
     * Sets the text search configuration of hybrid search.
     *
     * @param textSearchConfig e.g. english or simple
     */
    public void setTextSearchConfig(String textSearchConfig) {
        this.textSearchConfig = textSearchConfig;
    }

    /** {@return the index properties} */
    public Index getIndex() {
        return index;
    }

    /** {@return the search settings properties} */
    public Search getSearch() {
        return search;
    }

    /** The index method, or none. */
    public enum IndexType {
        /** No index: exact search. */
        NONE,
        /** HNSW. */
        HNSW,
        /** IVFFlat (build after loading representative data). */
        IVFFLAT
    }

    /** The vector index. */
    public static class Index {

        /** Created by Spring Boot's configuration properties binding. */
        public Index() {
        }

        /** The index method: hnsw, ivfflat or none. */
        private IndexType type = IndexType.HNSW;

        /** What the index covers: column, halfvec (its halfvec cast) or binary-quantized (Hamming, re-ranked). */
        private DocumentIndex.Form form = DocumentIndex.Form.COLUMN;

        /** HNSW m, 2 to 100 (server default 16). */
        private @Nullable Integer m;

        /** HNSW ef_construction, 4 to 1000 and at least 2 * m (server default 64). */
        private @Nullable Integer efConstruction;

        /** IVFFlat lists, 1 to 32768 (server default 100). */
        private @Nullable Integer lists;

        /** Candidates the first stage of a binary-quantized search keeps for the exact re-rank, 1 to 1000. */
        private int shortlist = DocumentIndex.DEFAULT_SHORTLIST;

        /** {@return the index method} */
        public IndexType getType() {
            return type;
        }

        /**
         * Sets the index method.
         *
         * @param type hnsw, ivfflat or none
         */
        public void setType(IndexType type) {
            this.type = type;
        }

        /** {@return what the index covers} */
        public DocumentIndex.Form getForm() {
            return form;
        }

        /**
         * Sets what the index covers.
         *
         * @param form column, halfvec or binary-quantized
         */
        public void setForm(DocumentIndex.Form form) {
            this.form = form;
        }

        /** {@return HNSW m, if set} */
        public @Nullable Integer getM() {
            return m;
        }

        /**
         * Sets HNSW m.
         *
         * @param m 2 to 100
         */
        public void setM(@Nullable Integer m) {
            this.m = m;
        }

        /** {@return HNSW ef_construction, if set} */
        public @Nullable Integer getEfConstruction() {
            return efConstruction;
        }

        /**
         * Sets HNSW ef_construction.
         *
         * @param efConstruction 4 to 1000
         */
        public void setEfConstruction(@Nullable Integer efConstruction) {
            this.efConstruction = efConstruction;
        }

        /** {@return IVFFlat lists, if set} */
        public @Nullable Integer getLists() {
            return lists;
        }

        /**
         * Sets IVFFlat lists.
         *
         * @param lists 1 to 32768
         */
        public void setLists(@Nullable Integer lists) {
            this.lists = lists;
        }

        /** {@return the shortlist of a binary-quantized search} */
        public int getShortlist() {
            return shortlist;
        }

        /**
         * Sets the shortlist of a binary-quantized search.
         *
         * @param shortlist 1 to 1000
         */
        public void setShortlist(int shortlist) {
            this.shortlist = shortlist;
        }
    }

    /** Search settings applied to every search (a VectorOrmSearchRequest's own take precedence). */
    public static class Search {

        /** Created by Spring Boot's configuration properties binding. */
        public Search() {
        }

        /** hnsw.ef_search: HNSW candidate list size, 1 to 1000 (server default 40). */
        private @Nullable Integer efSearch;

        /** hnsw.iterative_scan: off, relaxed-order or strict-order (pgvector 0.8.0+). */
        private @Nullable IterativeScan iterativeScan;

        /** hnsw.max_scan_tuples: most tuples an iterative scan visits (pgvector 0.8.0+). */
        private @Nullable Integer maxScanTuples;

        /** hnsw.scan_mem_multiplier: iterative scan memory as a multiple of work_mem, 1 to 1000 (pgvector 0.8.0+). */
        private @Nullable Double scanMemMultiplier;

        /** ivfflat.probes: IVFFlat lists searched, 1 to 32768 (server default 1). */
        private @Nullable Integer probes;

        /** ivfflat.iterative_scan: off or relaxed-order (pgvector 0.8.0+). */
        private @Nullable IterativeScan ivfflatIterativeScan;

        /** ivfflat.max_probes: most lists an iterative scan visits (pgvector 0.8.0+). */
        private @Nullable Integer maxProbes;

        /** {@return hnsw.ef_search, if set} */
        public @Nullable Integer getEfSearch() {
            return efSearch;
        }

        /**
         * Sets hnsw.ef_search.
         *
         * @param efSearch 1 to 1000
         */
        public void setEfSearch(@Nullable Integer efSearch) {
            this.efSearch = efSearch;
        }

        /** {@return hnsw.iterative_scan, if set} */
        public @Nullable IterativeScan getIterativeScan() {
            return iterativeScan;
        }

        /**
         * Sets hnsw.iterative_scan.
         *
         * @param iterativeScan the mode
         */
        public void setIterativeScan(@Nullable IterativeScan iterativeScan) {
            this.iterativeScan = iterativeScan;
        }

        /** {@return hnsw.max_scan_tuples, if set} */
        public @Nullable Integer getMaxScanTuples() {
            return maxScanTuples;
        }

        /**
         * Sets hnsw.max_scan_tuples.
         *
         * @param maxScanTuples at least 1
         */
        public void setMaxScanTuples(@Nullable Integer maxScanTuples) {
            this.maxScanTuples = maxScanTuples;
        }

        /** {@return hnsw.scan_mem_multiplier, if set} */
        public @Nullable Double getScanMemMultiplier() {
            return scanMemMultiplier;
        }

        /**
         * Sets hnsw.scan_mem_multiplier.
         *
         * @param scanMemMultiplier 1 to 1000
         */
        public void setScanMemMultiplier(@Nullable Double scanMemMultiplier) {
            this.scanMemMultiplier = scanMemMultiplier;
        }

        /** {@return ivfflat.probes, if set} */
        public @Nullable Integer getProbes() {
            return probes;
        }

        /**
         * Sets ivfflat.probes.
         *
         * @param probes 1 to 32768
         */
        public void setProbes(@Nullable Integer probes) {
            this.probes = probes;
        }

        /** {@return ivfflat.iterative_scan, if set} */
        public @Nullable IterativeScan getIvfflatIterativeScan() {
            return ivfflatIterativeScan;
        }

        /**
         * Sets ivfflat.iterative_scan.
         *
         * @param ivfflatIterativeScan off or relaxed-order
         */
        public void setIvfflatIterativeScan(@Nullable IterativeScan ivfflatIterativeScan) {
            this.ivfflatIterativeScan = ivfflatIterativeScan;
        }

        /** {@return ivfflat.max_probes, if set} */
        public @Nullable Integer getMaxProbes() {
            return maxProbes;
        }

        /**
         * Sets ivfflat.max_probes.
         *
         * @param maxProbes 1 to 32768
         */
        public void setMaxProbes(@Nullable Integer maxProbes) {
            this.maxProbes = maxProbes;
        }
    }
}
