package io.github.vectororm.benchmarks.harness;

import java.util.SplittableRandom;

/**
 * Deterministic random vectors: the same seed, index and dimension count always give the same elements, in
 * every JVM, so forks and reruns measure identical data.
 *
 * <p>Elements are uniform in [-1, 1), which gives text forms of typical embedding length (about ten
 * characters per element).
 *
 * @since 0.1.0
 */
public final class VectorData {

    /** Seed of the stored rows. */
    public static final long ROW_SEED = 42;
    /** Seed of query vectors, distinct from the rows. */
    public static final long QUERY_SEED = 4242;

    private VectorData() {
    }

    /**
     * One vector.
     *
     * @param seed the data set's seed
     * @param index the vector's position in the data set
     * @param dimensions the element count
     * @return a new array
     */
    public static float[] vector(long seed, long index, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return vector;
    }

    /**
     * The first {@code count} vectors of a data set.
     *
     * @param seed the data set's seed
     * @param count how many
     * @param dimensions the element count of each
     * @return a new array of new arrays
     */
    public static float[][] vectors(long seed, int count, int dimensions) {
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            vectors[i] = vector(seed, i, dimensions);
        }
        return vectors;
    }
}
