package io.github.vectororm.core;

/**
 * pgvector 0.8's iterative index scans: when filters discard candidates, keep scanning the index until
 * enough rows pass instead of returning fewer than {@code LIMIT}.
 *
 * @since 0.1.0
 */
public enum IterativeScan {
    /** No iterative scan: at most {@code ef_search} (HNSW) or {@code probes} lists (IVFFlat) are visited. */
    OFF("off"),
    /** Scan on; results may be slightly out of order (re-sort with a materialized CTE if order matters). */
    RELAXED_ORDER("relaxed_order"),
    /** Scan on, results in exact distance order (HNSW only). */
    STRICT_ORDER("strict_order");

    private final String setting;

    IterativeScan(String setting) {
        this.setting = setting;
    }

    /** {@return the value of the {@code *.iterative_scan} setting} */
    public String setting() {
        return setting;
    }
}
