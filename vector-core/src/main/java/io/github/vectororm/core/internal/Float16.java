package io.github.vectororm.core.internal;

/**
 * IEEE 754 binary16 conversions for halfvec on Java 17, where {@code Float.floatToFloat16} and
 * {@code Float.float16ToFloat} (Java 20) do not exist. Rounding is to nearest, ties to even, as the JDK's
 * and as pgvector's own conversion; {@code Float16JdkConformanceTest} checks every value against the JDK.
 */
public final class Float16 {

    private static final int FLOAT_EXP_MASK = 0x7f80_0000;
    /** 65520.0f, halfway between the largest half (65504) and 65536: from here up, rounding gives infinity. */
    private static final int OVERFLOW_FROM = 0x477f_f000;
    /** 2^-14, the smallest normal half. */
    private static final int MIN_NORMAL = 0x3880_0000;

    private Float16() {
    }

    /**
     * Widens a binary16 value exactly.
     *
     * @param half the binary16 bits
     * @return the same value as a float
     */
    public static float toFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int significand = half & 0x3ff;
        if (exponent == 0x1f) { // infinity, or NaN made quiet with its payload in the high significand bits
            return Float.intBitsToFloat(sign | FLOAT_EXP_MASK | (significand == 0 ? 0 : 0x0040_0000 | significand << 13));
        }
        if (exponent == 0) { // zero or subnormal: significand x 2^-24, exact in float
            float magnitude = significand * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (significand << 13));
    }

    /**
     * Narrows a float to binary16, rounding to nearest with ties to even; beyond the half range the result is
     * infinity.
     *
     * @param value the float
     * @return the binary16 bits
     */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7fff_ffff;
        if (magnitude > FLOAT_EXP_MASK) { // NaN: a quiet NaN with the sign and the top of the payload
            return (short) (sign | 0x7e00 | ((magnitude >>> 13) & 0x3ff));
        }
        if (magnitude >= OVERFLOW_FROM) {
            return (short) (sign | 0x7c00);
        }
        if (magnitude < MIN_NORMAL) { // subnormal or zero: scaling by 2^24 is exact, rint rounds ties to even
            int significand = (int) Math.rint(Float.intBitsToFloat(magnitude) * 0x1p24f);
            return (short) (sign | significand); // 1024 carries into the smallest normal, as it should
        }
        int exponent = (magnitude >>> 23) - 127 + 15;
        int significand = magnitude & 0x7f_ffff;
        int half = (exponent << 10) | (significand >>> 13);
        int dropped = significand & 0x1fff;
        if (dropped > 0x1000 || (dropped == 0x1000 && (half & 1) == 1)) {
            half++; // a carry out of the significand raises the exponent, which is the right result
        }
        return (short) (sign | half);
    }
}
