package io.github.vectororm.core.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** The checks {@link MetadataFilter}'s parts share: keys, values, operands. */
final class FilterValues {

    private FilterValues() {
    }

    static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("metadata filter key is missing");
        }
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("metadata filter key '" + key.replace("\0", "\\0")
                    + "' contains NUL, which no jsonb key can hold");
        }
    }

    static void checkValue(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("metadata filter on key '" + key + "' compares with null;"
                    + " use isNull / isNotNull");
        }
        if (value instanceof String s) {
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("metadata filter value for key '" + key
                        + "' contains NUL, which jsonb refuses (\\u0000 cannot be converted to text)");
            }
        } else if (value instanceof Double d) {
            finite(key, d);
        } else if (value instanceof Float f) {
            finite(key, f.doubleValue());
        } else if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Boolean)) {
            throw new IllegalArgumentException("metadata filter value for key '" + key + "' is a "
                    + value.getClass().getName() + "; expected a String, a Number or a Boolean");
        }
    }

    private static void finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metadata filter value for key '" + key + "' is " + value
                    + ", which JSON cannot hold");
        }
    }

    static List<MetadataFilter> operands(String what, List<MetadataFilter> filters) {
        if (filters == null || filters.isEmpty()) {
            throw new IllegalArgumentException("metadata filter " + what + " needs at least one operand");
        }
        for (MetadataFilter filter : filters) {
            if (filter == null) {
                throw new IllegalArgumentException("metadata filter " + what + " has a null operand");
            }
        }
        return List.copyOf(filters);
    }
}
