package io.github.vectororm.core.codec;

import io.github.vectororm.core.VectorValidationException;

/** Shared checks and text handling of {@code vector} and {@code halfvec}, whose text forms are alike. */
final class DenseVectors {

    /** pgvector's VECTOR_MAX_DIM and HALFVEC_MAX_DIM. */
    static final int MAX_DIMENSIONS = 16_000;

    private DenseVectors() {
    }

    static void checkDimensions(String type, int dimensions) {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new VectorValidationException(
                    type + " has " + dimensions + " dimensions; pgvector accepts 1 to " + MAX_DIMENSIONS);
        }
    }

    static void checkFinite(String type, int index, float value) {
        if (!Float.isFinite(value)) {
            throw new VectorValidationException(type + " element [" + index + "] is " + value
                    + "; pgvector accepts finite values only");
        }
    }

    static String format(float[] values) {
        StringBuilder text = new StringBuilder(values.length * 10 + 2).append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            appendFloat(text, values[i]);
        }
        return text.append(']').toString();
    }

    /** Shortest round-tripping form, without the ".0" Java adds to whole numbers. */
    static void appendFloat(StringBuilder text, float value) {
        if (value == (int) value && value != 0f) {
            text.append((int) value);
        } else if (value == 0f) {
            text.append(1 / value < 0 ? "-0" : "0");
        } else {
            text.append(value);
        }
    }

    static float[] parse(String type, String text) {
        if (text == null) {
            throw new VectorValidationException(type + " text is null");
        }
        String s = TextSyntax.trim(text); // the server's whitespace, not Java's wider set
        if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            throw new VectorValidationException(type + " text must look like [1,2,3]: '" + abbreviate(TextSyntax.printable(text)) + "'");
        }
        String body = TextSyntax.trim(s.substring(1, s.length() - 1));
        if (body.isEmpty()) {
            checkDimensions(type, 0);
        }
        String[] parts = body.split(",", -1);
        checkDimensions(type, parts.length);
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parseFloat(type, parts[i], i);
        }
        return values;
    }

    static float parseFloat(String type, String part, int index) {
        float value = TextSyntax.parseFloat(type, part, index, false);
        checkFinite(type, index, value);
        return value;
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
