package io.github.vectororm.core.codec;

import io.github.vectororm.core.VectorValidationException;
import java.util.regex.Pattern;

/**
 * The lexical rules of pgvector's text input functions, so that the client accepts exactly the text the
 * server accepts: whitespace is C's {@code isspace} set only (not Java's wider one, nor Unicode spaces),
 * numbers follow {@code strtof} (decimal, hexadecimal with or without a binary exponent, {@code inf},
 * {@code nan}), integers follow {@code strtol} in base 10 (ASCII digits only).
 */
final class TextSyntax {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile(
            "[+-]?0[xX](?:[0-9a-fA-F]+(?:\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?i:inf|infinity|nan)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private TextSyntax() {
    }

    /** PostgreSQL's and pgvector's whitespace: space, tab, newline, carriage return, vertical tab, form feed. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Parses one number as {@code strtof} would, or rejects it.
     *
     * @param rejectUnderflow whether a non-zero number that rounds to zero is an error (sparsevec's text input
     *     reports it as out of range; vector and halfvec store 0)
     */
    static float parseFloat(String type, String part, Object position, boolean rejectUnderflow) {
        String p = trim(part);
        float value;
        if (DECIMAL.matcher(p).matches()) {
            value = Float.parseFloat(p);
        } else if (HEX.matcher(p).matches()) {
            value = Float.parseFloat(p.indexOf('p') >= 0 || p.indexOf('P') >= 0 ? p : p + "p0");
        } else if (SPECIAL.matcher(p).matches()) {
            value = p.toLowerCase(java.util.Locale.ROOT).contains("nan") ? Float.NaN
                    : p.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        } else {
            throw new VectorValidationException(type + " element [" + position + "] is not a number: '"
                    + DenseVectors.abbreviate(printable(p)) + "'");
        }
        if (Float.isInfinite(value) && !SPECIAL.matcher(p).matches()) {
            throw new VectorValidationException(type + " element [" + position + "] '" + DenseVectors.abbreviate(p)
                    + "' is out of range for type " + type);
        }
        if (rejectUnderflow && value == 0f && mantissaNonZero(p)) {
            throw new VectorValidationException(type + " element [" + position + "] '" + DenseVectors.abbreviate(p)
                    + "' is out of range for type " + type + " (it underflows to zero)");
        }
        return value;
    }

    /**
     * Parses a base-10 integer as {@code strtol} would, clamped to the long range.
     *
     * @return the value, or {@code null} if the text is not an integer
     */
    static Long parseInteger(String part) {
        String p = trim(part);
        if (!INTEGER.matcher(p).matches()) {
            return null;
        }
        try {
            return Long.parseLong(p);
        } catch (NumberFormatException e) {
            return p.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static boolean mantissaNonZero(String number) {
        boolean hex = number.indexOf('x') >= 0 || number.indexOf('X') >= 0;
        int start = hex ? Math.max(number.indexOf('x'), number.indexOf('X')) + 1 : 0;
        for (int i = start; i < number.length(); i++) {
            char c = number.charAt(i);
            if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E') {
                break;
            }
            if (hex ? Character.digit(c, 16) > 0 : c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Control characters shown as {@code \\uXXXX}, so a message never carries them raw. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && !Character.isLetterOrDigit(c))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
