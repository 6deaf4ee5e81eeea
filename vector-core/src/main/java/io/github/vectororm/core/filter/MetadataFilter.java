package io.github.vectororm.core.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A condition on the JSON metadata of stored documents, as a tree: comparisons of one metadata key with a value,
 * membership in a list, null checks, and {@code and}/{@code or}/{@code not} over other conditions. Spring AI's
 * {@code Filter.Expression} and LangChain4j's {@code Filter} both translate into it, and {@link MetadataFilterSql}
 * renders it to SQL with every value bound.
 *
 * <pre>{@code
 * MetadataFilter filter = MetadataFilter.and(
 *         MetadataFilter.eq("country", "BG"),
 *         MetadataFilter.gte("year", 2020));
 * }</pre>
 *
 * <p>A key names one top-level member of the metadata object, written as it is (any characters but NUL). A value is
 * a {@link String}, a {@link Number} (finite) or a {@link Boolean}; a key that is absent, or holds a value of
 * another JSON type, does not match a comparison (as in SQL/JSON path). An array-valued member matches a comparison
 * when one of its elements does.
 *
 * @since 0.1.0
 */
public sealed interface MetadataFilter {

    /**
     * {@code key == value}.
     *
     * @param key the metadata key
     * @param value a string, number or boolean
     * @return the condition
     */
    static MetadataFilter eq(String key, Object value) {
        return new Comparison(key, Operator.EQ, value);
    }

    /**
     * {@code key != value}; a document without the key does not match.
     *
     * @param key the metadata key
     * @param value a string, number or boolean
     * @return the condition
     */
    static MetadataFilter ne(String key, Object value) {
        return new Comparison(key, Operator.NE, value);
    }

    /**
     * {@code key > value}.
     *
     * @param key the metadata key
     * @param value a string, number or boolean
     * @return the condition
     */
    static MetadataFilter gt(String key, Object value) {
        return new Comparison(key, Operator.GT, value);
    }

    /**
     * {@code key >= value}.
     *
     * @param key the metadata key
     * @param value a string, number or boolean
     * @return the condition
     */
    static MetadataFilter gte(String key, Object value) {
        return new Comparison(key, Operator.GTE, value);
    }

    /**
     * {@code key < value}.
     *
     * @param key the metadata key
     * @param value a string, number or boolean
     * @return the condition
     */
    static MetadataFilter lt(String key, Object value) {
        return new Comparison(key, Operator.LT, value);
    }

    /**
     * {@code key <= value}.
     *
     * @param key the metadata key
     * @param value a string, number or boolean
     * @return the condition
     */
    static MetadataFilter lte(String key, Object value) {
        return new Comparison(key, Operator.LTE, value);
    }

    /**
     * The key equals one of the values.
     *
     * @param key the metadata key
     * @param values at least one string, number or boolean
     * @return the condition
     */
    static MetadataFilter in(String key, Collection<?> values) {
        return new In(key, new ArrayList<>(Objects.requireNonNull(values, "values")), false);
    }

    /**
     * The key equals none of the values; a document without the key matches.
     *
     * @param key the metadata key
     * @param values at least one string, number or boolean
     * @return the condition
     */
    static MetadataFilter nin(String key, Collection<?> values) {
        return new In(key, new ArrayList<>(Objects.requireNonNull(values, "values")), true);
    }

    /**
     * The key is absent or holds JSON {@code null}.
     *
     * @param key the metadata key
     * @return the condition
     */
    static MetadataFilter isNull(String key) {
        return new IsNull(key, false);
    }

    /**
     * The key is present with a value other than JSON {@code null}.
     *
     * @param key the metadata key
     * @return the condition
     */
    static MetadataFilter isNotNull(String key) {
        return new IsNull(key, true);
    }

    /**
     * The key holds a JSON string containing {@code part} (case-sensitive), as LangChain4j's {@code ContainsString}.
     *
     * @param key the metadata key
     * @param part the substring
     * @return the condition
     */
    static MetadataFilter containsString(String key, String part) {
        return new ContainsString(key, part);
    }

