package io.github.vectororm.core;

/**
 * pgvector's approximate nearest-neighbor index access methods.
 *
 * @since 0.1.0
 */
public enum IndexMethod {
    /** Hierarchical navigable small world graph: better recall/speed, slower build, no training step. */
    HNSW("hnsw"),
    /** Inverted file with flat lists: fast build, needs data before it is built, lists/probes tuning. */
    IVFFLAT("ivfflat");

    private final String sqlName;

    IndexMethod(String sqlName) {
        this.sqlName = sqlName;
    }

    /** {@return the name after {@code USING} in {@code CREATE INDEX}} */
    public String sqlName() {
        return sqlName;
    }
}
