package io.github.vectororm.core.store;

import io.github.vectororm.core.filter.MetadataFilter;
import java.math.BigDecimal;
import java.util.Map;

/**
 * SQL/JSON path's three-valued comparison semantics in Java, over flat metadata of strings and numbers: a missing key
 * compares false, values of different types compare unknown ({@code null}), and/or/not follow Kleene logic.
 */
final class Oracle {

    private Oracle() {
    }

    static boolean matches(MetadataFilter filter, Map<String, Object> metadata) {
        return Boolean.TRUE.equals(eval(filter, metadata));
    }

    private static Boolean eval(MetadataFilter filter, Map<String, Object> metadata) {
        if (filter instanceof MetadataFilter.Comparison c) {
            return compare(metadata.get(c.key()), c.operator(), c.value());
        }
        if (filter instanceof MetadataFilter.In in) {
            Boolean any = false;
            for (Object value : in.values()) {
                Boolean equal = compare(metadata.get(in.key()), MetadataFilter.Operator.EQ, value);
                if (Boolean.TRUE.equals(equal)) {
                    any = true;
                    break;
                }
                if (equal == null) {
                    any = null;
                }
            }
            return in.negated() ? not(any) : any;
        }
        if (filter instanceof MetadataFilter.IsNull isNull) {
            return (metadata.get(isNull.key()) == null) != isNull.negated();
        }
        if (filter instanceof MetadataFilter.Not not) {
            return not(eval(not.filter(), metadata));
        }
        if (filter instanceof MetadataFilter.And and) {
            Boolean result = true;
            for (MetadataFilter operand : and.filters()) {
                Boolean value = eval(operand, metadata);
                if (Boolean.FALSE.equals(value)) {
                    return false;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
        if (filter instanceof MetadataFilter.Or or) {
            Boolean result = false;
            for (MetadataFilter operand : or.filters()) {
                Boolean value = eval(operand, metadata);
                if (Boolean.TRUE.equals(value)) {
                    return true;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
        throw new IllegalArgumentException("no oracle for " + filter);
    }

    private static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    private static Boolean compare(Object stored, MetadataFilter.Operator operator, Object value) {
        if (stored == null) {
            return false;
        }
        int order;
        if (stored instanceof String s && value instanceof String v) {
            order = s.compareTo(v);
        } else if (stored instanceof Number s && value instanceof Number v) {
            order = new BigDecimal(s.toString()).compareTo(new BigDecimal(v.toString()));
        } else {
            return null;
        }
        return switch (operator) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }
}
