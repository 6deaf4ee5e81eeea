package io.github.vectororm.core.search;

import io.github.vectororm.core.internal.SqlPredicates;
import java.util.List;

/**
 * An SQL condition over the searched table with {@code ?} placeholders and its values, e.g.
 * {@code Filter.of("category = ? and published", 7)}. The condition is checked to be a single expression;
 * values are always bound, never concatenated.
 *
 * @param sql the condition
 * @param parameters one value per placeholder
 * @since 0.1.0
 */
public record Filter(String sql, List<Object> parameters) {

    /** Validates the condition and copies the values. */
    public Filter {
        sql = SqlPredicates.requireSingleExpression(sql);
        parameters = List.copyOf(parameters);
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != parameters.size()) {
            throw new IllegalArgumentException("filter '" + sql + "' has " + placeholders + " placeholders but "
                    + parameters.size() + " values");
        }
    }

    /**
     * Creates a filter from an SQL condition and its bound values.
     *
     * @param sql the condition with {@code ?} placeholders
     * @param parameters the values
     * @return the filter
     */
    public static Filter of(String sql, Object... parameters) {
        return new Filter(sql, List.of(parameters));
    }
}
