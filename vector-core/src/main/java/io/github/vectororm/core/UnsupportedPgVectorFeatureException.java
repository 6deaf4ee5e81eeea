package io.github.vectororm.core;

/**
 * A feature was asked of a pgvector version that lacks it. The message names both versions.
 *
 * @since 0.1.0
 */
public class UnsupportedPgVectorFeatureException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient PgVectorFeature feature;
    private final transient PgVectorVersion installed;

    /**
     * Creates the exception for a feature that the installed pgvector lacks.
     *
     * @param feature the feature asked for
     * @param installed the version installed in the database
     */
    public UnsupportedPgVectorFeatureException(PgVectorFeature feature, PgVectorVersion installed) {
        this(feature.description(), feature, installed);
    }

    /**
     * Creates the exception for something that needs a feature the installed pgvector lacks, e.g. a function.
     *
     * @param what what was asked for, first in the message (e.g. {@code l2_normalize})
     * @param feature the feature it needs
     * @param installed the version installed in the database
     * @since 0.1.0
     */
    public UnsupportedPgVectorFeatureException(String what, PgVectorFeature feature, PgVectorVersion installed) {
        super(what + ": pgvector " + feature.since() + " or newer is required, but the database has pgvector "
                + installed + " (upgrade with ALTER EXTENSION vector UPDATE after installing a newer pgvector)");
        this.feature = feature;
        this.installed = installed;
    }

    /** {@return the feature that was asked for} */
    public PgVectorFeature feature() {
        return feature;
    }

    /** {@return the installed pgvector version} */
    public PgVectorVersion installed() {
        return installed;
    }
}
