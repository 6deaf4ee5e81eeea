package io.github.vectororm.test.conformance;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;

/**
 * One argument of a {@link PgVectorCase}: its kind and the literal text of pgvector's test, with the Java value
 * a user would hold for it. The Java values are built leniently (no validation), so that a value the server
 * refuses reaches the code under test, which must refuse it too.
 *
 * @param kind the argument's SQL kind
 * @param text the literal as written in pgvector's test (for {@link Kind#REALS} and {@link Kind#DOUBLES} the
 *     array elements without braces); {@code null} for SQL NULL (a row of an aggregate)
 * @since 0.1.0
 */
public record Arg(Kind kind, String text) {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
            + "|[+-]?(?i:nan|infinity|inf)");

    /** The SQL kinds of arguments. */
    public enum Kind {
        /** A {@code vector} value. */
        VECTOR("vector"),
        /** A {@code halfvec} value. */
        HALFVEC("halfvec"),
        /** A {@code sparsevec} value. */
        SPARSEVEC("sparsevec"),
        /** A bit string ({@code bit} or {@code varbit}). */
        BIT("bit"),
        /** An {@code integer}. */
        INTEGER("integer"),
        /** Text to be read as the case's target type. */
        TEXT("text"),
        /** A {@code real[]}. */
        REALS("real[]"),
        /** A {@code double precision[]}. */
        DOUBLES("double precision[]");

        private final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }

        /** {@return the SQL type name, e.g. {@code halfvec}} */
        public String sqlName() {
            return sqlName;
        }
    }

    /** {@return whether the argument is SQL NULL} */
    public boolean isNull() {
        return text == null;
    }

    /**
     * The elements of a dense vector literal or float array, parsed as Java would ({@code NaN}, {@code Infinity}
     * allowed, {@code 4e38} becomes infinity).
     *
     * @return the elements
     * @throws NotApplicable if the text is no list of numbers a Java array could hold
     */
    public float[] floats() {
        String[] parts = elements();
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    /**
     * The elements of a {@code double precision[]} (or any dense literal) as doubles.
     *
     * @return the elements
     * @throws NotApplicable if the text is no list of numbers
     */
    public double[] doubles() {
        String[] parts = elements();
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    private String[] elements() {
        String body = text.strip();
        if (kind == Kind.VECTOR || kind == Kind.HALFVEC) {
            if (!body.startsWith("[") || !body.endsWith("]")) {
                throw new NotApplicable("'" + text + "' is no dense vector a Java array can hold");
            }
            body = body.substring(1, body.length() - 1).strip();
        }
        String[] parts = body.isEmpty() ? new String[0] : body.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
            if (!NUMBER.matcher(parts[i]).matches()) {
                throw new NotApplicable("'" + text + "' holds '" + parts[i] + "', which no Java float is");
            }
        }
        return parts;
    }

    /**
     * A {@code sparsevec} literal as pgvector-java's {@link PGsparsevec}, exactly as written: elements in text
     * order, zeros kept, indices unchecked (built from the binary form, which {@code PGsparsevec} does not check).
     *
     * @return the value
     * @throws NotApplicable if the text is not of the form {@code {i:v,...}/n} with int-sized numbers
     */
    public PGsparsevec sparse() {
        String s = text.strip();
        int close = s.indexOf('}');
        int slash = s.lastIndexOf('/');
        if (!s.startsWith("{") || close < 0 || slash < close) {
            throw new NotApplicable("'" + text + "' is no {i:v,...}/n sparse vector");
        }
        String body = s.substring(1, close).strip();
        String[] parts = body.isEmpty() ? new String[0] : body.split(",", -1);
        int[] indices = new int[parts.length];
        float[] values = new float[parts.length];
        try {
            int dimensions = Integer.parseInt(s.substring(slash + 1).strip());
            for (int i = 0; i < parts.length; i++) {
                String[] pair = parts[i].split(":", -1);
                if (pair.length != 2 || !NUMBER.matcher(pair[1].strip()).matches()) {
                    throw new NotApplicable("'" + text + "' has the element '" + parts[i] + "', which is no index:value");
                }
                indices[i] = Integer.parseInt(pair[0].strip()) - 1;
                values[i] = Float.parseFloat(pair[1].strip());
                if (values[i] == 0f && pair[1].strip().matches("[+-]?0*\\.?0*[1-9].*")) {
                    // the server refuses the literal as out of range; a Java float holding it is plainly 0
                    throw new NotApplicable("'" + pair[1].strip() + "' underflows to 0 as a Java float");
                }
            }
            ByteBuffer bytes = ByteBuffer.allocate(12 + 8 * parts.length).putInt(dimensions).putInt(parts.length).putInt(0);
            for (int index : indices) {
                bytes.putInt(index);
            }
            for (float value : values) {
                bytes.putFloat(value);
            }
            PGsparsevec vector = new PGsparsevec();
            vector.setByteValue(bytes.array(), 0);
            return vector;
        } catch (NumberFormatException | java.sql.SQLException e) {
            throw new NotApplicable("'" + text + "' holds a number beyond Java's int: " + e.getMessage());
        }
    }

    /**
     * A bit string literal as booleans.
     *
     * @return the bits
     * @throws NotApplicable if the text holds other characters than 0 and 1
     */
    public boolean[] bits() {
        boolean[] bits = new boolean[text.length()];
        for (int i = 0; i < bits.length; i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '1') {
                throw new NotApplicable("'" + text + "' is no bit string of 0 and 1");
            }
            bits[i] = c == '1';
        }
        return bits;
    }

    /** {@return the bit string as pgvector-java's {@link PGbit}} */
    public PGbit bit() {
        return new PGbit(bits());
    }

    /** {@return the integer value} */
    public int integer() {
        return Integer.parseInt(text);
    }
}
