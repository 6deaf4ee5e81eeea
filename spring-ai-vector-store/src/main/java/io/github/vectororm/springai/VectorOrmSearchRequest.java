package io.github.vectororm.springai;

import io.github.vectororm.core.SearchSettings;
import java.util.Objects;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * A Spring AI {@link SearchRequest} with pgvector search settings for this query only, e.g. a larger
 * {@code hnsw.ef_search} or an iterative scan for a selective filter; {@link VectorOrmVectorStore} applies them in the
 * query's transaction, over the store's defaults. Any other store treats it as the plain request it extends.
 *
 * <pre>{@code
 * store.similaritySearch(VectorOrmSearchRequest.of(
 *         SearchRequest.builder().query("penguins").topK(10).filterExpression("country == 'AQ'").build(),
 *         SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class VectorOrmSearchRequest extends SearchRequest {

    private final SearchSettings settings;

    private VectorOrmSearchRequest(SearchRequest request, SearchSettings settings) {
        super(request);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * A request with search settings.
     *
     * @param request Spring AI's request
     * @param settings the settings for this query
     * @return the request
     */
    public static VectorOrmSearchRequest of(SearchRequest request, SearchSettings settings) {
        return new VectorOrmSearchRequest(Objects.requireNonNull(request, "request"), settings);
    }

    /** {@return the search settings of this query} */
    public SearchSettings settings() {
        return settings;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorOrmSearchRequest other && super.equals(other) && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + settings.hashCode();
    }

    @Override
    public String toString() {
        return super.toString() + " with " + settings;
    }
}
