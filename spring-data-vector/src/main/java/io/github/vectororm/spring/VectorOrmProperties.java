package io.github.vectororm.spring;

import io.github.vectororm.core.IterativeScan;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of vector-orm's Spring Boot integration, under the {@code vectororm} prefix.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("vectororm")
public class VectorOrmProperties {

    /** Created by Spring Boot's configuration properties binding. */
    public VectorOrmProperties() {
    }

    /**
     * Whether to run CREATE EXTENSION IF NOT EXISTS vector when the DataSource starts, before Flyway,
     * Liquibase or Hibernate's schema management use it.
     */
    private boolean createExtension = true;

    /**
     * Whether to register pgvector's binary wire format on the connections of a Hikari DataSource (as
     * pgjdbc "datatype.*" data-source properties).
     */
    private boolean binaryTransfer = true;

    /**
     * Search settings applied, inside the query's transaction, to every vector query made through a
     * Spring Data repository.
     */
    private final Search search = new Search();

    /**
     * {@return whether the extension is created at startup}
     * @since 0.1.0
     */
    public boolean isCreateExtension() {
        return createExtension;
    }

    /**
     * Sets whether the {@code vector} extension is created at startup.
     *
     * @param createExtension whether the extension is created at startup
     * @since 0.1.0
     */
    public void setCreateExtension(boolean createExtension) {
        this.createExtension = createExtension;
    }

    /**
     * {@return whether binary transfer is registered on a Hikari DataSource}
     * @since 0.1.0
     */
    public boolean isBinaryTransfer() {
        return binaryTransfer;
    }

    /**
     * Sets whether pgvector's binary transfer is registered on a Hikari DataSource.
     *
     * @param binaryTransfer whether binary transfer is registered on a Hikari DataSource
     * @since 0.1.0
     */
    public void setBinaryTransfer(boolean binaryTransfer) {
        this.binaryTransfer = binaryTransfer;
    }

    /**
     * {@return the default search settings}
     * @since 0.1.0
     */
    public Search getSearch() {
        return search;
    }

    /**
     * Default pgvector search settings; unset values keep the server's.
     *
     * @since 0.1.0
     */
    public static class Search {

        /** Created by Spring Boot's configuration properties binding. */
        public Search() {
        }

        /**
         * HNSW candidate list size (hnsw.ef_search), 1 to 1000; the server default is 40.
         */
        private @Nullable Integer efSearch;

        /**
         * HNSW iterative scan (hnsw.iterative_scan, pgvector 0.8.0+): off, relaxed-order or strict-order.
         */
        private @Nullable IterativeScan iterativeScan;

        /**
         * Maximum tuples an HNSW iterative scan visits (hnsw.max_scan_tuples, pgvector 0.8.0+); the server
         * default is 20000.
         */
        private @Nullable Integer maxScanTuples;

        /**
         * Memory of an HNSW iterative scan as a multiple of work_mem (hnsw.scan_mem_multiplier, pgvector
         * 0.8.0+), 1 to 1000.
         */
        private @Nullable Double scanMemMultiplier;

        /**
         * IVFFlat lists to search (ivfflat.probes), 1 to 32768; the server default is 1.
         */
        private @Nullable Integer probes;

        /**
         * IVFFlat iterative scan (ivfflat.iterative_scan, pgvector 0.8.0+): off or relaxed-order.
         */
        private @Nullable IterativeScan ivfflatIterativeScan;

        /**
         * Maximum lists an IVFFlat iterative scan visits (ivfflat.max_probes, pgvector 0.8.0+).
         */
        private @Nullable Integer maxProbes;

        /**
         * Parallel workers one exact search may use (max_parallel_workers_per_gather; 0 turns parallel query off).
         */
        private @Nullable Integer parallelWorkers;

        /** {@return hnsw.ef_search, or null for the server's} */
        public @Nullable Integer getEfSearch() {
            return efSearch;
        }

        /**
         * Sets hnsw.ef_search.
         *
         * @param efSearch hnsw.ef_search
         */
        public void setEfSearch(@Nullable Integer efSearch) {
            this.efSearch = efSearch;
        }

        /** {@return hnsw.iterative_scan, or null for the server's} */
        public @Nullable IterativeScan getIterativeScan() {
            return iterativeScan;
        }

        /**
         * Sets hnsw.iterative_scan.
         *
         * @param iterativeScan hnsw.iterative_scan
         */
        public void setIterativeScan(@Nullable IterativeScan iterativeScan) {
            this.iterativeScan = iterativeScan;
        }

        /** {@return hnsw.max_scan_tuples, or null for the server's} */
        public @Nullable Integer getMaxScanTuples() {
            return maxScanTuples;
        }

        /**
         * Sets hnsw.max_scan_tuples.
         *
         * @param maxScanTuples hnsw.max_scan_tuples
         */
        public void setMaxScanTuples(@Nullable Integer maxScanTuples) {
            this.maxScanTuples = maxScanTuples;
        }

        /** {@return hnsw.scan_mem_multiplier, or null for the server's} */
        public @Nullable Double getScanMemMultiplier() {
            return scanMemMultiplier;
        }

        /**
         * Sets hnsw.scan_mem_multiplier.
         *
         * @param scanMemMultiplier hnsw.scan_mem_multiplier
         */
        public void setScanMemMultiplier(@Nullable Double scanMemMultiplier) {
            this.scanMemMultiplier = scanMemMultiplier;
        }

        /** {@return ivfflat.probes, or null for the server's} */
        public @Nullable Integer getProbes() {
            return probes;
        }

        /**
         * Sets ivfflat.probes.
         *
         * @param probes ivfflat.probes
         */
        public void setProbes(@Nullable Integer probes) {
            this.probes = probes;
        }

        /** {@return ivfflat.iterative_scan, or null for the server's} */
        public @Nullable IterativeScan getIvfflatIterativeScan() {
            return ivfflatIterativeScan;
        }

        /**
         * Sets ivfflat.iterative_scan.
         *
         * @param ivfflatIterativeScan ivfflat.iterative_scan
         */
        public void setIvfflatIterativeScan(@Nullable IterativeScan ivfflatIterativeScan) {
            this.ivfflatIterativeScan = ivfflatIterativeScan;
        }

        /** {@return ivfflat.max_probes, or null for the server's} */
        public @Nullable Integer getMaxProbes() {
            return maxProbes;
        }

        /**
         * Sets ivfflat.max_probes.
         *
         * @param maxProbes ivfflat.max_probes
         */
        public void setMaxProbes(@Nullable Integer maxProbes) {
            this.maxProbes = maxProbes;
        }

        /** {@return max_parallel_workers_per_gather, or null for the server's} */
        public @Nullable Integer getParallelWorkers() {
            return parallelWorkers;
        }

        /**
         * Sets the parallel workers of an exact search.
         *
         * @param parallelWorkers max_parallel_workers_per_gather
         */
        public void setParallelWorkers(@Nullable Integer parallelWorkers) {
            this.parallelWorkers = parallelWorkers;
        }
    }
}
