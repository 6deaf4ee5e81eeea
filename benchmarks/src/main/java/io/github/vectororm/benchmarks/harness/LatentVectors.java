package io.github.vectororm.benchmarks.harness;

import java.util.SplittableRandom;

/**
 * Deterministic vectors shaped like embeddings rather than uniform noise: a low intrinsic dimension. Each vector is
 * {@value #LATENT}-d Gaussian coordinates mapped into the full dimensions by one fixed random Gaussian matrix, plus
 * Gaussian noise ({@value #NOISE} of the signal's per-dimension spread). On uniform noise every approximate method
 * looks bad (in 768 dimensions all uniform points are almost equally far from a probe: plain HNSW at
 * {@code ef_search = 40} finds about a quarter of the true top 10); on these the index ranks as it does on real
 * embeddings. The same seed and index give the same vector in every JVM. Shared by the k-NN and two-stage tables.
 *
 * @since 0.1.0
 */
public final class LatentVectors {

    /** Latent dimensions of the data. */
    public static final int LATENT = 64;
    /** The noise's standard deviation per dimension, relative to the signal's. */
    public static final double NOISE = 0.3;
    /** What a table fingerprint records about the generator, so a change of it rebuilds the tables. */
    public static final String FINGERPRINT = "latent=" + LATENT + " noise=" + NOISE;

    private final float[][] basis;

    private LatentVectors(float[][] basis) {
        this.basis = basis;
    }

    /**
     * The generator for one dimension count; its matrix is the same in every run.
     *
     * @param dimensions the full dimensions
     * @return the generator
     */
    public static LatentVectors of(int dimensions) {
        SplittableRandom random = new SplittableRandom(0x7A0_57A6EL);
        float[][] basis = new float[LATENT][dimensions];
        for (float[] row : basis) {
            for (int d = 0; d < dimensions; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }
        return new LatentVectors(basis);
    }

    /**
     * One vector.
     *
     * @param seed the data set's seed ({@link VectorData#ROW_SEED} or {@link VectorData#QUERY_SEED})
     * @param index the vector's position in the data set
     * @return a new array
     */
    public float[] vector(long seed, long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int dimensions = basis[0].length;
        float[] vector = new float[dimensions];
        for (float[] row : basis) {
            float z = (float) random.nextGaussian();
            for (int d = 0; d < dimensions; d++) {
                vector[d] += z * row[d];
            }
        }
        double noise = NOISE * Math.sqrt(LATENT);
        for (int d = 0; d < dimensions; d++) {
            vector[d] += (float) (noise * random.nextGaussian());
        }
        return vector;
    }

    /**
     * The first {@code count} vectors of a data set.
     *
     * @param seed the data set's seed
     * @param count how many
     * @return a new array of new arrays
     */
    public float[][] vectors(long seed, int count) {
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            vectors[i] = vector(seed, i);
        }
        return vectors;
    }
}
