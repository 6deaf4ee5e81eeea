package io.github.vectororm.core.internal;

import io.github.vectororm.core.VectorValidationException;

/**
 * pgvector 0.8.0's rule for {@code subvector(v, start, count)} (vector and halfvec, {@code src/vector.c} and
 * {@code src/halfvec.c}), kept once so every adapter refuses exactly what the server refuses.
 *
 * <p>The server refuses {@code count < 1}; otherwise it takes the elements from {@code max(start, 1)} up to, not
 * including, {@code min(start + count, dim + 1)} (computed without overflow), and refuses an empty result
 * ("vector must have at least 1 dimension"). So {@code subvector('[1,2,3,4,5]', -1, 3)} is {@code [1]} and
 * {@code subvector('[1,2,3,4,5]', 3, 2147483647)} is {@code [3,4,5]}. Without the value's dimensions a client can
 * refuse only what fails for every value: {@code count < 1}, and {@code start + count <= 1} (which ends before
 * the first element).
 */
public final class SubvectorRule {

    private SubvectorRule() {
    }

    /**
     * Refuses what the server refuses for every value.
     *
     * @param what names the value in the message
     * @param start the 1-based first element, may be below 1
     * @param count how many elements
     * @throws VectorValidationException when the server would refuse the call for any value
     */
    public static void check(String what, int start, int count) {
        if (count < 1) {
            throw new VectorValidationException("subvector of " + what + ": count must be at least 1, not " + count);
        }
        if ((long) start + count <= 1) {
            throw new VectorValidationException("subvector of " + what + ": start " + start + " and count " + count
                    + " end before the first element (start + count must be at least 2)");
        }
    }

    /**
     * The result's dimensions for a value of {@code dimensions} dimensions, or the server's refusal.
     *
     * @param what names the value in the message
     * @param dimensions the value's dimensions
     * @param start the 1-based first element
     * @param count how many elements
     * @return the dimensions of {@code subvector(v, start, count)}
     */
    public static int resultDimensions(String what, int dimensions, int start, int count) {
        check(what, start, count);
        long end = Math.min((long) start + count, (long) dimensions + 1);
        long from = Math.max(start, 1);
        if (end - from < 1) {
            throw new VectorValidationException("subvector of " + what + " (" + dimensions + " dimensions): start "
                    + start + " and count " + count + " select no element");
        }
        return (int) (end - from);
    }

    /**
     * The result's dimensions when the value's are unknown: the most it can have ({@code count}, fewer when
     * {@code start} is below 1).
     *
     * @param start the 1-based first element
     * @param count how many elements
     * @return an upper bound of the result's dimensions, for a type declaration only when exact
     */
    public static int maxDimensions(int start, int count) {
        return (int) Math.min(count, (long) start + count - 1);
    }
}
