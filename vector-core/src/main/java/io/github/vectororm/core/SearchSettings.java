package io.github.vectororm.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-query pgvector search settings, applied for one transaction only.
 *
 * <p>{@link #applyLocal(Connection)} runs {@code set_config(name, value, true)}, the bindable form of
 * {@code SET LOCAL}: the settings end with the transaction, commit or rollback, so they never leak to the
 * next user of a pooled connection. Outside a transaction {@code SET LOCAL} would do nothing, so that is
 * refused.
 *
 * <pre>{@code
 * SearchSettings settings = SearchSettings.builder().hnswEfSearch(100).hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
 * connection.setAutoCommit(false);
 * settings.applyLocal(connection);
 * // ... ORDER BY embedding <=> ? LIMIT 10 ...
 * connection.commit();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SearchSettings {

    private static final SearchSettings NONE = new SearchSettings(new LinkedHashMap<>(), EnumSet.noneOf(PgVectorFeature.class));

    private final Map<String, String> parameters;
    private final Set<PgVectorFeature> features;

    private SearchSettings(Map<String, String> parameters, Set<PgVectorFeature> features) {
        this.parameters = Collections.unmodifiableMap(parameters);
        this.features = Collections.unmodifiableSet(features);
    }

    /** {@return settings that change nothing} */
    public static SearchSettings none() {
        return NONE;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration parameters to set, in order, e.g. {@code hnsw.ef_search -> 100}.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** {@return whether nothing is set} */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    /** {@return whether exact (no index) mode is on} */
    public boolean exact() {
        return "off".equals(parameters.get("enable_indexscan"));
    }

    /** {@return the pgvector features these settings need (iterative scan settings need 0.8.0)} */
    public Set<PgVectorFeature> requiredFeatures() {
        return features;
    }

    /**
     * These settings with another's values taking precedence where both set one, e.g. per-query settings
     * over application defaults.
     *
     * @param overrides the settings that win
     * @return the combined settings
     */
    public SearchSettings withOverrides(SearchSettings overrides) {
        Map<String, String> merged = new LinkedHashMap<>(parameters);
        merged.putAll(overrides.parameters);
        Set<PgVectorFeature> mergedFeatures = EnumSet.noneOf(PgVectorFeature.class);
        mergedFeatures.addAll(features);
        mergedFeatures.addAll(overrides.features);
        return new SearchSettings(merged, mergedFeatures);
    }

    /**
     * Applies the settings to the current transaction of a connection.
     *
     * @param connection a connection inside a transaction (auto-commit off)
     * @throws IllegalStateException if the connection is in auto-commit mode, where the settings would not last
     * @throws UnsupportedPgVectorFeatureException if a setting needs a newer pgvector than installed
     * @throws SQLException on a database error
     */
    public void applyLocal(Connection connection) throws SQLException {
        if (parameters.isEmpty()) {
            return;
        }
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("search settings " + parameters + " are transaction-scoped (SET LOCAL) and"
                    + " would have no effect in auto-commit mode; run the query inside a transaction");
        }
        if (!features.isEmpty()) {
            PgVectorExtension.require(connection, features);
        }
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < parameters.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("set_config(?, ?, true)");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                statement.setString(index++, parameter.getKey());
                statement.setString(index++, parameter.getValue());
            }
            statement.execute();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchSettings other && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return "SearchSettings" + parameters;
    }

    /** Collects range-checked settings. */
    public static final class Builder {
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final Set<PgVectorFeature> features = EnumSet.noneOf(PgVectorFeature.class);

        private Builder() {
        }

        /**
         * Sets {@code hnsw.ef_search}.
         *
         * @param efSearch HNSW candidate list size during search, 1 to 1000 (server default 40); at least the LIMIT
         * @return this builder
         */
        public Builder hnswEfSearch(int efSearch) {
            return set("hnsw.ef_search", efSearch, 1, 1000);
        }

        /**
         * Sets {@code hnsw.iterative_scan}.
         *
         * @param mode HNSW iterative scan mode (pgvector 0.8.0+)
         * @return this builder
         */
        public Builder hnswIterativeScan(IterativeScan mode) {
            Objects.requireNonNull(mode, "mode");
            features.add(PgVectorFeature.ITERATIVE_SCAN);
            parameters.put("hnsw.iterative_scan", mode.setting());
            return this;
        }

        /**
         * Sets {@code hnsw.max_scan_tuples}.
         *
         * @param maxScanTuples HNSW iterative scan: maximum tuples to visit, at least 1 (server default 20000; pgvector 0.8.0+)
         * @return this builder
         */
        public Builder hnswMaxScanTuples(int maxScanTuples) {
            features.add(PgVectorFeature.ITERATIVE_SCAN);
            return set("hnsw.max_scan_tuples", maxScanTuples, 1, Integer.MAX_VALUE);
        }

        /**
         * Sets {@code hnsw.scan_mem_multiplier}.
         *
         * @param multiplier HNSW iterative scan: memory as a multiple of work_mem, 1 to 1000 (server default 1; pgvector 0.8.0+)
         * @return this builder
         */
        public Builder hnswScanMemMultiplier(double multiplier) {
            if (!(multiplier >= 1 && multiplier <= 1000)) {
                throw new VectorValidationException("hnsw.scan_mem_multiplier must be 1 to 1000, not " + multiplier);
            }
            features.add(PgVectorFeature.ITERATIVE_SCAN);
            parameters.put("hnsw.scan_mem_multiplier", java.math.BigDecimal.valueOf(multiplier).stripTrailingZeros().toPlainString());
            return this;
        }

        /**
         * Sets {@code ivfflat.probes}.
         *
         * @param probes IVFFlat lists to search, 1 to 32768 (server default 1)
         * @return this builder
         */
        public Builder ivfflatProbes(int probes) {
            return set("ivfflat.probes", probes, 1, 32768);
        }

        /**
         * Sets {@code ivfflat.iterative_scan}.
         *
         * @param mode IVFFlat iterative scan mode: OFF or RELAXED_ORDER (pgvector 0.8.0+)
         * @return this builder
         */
        public Builder ivfflatIterativeScan(IterativeScan mode) {
            Objects.requireNonNull(mode, "mode");
            if (mode == IterativeScan.STRICT_ORDER) {
                throw new VectorValidationException("ivfflat.iterative_scan supports off and relaxed_order, not strict_order");
            }
            features.add(PgVectorFeature.ITERATIVE_SCAN);
            parameters.put("ivfflat.iterative_scan", mode.setting());
            return this;
        }

        /**
         * Sets {@code ivfflat.max_probes}.
         *
         * @param maxProbes IVFFlat iterative scan: maximum lists to visit, 1 to 32768 (pgvector 0.8.0+)
         * @return this builder
         */
        public Builder ivfflatMaxProbes(int maxProbes) {
            features.add(PgVectorFeature.ITERATIVE_SCAN);
            return set("ivfflat.max_probes", maxProbes, 1, 32768);
        }

        /**
         * Sets {@code max_parallel_workers_per_gather}: how many parallel workers one query may use, for exact
         * search (no index: a sequential scan computing every row's distance, then a top-k sort) on a large table.
         * With 1 or more workers it also sets {@code min_parallel_table_scan_size} and {@code parallel_setup_cost}
         * to 0, because the planner would otherwise not split the scan: vectors of a few hundred dimensions live
         * in TOAST, so the heap it sizes looks small (2.6 MB for 50k x 768-d, under the 8 MB threshold), and it
         * does not know that a distance costs more than a comparison. EXPLAIN then shows a Gather Merge. An ANN
         * index scan is not parallel; this changes nothing for it. The server still caps workers at
         * {@code max_parallel_workers} and {@code max_worker_processes}.
         *
         * @param workers 0 to 1024 (server default 2; 0 turns parallel query off)
         * @return this builder
         */
        public Builder parallelWorkers(int workers) {
            set("max_parallel_workers_per_gather", workers, 0, 1024);
            if (workers > 0) {
                parameters.put("min_parallel_table_scan_size", "0");
                parameters.put("parallel_setup_cost", "0");
            } else {
                parameters.remove("min_parallel_table_scan_size");
                parameters.remove("parallel_setup_cost");
            }
            return this;
        }

        /**
         * Lets the planner skip the branches of a {@code UNION ALL} over partitions whose partition bound contradicts
         * the query's filter ({@code constraint_exclusion = on}), planning each execution with its values
         * ({@code plan_cache_mode = force_custom_plan}): what a per-partition k-NN ({@code PartitionedSearch}) needs
         * for a filter on the partition key to prune partitions, as the parent table's own plan would.
         *
         * @return this builder
         */
        public Builder partitionPruning() {
            parameters.put("constraint_exclusion", "on");
            parameters.put("plan_cache_mode", "force_custom_plan");
            return this;
        }

        /**
         * Exact search: the planner may not use index scans (so no ANN index), giving exact nearest
         * neighbors by a sequential scan, and plans each execution afresh rather than reusing a cached plan.
         * Meant for recall checks and small tables.
         *
         * @param exact whether to search exactly
         * @return this builder
         */
        public Builder exact(boolean exact) {
            if (exact) {
                parameters.put("enable_indexscan", "off");
                // a server-prepared statement may reuse a generic plan made before (with the index); planner
                // settings do not invalidate cached plans, so exact mode plans each execution afresh
                parameters.put("plan_cache_mode", "force_custom_plan");
            } else {
                parameters.remove("enable_indexscan");
                parameters.remove("plan_cache_mode");
            }
            return this;
        }

        private Builder set(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new VectorValidationException(name + " must be " + min + " to " + max + ", not " + value);
            }
            parameters.put(name, Integer.toString(value));
            return this;
        }

        /** {@return the settings} */
        public SearchSettings build() {
            Set<PgVectorFeature> copy = EnumSet.noneOf(PgVectorFeature.class);
            copy.addAll(features);
            return new SearchSettings(new LinkedHashMap<>(parameters), copy);
        }
    }
}
