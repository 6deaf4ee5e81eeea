package io.github.vectororm.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import io.github.vectororm.core.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Maps LangChain4j's metadata {@link Filter} classes onto vector-orm's {@link MetadataFilter}, which core renders to
 * SQL with every value bound. Every filter class of {@code dev.langchain4j.store.embedding.filter} is mapped:
 * {@code IsEqualTo IsNotEqualTo IsGreaterThan IsGreaterThanOrEqualTo IsLessThan IsLessThanOrEqualTo IsIn IsNotIn
 * ContainsString And Or Not}.
 *
 * <p>LangChain4j's semantics are kept: {@code IsNotEqualTo} and {@code IsNotIn} match a document without the key (so
 * {@code IsNotEqualTo} becomes {@code not(eq)}, not core's {@code ne}, which requires the key); a {@link UUID} value
 * compares as its text, the form the store writes it in.
 *
 * @since 0.1.0
 */
public final class LangChain4jFilters {

    private LangChain4jFilters() {
    }

    /**
     * Translates a filter.
     *
     * @param filter LangChain4j's filter
     * @return the same condition as a metadata filter
     * @throws IllegalArgumentException for a filter class of another library (its condition is Java code, not data)
     */
    public static MetadataFilter toMetadataFilter(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        if (filter instanceof IsEqualTo f) {
            return MetadataFilter.eq(f.key(), value(f.comparisonValue()));
        }
        if (filter instanceof IsNotEqualTo f) {
            // LangChain4j: a document without the key is "not equal"; core's ne requires the key
            return MetadataFilter.not(MetadataFilter.eq(f.key(), value(f.comparisonValue())));
        }
        if (filter instanceof IsGreaterThan f) {
            return MetadataFilter.gt(f.key(), value(f.comparisonValue()));
        }
        if (filter instanceof IsGreaterThanOrEqualTo f) {
            return MetadataFilter.gte(f.key(), value(f.comparisonValue()));
        }
        if (filter instanceof IsLessThan f) {
            return MetadataFilter.lt(f.key(), value(f.comparisonValue()));
        }
        if (filter instanceof IsLessThanOrEqualTo f) {
            return MetadataFilter.lte(f.key(), value(f.comparisonValue()));
        }
        if (filter instanceof IsIn f) {
            return MetadataFilter.in(f.key(), values(f.comparisonValues()));
        }
        if (filter instanceof IsNotIn f) {
            return MetadataFilter.nin(f.key(), values(f.comparisonValues()));
        }
        if (filter instanceof ContainsString f) {
            return MetadataFilter.containsString(f.key(), f.comparisonValue());
        }
        if (filter instanceof And f) {
            return MetadataFilter.and(toMetadataFilter(f.left()), toMetadataFilter(f.right()));
        }
        if (filter instanceof Or f) {
            return MetadataFilter.or(toMetadataFilter(f.left()), toMetadataFilter(f.right()));
        }
        if (filter instanceof Not f) {
            return MetadataFilter.not(toMetadataFilter(f.expression()));
        }
        throw new IllegalArgumentException("LangChain4j filter " + filter.getClass().getName() + " (" + filter
                + ") has no SQL translation: only the filter classes of dev.langchain4j.store.embedding.filter do");
    }

    private static Object value(Object value) {
        return value instanceof UUID uuid ? uuid.toString() : value;
    }

    private static List<Object> values(Collection<?> values) {
        List<Object> mapped = new ArrayList<>(values.size());
        for (Object value : values) {
            mapped.add(value(value));
        }
        return mapped;
    }
}
