package io.github.vectororm.test;

import java.util.Random;

/**
 * Vectors for tests: seeded, so a failing test fails again the same way.
 *
 * @since 0.1.0
 */
public final class TestVectors {

    private TestVectors() {
    }

    /**
     * A vector of independent standard normal coordinates.
     *
     * @param random the seeded source
     * @param dimensions how many coordinates
     * @return the vector
     * @since 0.1.0
     */
    public static float[] gaussian(Random random, int dimensions) {
        float[] v = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
