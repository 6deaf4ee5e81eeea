package io.github.vectororm.spring.internal;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.spring.VectorOrmProperties;
import io.github.vectororm.spring.VectorSearchSettings;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Builds vector-core {@link SearchSettings} from properties and annotations, naming what was wrong. */
public final class SearchSettingsFactory {

    private SearchSettingsFactory() {
    }

    /**
     * @param search the bound {@code vectororm.search.*} properties
     * @return the settings they describe
     * @throws IllegalArgumentException naming the property, the allowed range and the value
     */
    public static SearchSettings fromProperties(VectorOrmProperties.Search search) {
        SearchSettings.Builder builder = SearchSettings.builder();
        set("vectororm.search.ef-search", search.getEfSearch(), builder::hnswEfSearch);
        set("vectororm.search.iterative-scan", search.getIterativeScan(), builder::hnswIterativeScan);
        set("vectororm.search.max-scan-tuples", search.getMaxScanTuples(), builder::hnswMaxScanTuples);
        set("vectororm.search.scan-mem-multiplier", search.getScanMemMultiplier(), builder::hnswScanMemMultiplier);
        set("vectororm.search.probes", search.getProbes(), builder::ivfflatProbes);
        set("vectororm.search.ivfflat-iterative-scan", search.getIvfflatIterativeScan(), builder::ivfflatIterativeScan);
        set("vectororm.search.max-probes", search.getMaxProbes(), builder::ivfflatMaxProbes);
        set("vectororm.search.parallel-workers", search.getParallelWorkers(), builder::parallelWorkers);
        return builder.build();
    }

    /**
     * @param annotation the annotation
     * @param where what carries it, e.g. {@code DocRepository.findByEmbeddingNear}, for messages
     * @return the settings it describes
     * @throws IllegalArgumentException naming the annotated method, the member, the allowed range and the value
     */
    public static SearchSettings fromAnnotation(VectorSearchSettings annotation, String where) {
        SearchSettings.Builder builder = SearchSettings.builder();
        String prefix = "@VectorSearchSettings on " + where + ": ";
        set(prefix + "efSearch", positive(annotation.efSearch()), builder::hnswEfSearch);
        set(prefix + "iterativeScan", single(annotation.iterativeScan(), prefix + "iterativeScan"), builder::hnswIterativeScan);
        set(prefix + "maxScanTuples", positive(annotation.maxScanTuples()), builder::hnswMaxScanTuples);
        set(prefix + "probes", positive(annotation.probes()), builder::ivfflatProbes);
        set(prefix + "ivfflatIterativeScan", single(annotation.ivfflatIterativeScan(), prefix + "ivfflatIterativeScan"),
                builder::ivfflatIterativeScan);
        set(prefix + "maxProbes", positive(annotation.maxProbes()), builder::ivfflatMaxProbes);
        builder.exact(annotation.exact());
        set(prefix + "parallelWorkers", annotation.parallelWorkers() == -1 ? null : annotation.parallelWorkers(),
                builder::parallelWorkers);
        return builder.build();
    }

    private static @Nullable Integer positive(int value) {
        return value == 0 ? null : value;
    }

    private static @Nullable IterativeScan single(IterativeScan[] values, String member) {
        if (values.length > 1) {
            throw new IllegalArgumentException(member + " takes one value, not " + values.length);
        }
        return values.length == 0 ? null : values[0];
    }

    private static <V> void set(String name, @Nullable V value, Consumer<V> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (VectorValidationException e) {
            throw new IllegalArgumentException(name + " = " + value + " is invalid: " + e.getMessage(), e);
        }
    }
}
