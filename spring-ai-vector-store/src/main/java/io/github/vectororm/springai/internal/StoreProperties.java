package io.github.vectororm.springai.internal;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.springai.boot.VectorOrmVectorStoreProperties;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Turns the bound properties into vector-core's index and settings, naming the property that was wrong. */
public final class StoreProperties {

    private static final String PREFIX = VectorOrmVectorStoreProperties.PREFIX;

    private StoreProperties() {
    }

    /**
     * @param index the bound {@code index.*} properties
     * @return the index they declare
     * @throws IllegalArgumentException naming the property and the value
     */
    public static DocumentIndex index(VectorOrmVectorStoreProperties.Index index) {
        if (index.getType() == VectorOrmVectorStoreProperties.IndexType.NONE) {
            return DocumentIndex.none();
        }
        DocumentIndex.Builder builder = index.getType() == VectorOrmVectorStoreProperties.IndexType.HNSW
                ? DocumentIndex.hnsw() : DocumentIndex.ivfflat();
        set(PREFIX + ".index.m", index.getM(), builder::m);
        set(PREFIX + ".index.ef-construction", index.getEfConstruction(), builder::efConstruction);
        set(PREFIX + ".index.lists", index.getLists(), builder::lists);
        if (index.getForm() == DocumentIndex.Form.BINARY_QUANTIZED) {
            set(PREFIX + ".index.shortlist", index.getShortlist(), builder::binaryQuantized);
        } else {
            builder.form(index.getForm());
        }
        try {
            return builder.build();
        } catch (VectorValidationException e) {
            throw new IllegalArgumentException(PREFIX + ".index is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * @param search the bound {@code search.*} properties
     * @return the settings they describe
     * @throws IllegalArgumentException naming the property, the allowed range and the value
     */
    public static SearchSettings settings(VectorOrmVectorStoreProperties.Search search) {
        SearchSettings.Builder builder = SearchSettings.builder();
        set(PREFIX + ".search.ef-search", search.getEfSearch(), builder::hnswEfSearch);
        set(PREFIX + ".search.iterative-scan", search.getIterativeScan(), builder::hnswIterativeScan);
        set(PREFIX + ".search.max-scan-tuples", search.getMaxScanTuples(), builder::hnswMaxScanTuples);
        set(PREFIX + ".search.scan-mem-multiplier", search.getScanMemMultiplier(), builder::hnswScanMemMultiplier);
        set(PREFIX + ".search.probes", search.getProbes(), builder::ivfflatProbes);
        set(PREFIX + ".search.ivfflat-iterative-scan", search.getIvfflatIterativeScan(), builder::ivfflatIterativeScan);
        set(PREFIX + ".search.max-probes", search.getMaxProbes(), builder::ivfflatMaxProbes);
        return builder.build();
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