    /**
     * All of the conditions.
     *
     * @param first a condition
     * @param more further conditions
     * @return the conjunction
     */
    static MetadataFilter and(MetadataFilter first, MetadataFilter... more) {
        return new And(join(first, more));
    }

    /**
     * Any of the conditions.
     *
     * @param first a condition
     * @param more further conditions
     * @return the disjunction
     */
    static MetadataFilter or(MetadataFilter first, MetadataFilter... more) {
        return new Or(join(first, more));
    }

    /**
     * The negation of a condition: true where it is false. Where it cannot be decided (a value of another JSON type
     * than compared with), the negation cannot either, and the document does not match.
     *
     * @param filter the condition
     * @return the negation
     */
    static MetadataFilter not(MetadataFilter filter) {
        return new Not(filter);
    }

    private static List<MetadataFilter> join(MetadataFilter first, MetadataFilter... more) {
        List<MetadataFilter> all = new ArrayList<>(more.length + 1);
        all.add(first);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /** The comparison operators. */
    enum Operator {
        /** Equal. */
        EQ("=="),
        /** Not equal. */
        NE("!="),
        /** Greater than. */
        GT(">"),
        /** Greater than or equal. */
        GTE(">="),
        /** Less than. */
        LT("<"),
        /** Less than or equal. */
        LTE("<=");

        private final String jsonPath;

        Operator(String jsonPath) {
            this.jsonPath = jsonPath;
        }

        /** {@return the SQL/JSON path operator, e.g. {@code >=}} */
        public String jsonPath() {
            return jsonPath;
        }
    }

    /**
     * {@code key <op> value}.
     *
     * @param key the metadata key
     * @param operator the comparison
     * @param value a string, number or boolean
     */
    record Comparison(String key, Operator operator, Object value) implements MetadataFilter {
        /** Validates key and value. */
        public Comparison {
            FilterValues.checkKey(key);
            Objects.requireNonNull(operator, "operator");
            FilterValues.checkValue(key, value);
        }
    }

    /**
     * The key equals one of the values, or ({@code negated}) none of them.
     *
     * @param key the metadata key
     * @param values the values, at least one
     * @param negated {@code true} for "not in"
     */
    record In(String key, List<Object> values, boolean negated) implements MetadataFilter {
        /** Validates key and values. */
        public In {
            FilterValues.checkKey(key);
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("metadata filter " + (negated ? "nin" : "in") + " on key '" + key
                        + "' needs at least one value");
            }
            for (Object value : values) {
                FilterValues.checkValue(key, value);
            }
            values = List.copyOf(values);
        }
    }

    /**
     * The key is absent or JSON {@code null}, or ({@code negated}) present with another value.
     *
     * @param key the metadata key
     * @param negated {@code true} for "is not null"
     */
    record IsNull(String key, boolean negated) implements MetadataFilter {
        /** Validates the key. */
        public IsNull {
            FilterValues.checkKey(key);
        }
    }

    /**
     * The key holds a string containing {@code part}.
     *
     * @param key the metadata key
     * @param part the substring
     */
    record ContainsString(String key, String part) implements MetadataFilter {
        /** Validates key and substring. */
        public ContainsString {
            FilterValues.checkKey(key);
            FilterValues.checkValue(key, Objects.requireNonNull(part, "part"));
        }
    }

    /**
     * All of the conditions.
     *
     * @param filters at least one condition
     */
    record And(List<MetadataFilter> filters) implements MetadataFilter {
        /** Copies the conditions. */
        public And {
            filters = FilterValues.operands("and", filters);
        }
    }

    /**
     * Any of the conditions.
     *
     * @param filters at least one condition
     */
    record Or(List<MetadataFilter> filters) implements MetadataFilter {
        /** Copies the conditions. */
        public Or {
            filters = FilterValues.operands("or", filters);
        }
    }

    /**
     * The negation of a condition.
     *
     * @param filter the condition
     */
    record Not(MetadataFilter filter) implements MetadataFilter {
        /** Checks the operand. */
        public Not {
            Objects.requireNonNull(filter, "not: the negated filter is null");
        }
    }
}
