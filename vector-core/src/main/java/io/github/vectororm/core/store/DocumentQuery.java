package io.github.vectororm.core.store;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.filter.MetadataFilter;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A top-k search of a {@link DocumentStore}: the query embedding, how many documents, and optionally a metadata
 * filter, a largest distance, search settings for this query and whether to read the embeddings back.
 *
 * <pre>{@code
 * DocumentQuery query = DocumentQuery.nearest(embedding, 10)
 *         .filter(MetadataFilter.eq("country", "BG"))
 *         .settings(SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build())
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DocumentQuery {

    private final float[] embedding;
    private final int k;
    private final MetadataFilter filter;
    private final Double maxDistance;
    private final SearchSettings settings;
    private final boolean includeEmbeddings;

    private DocumentQuery(Builder b) {
        this.embedding = b.embedding;
        this.k = b.k;
        this.filter = b.filter;
        this.maxDistance = b.maxDistance;
        this.settings = b.settings;
        this.includeEmbeddings = b.includeEmbeddings;
    }

    /**
     * Starts a query for the {@code k} nearest documents.
     *
     * @param embedding the query embedding
     * @param k how many documents, at least 1
     * @return a builder
     */
    public static Builder nearest(float[] embedding, int k) {
        return new Builder(embedding, k);
    }

    /** {@return the query embedding} */
    public float[] embedding() {
        return embedding;
    }

    /** {@return how many documents to return at most} */
    public int k() {
        return k;
    }

    /** {@return the metadata filter, if any} */
    public Optional<MetadataFilter> filter() {
        return Optional.ofNullable(filter);
    }

    /** {@return the largest distance a match may have, if any} */
    public OptionalDouble maxDistance() {
        return maxDistance == null ? OptionalDouble.empty() : OptionalDouble.of(maxDistance);
    }

    /** {@return this query's search settings, over the store's defaults} */
    public SearchSettings settings() {
        return settings;
    }

    /** {@return whether matches carry their embeddings} */
    public boolean includeEmbeddings() {
        return includeEmbeddings;
    }

    /** Collects the parts of a {@link DocumentQuery}. */
    public static final class Builder {
        private final float[] embedding;
        private final int k;
        private MetadataFilter filter;
        private Double maxDistance;
        private SearchSettings settings = SearchSettings.none();
        private boolean includeEmbeddings;

        private Builder(float[] embedding, int k) {
            this.embedding = Objects.requireNonNull(embedding, "query embedding");
            if (k < 1) {
                throw new VectorValidationException("k must be at least 1, not " + k);
            }
            this.k = k;
        }

        /**
         * Sets the metadata filter.
         *
         * @param filter the condition documents must meet, or {@code null} for none
         * @return this builder
         */
        public Builder filter(MetadataFilter filter) {
            this.filter = filter;
            return this;
        }

        /**
         * Sets the largest distance.
         *
         * @param maxDistance the largest distance a match may have (inclusive); not NaN
         * @return this builder
         */
        public Builder maxDistance(double maxDistance) {
            if (Double.isNaN(maxDistance)) {
                throw new VectorValidationException("max distance must be a number, not NaN");
            }
            this.maxDistance = maxDistance;
            return this;
        }

        /**
         * Sets this query's search settings.
         *
         * @param settings settings that override the store's defaults for this query
         * @return this builder
         */
        public Builder settings(SearchSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Sets whether matches carry their embeddings.
         *
         * @param include {@code true} to read the embeddings back (default {@code false})
         * @return this builder
         */
        public Builder includeEmbeddings(boolean include) {
            this.includeEmbeddings = include;
            return this;
        }

        /** {@return the query} */
        public DocumentQuery build() {
            return new DocumentQuery(this);
        }
    }
}
