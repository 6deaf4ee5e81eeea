package io.github.vectororm.core.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON text for the scalar values, lists and string-keyed maps vector-core binds as {@code jsonb} (filter
 * variables); the values were checked by their caller. Not API.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * Appends a value as JSON.
     *
     * @param out where to write
     * @param value a String, Number, Boolean, Collection or Map with String keys
     */
    public static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Double d) {
            out.append(BigDecimal.valueOf(d).toString());
        } else if (value instanceof Float f) {
            out.append(new BigDecimal(Float.toString(f)).toString());
        } else if (value instanceof Number n) {
            out.append(n.toString()); // Integer, Long, Short, Byte, BigInteger, BigDecimal: valid JSON numbers
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                out.append(first ? "" : ",");
                write(out, element);
                first = false;
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                string(out, (String) entry.getKey());
                out.append(':');
                write(out, entry.getValue());
                first = false;
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
    }

    /**
     * Appends a JSON (and SQL/JSON path) string literal: double quotes, with {@code "} {@code \} and control
     * characters escaped.
     *
     * @param out where to write
     * @param s the string
     */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
