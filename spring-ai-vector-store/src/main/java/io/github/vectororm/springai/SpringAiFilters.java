package io.github.vectororm.springai;

import io.github.vectororm.core.filter.MetadataFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Translates Spring AI's {@link Filter.Expression} (from {@code FilterExpressionBuilder} or the text syntax
 * {@code country == 'BG' && year >= 2020}) into vector-orm's {@link MetadataFilter}, which is rendered to SQL with
 * every value bound. Every expression type is translated: {@code AND OR NOT EQ NE GT GTE LT LTE IN NIN ISNULL
 * ISNOTNULL}. A key written quoted ({@code 'country 1'}) loses its quotes; a {@link Date} value is compared as the text
 * the metadata holds for it, by default its ISO-8601 instant ({@link VectorOrmVectorStore} uses its own JSON mapper's
 * form, so that a date written into metadata and a date in a filter compare equal).
 *
 * @since 0.1.0
 */
public final class SpringAiFilters {

    private SpringAiFilters() {
    }

    /**
     * Translates an expression.
     *
     * @param expression Spring AI's filter expression
     * @return the same condition as a metadata filter
     * @throws IllegalArgumentException naming the part that has no translation (e.g. a comparison without a key)
     */
    public static MetadataFilter toMetadataFilter(Filter.Expression expression) {
        return toMetadataFilter(expression, date -> Instant.ofEpochMilli(date.getTime()).toString());
    }

    /**
     * Translates an expression, writing dates as the metadata holds them.
     *
     * @param expression Spring AI's filter expression
     * @param dates the JSON string a {@link Date} value is stored as in metadata
     * @return the same condition as a metadata filter
     * @throws IllegalArgumentException naming the part that has no translation (e.g. a comparison without a key)
     */
    public static MetadataFilter toMetadataFilter(Filter.Expression expression, Function<Date, String> dates) {
        return new Translation(Objects.requireNonNull(dates, "dates")).filter(expression);
    }

    /** One translation, with its way of writing dates. */
    private record Translation(Function<Date, String> dates) {

        MetadataFilter filter(Filter.Expression expression) {
            Objects.requireNonNull(expression, "filter expression");
            Filter.ExpressionType type = expression.type();
            return switch (type) {
                case AND -> MetadataFilter.and(operand(expression, expression.left()), operand(expression, expression.right()));
                case OR -> MetadataFilter.or(operand(expression, expression.left()), operand(expression, expression.right()));
                case NOT -> MetadataFilter.not(operand(expression, expression.left()));
                case EQ -> MetadataFilter.eq(key(expression), value(expression));
                case NE -> MetadataFilter.ne(key(expression), value(expression));
                case GT -> MetadataFilter.gt(key(expression), value(expression));
                case GTE -> MetadataFilter.gte(key(expression), value(expression));
                case LT -> MetadataFilter.lt(key(expression), value(expression));
                case LTE -> MetadataFilter.lte(key(expression), value(expression));
                case IN -> MetadataFilter.in(key(expression), values(expression));
                case NIN -> MetadataFilter.nin(key(expression), values(expression));
                case ISNULL -> MetadataFilter.isNull(key(expression));
                case ISNOTNULL -> MetadataFilter.isNotNull(key(expression));
            };
        }

        private MetadataFilter operand(Filter.Expression parent, Filter.Operand operand) {
            if (operand instanceof Filter.Expression expression) {
                return filter(expression);
            }
            if (operand instanceof Filter.Group group) {
                return filter(group.content());
            }
            throw new IllegalArgumentException(parent.type() + " needs filter expressions as operands, not " + operand
                    + " in " + parent);
        }

        private static String key(Filter.Expression expression) {
            if (!(expression.left() instanceof Filter.Key key)) {
                throw new IllegalArgumentException(expression.type() + " needs a key on its left, not " + expression.left()
                        + " in " + expression);
            }
            String name = key.key();
            if (name.length() >= 2 && (name.startsWith("'") && name.endsWith("'") || name.startsWith("\"") && name.endsWith("\""))) {
                return name.substring(1, name.length() - 1);
            }
            return name;
        }

        private Object value(Filter.Expression expression) {
            if (!(expression.right() instanceof Filter.Value value) || value.value() == null) {
                throw new IllegalArgumentException(expression.type() + " needs a value on its right, not "
                        + expression.right() + " in " + expression + (expression.right() == null ? "" : "; for null use ISNULL"));
            }
            if (value.value() instanceof Collection<?>) {
                throw new IllegalArgumentException(expression.type() + " compares with one value, not a list, in "
                        + expression + "; use IN");
            }
            return scalar(value.value());
        }

        private List<Object> values(Filter.Expression expression) {
            if (!(expression.right() instanceof Filter.Value value) || value.value() == null) {
                throw new IllegalArgumentException(expression.type() + " needs a list of values on its right, not "
                        + expression.right() + " in " + expression);
            }
            List<Object> values = new ArrayList<>();
            if (value.value() instanceof Collection<?> list) {
                for (Object element : list) {
                    values.add(element == null ? null : scalar(element));
                }
            } else {
                values.add(scalar(value.value()));
            }
            return values;
        }

        private Object scalar(Object value) {
            return value instanceof Date date ? dates.apply(date) : value;
        }
    }
}
