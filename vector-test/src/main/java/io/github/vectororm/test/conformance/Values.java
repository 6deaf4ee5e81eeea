package io.github.vectororm.test.conformance;

import com.pgvector.PGbit;
import com.pgvector.PGhalfvec;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import org.postgresql.util.PGobject;

/**
 * Brings the server's printed answers and the Java values adapters return into one exact, comparable text: floats
 * in Java's round-trip form (so {@code -0} differs from {@code 0}, and half-precision rounding shows), sparse vectors
 * without zeros, bits as 0 and 1.
 */
final class Values {

    /** The canonical form of SQL NULL. */
    static final String NULL = "NULL";

    private Values() {
    }

    /** The canonical form of a value as the server prints it. */
    static String ofText(PgVectorCase.Result result, String text, boolean real) {
        if (text == null) {
            return NULL;
        }
        String s = text.strip();
        return switch (result) {
            case DOUBLE -> real ? Float.toString(Float.parseFloat(s)) : Double.toString(Double.parseDouble(s));
            case INTEGER -> Long.toString(Long.parseLong(s));
            case VECTOR, HALFVEC -> dense(new Arg(Arg.Kind.VECTOR, s).floats());
            case SPARSEVEC -> sparse(new Arg(Arg.Kind.SPARSEVEC, s).sparse());
            case BIT -> bits(new Arg(Arg.Kind.BIT, s).bits());
        };
    }

    /** The canonical form of a Java value an adapter returned. */
    static String ofValue(PgVectorCase.Result result, Object value, boolean real) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String || value.getClass() == PGobject.class) {
            String text = value instanceof PGobject o ? o.getValue() : (String) value;
            return ofText(result, text, real);
        }
        return switch (result) {
            case DOUBLE -> real ? Float.toString(((Number) value).floatValue())
                    : Double.toString(((Number) value).doubleValue());
            case INTEGER -> Long.toString(((Number) value).longValue());
            case VECTOR, HALFVEC -> dense(floats(value));
            case SPARSEVEC -> value instanceof PGsparsevec s ? sparse(s) : sparse(new PGsparsevec(floats(value)));
            case BIT -> value instanceof PGbit b ? bits(b.toArray()) : bits((boolean[]) value);
        };
    }

    private static float[] floats(Object value) {
        if (value instanceof float[] f) {
            return f;
        }
        if (value instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        if (value instanceof PGvector v) {
            return v.toArray();
        }
        if (value instanceof PGhalfvec h) {
            return h.toArray();
        }
        if (value instanceof PGsparsevec s) {
            return s.toArray();
        }
        try { // vector-core's BinaryHalfvec and the like
            return (float[]) value.getClass().getMethod("toArray").invoke(value);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("no float elements in a " + value.getClass().getName(), e);
        }
    }

    static String dense(float[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i > 0 ? "," : "").append(values[i]);
        }
        return s.append(']').toString();
    }

    static String sparse(PGsparsevec vector) {
        StringBuilder s = new StringBuilder("{");
        int[] indices = vector.getIndices();
        float[] values = vector.getValues();
        boolean first = true;
        for (int i = 0; i < indices.length; i++) {
            if (values[i] != 0f || Float.isNaN(values[i])) {
                s.append(first ? "" : ",").append(indices[i] + 1).append(':').append(values[i]);
                first = false;
            }
        }
        return s.append("}/").append(vector.getDimensions()).toString();
    }

    static String bits(boolean[] bits) {
        StringBuilder s = new StringBuilder(bits.length);
        for (boolean b : bits) {
            s.append(b ? '1' : '0');
        }
        return s.toString();
    }
}
