package io.github.vectororm.benchmarks.harness;

/**
 * What a benchmarked path is, relative to vector-orm.
 *
 * @since 0.1.0
 */
public enum PathKind {
    /** Plain pgjdbc (and pgvector-java's value classes), no vector-orm code: the one every ratio is taken to. */
    RAW_BASELINE("raw (baseline)"),
    /** Another path without vector-orm code, for context. */
    RAW("raw"),
    /** A path through vector-orm code. */
    LIBRARY("vector-orm");

    private final String label;

    PathKind(String label) {
        this.label = label;
    }

    /** @return how the report names the kind */
    public String label() {
        return label;
    }
}
