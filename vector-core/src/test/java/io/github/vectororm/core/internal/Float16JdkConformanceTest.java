package io.github.vectororm.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Float16} is the Java 17 path for halfvec; this proves it equal to the JDK's own binary16 conversion
 * (Java 20+), looked up at run time so that the class still compiles for Java 17. The JDK 17 test pass of
 * {@code .ci/run} leaves out the tag {@code jdk20}; every other build runs it on JDK 21+. Every number is compared bit
 * for bit; a NaN only as a NaN of the same sign, because the JDK's NaN payload differs between its intrinsic and its
 * interpreted path (pgvector refuses NaN in any case).
 */
@Tag("jdk20")
class Float16JdkConformanceTest {

    private static MethodHandle jdkToHalf;
    private static MethodHandle jdkToFloat;

    @BeforeAll
    static void jdkConversions() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            jdkToHalf = lookup.findStatic(Float.class, "floatToFloat16", MethodType.methodType(short.class, float.class));
            jdkToFloat = lookup.findStatic(Float.class, "float16ToFloat", MethodType.methodType(float.class, short.class));
        } catch (ReflectiveOperationException e) {
            fail("Float16JdkConformanceTest compares with Float.floatToFloat16, which needs JDK 20+; this is JDK "
                    + Runtime.version() + ". Run it with the build's JDK (source scripts/env.sh selects one)", e);
        }
    }

    @Test
    void widensEveryHalfExactlyAsTheJdk() throws Throwable {
        for (int h = 0; h <= 0xffff; h++) {
            short half = (short) h;
            float expected = (float) jdkToFloat.invokeExact(half);
            float actual = Float16.toFloat(half);
            if (Float.isNaN(expected)) {
                assertThat(actual).as("half 0x%04x", h).isNaN();
                assertThat(Math.copySign(1f, actual)).as("sign of half 0x%04x", h).isEqualTo(Math.copySign(1f, expected));
            } else {
                assertThat(Float.floatToRawIntBits(actual)).as("half 0x%04x", h).isEqualTo(Float.floatToRawIntBits(expected));
            }
        }
    }

    @Test
    void narrowsEveryHalfValueBackAsTheJdk() throws Throwable {
        for (int h = 0; h <= 0xffff; h++) {
            float value = Float16.toFloat((short) h);
            assertSameHalf("half 0x%04x".formatted(h), Float16.fromFloat(value), (short) jdkToHalf.invokeExact(value));
        }
    }

    @Test
    void roundsEveryMidpointAndItsNeighborsAsTheJdk() throws Throwable {
        // ties and near-ties between each pair of adjacent halves decide round-to-nearest-even
        for (int h = 0; h < 0x7c00; h++) {
            float low = Float16.toFloat((short) h);
            float high = Float16.toFloat((short) (h + 1));
            float mid = (float) (((double) low + high) / 2);
            for (float f : new float[] {mid, Math.nextDown(mid), Math.nextUp(mid), -mid, -Math.nextUp(mid)}) {
                assertSameHalf("float " + f, Float16.fromFloat(f), (short) jdkToHalf.invokeExact(f));
            }
        }
    }

    @Test
    void narrowsFloatsAcrossTheWholeRangeAsTheJdk() throws Throwable {
        // every 257th bit pattern: all exponents, signs, subnormals, infinities and NaN payloads
        for (long bits = 0; bits <= 0xffff_ffffL; bits += 257) {
            float f = Float.intBitsToFloat((int) bits);
            short expected = (short) jdkToHalf.invokeExact(f);
            short actual = Float16.fromFloat(f);
            if (actual != expected && !(isNaN(actual) && isNaN(expected) && (actual & 0x8000) == (expected & 0x8000))) {
                fail("float bits 0x%08x (%s): Float16 gives 0x%04x, the JDK 0x%04x", bits, f, actual, expected);
            }
        }
    }

    private static boolean isNaN(short half) {
        return (half & 0x7c00) == 0x7c00 && (half & 0x3ff) != 0;
    }

    private static void assertSameHalf(String what, short actual, short expected) {
        if (isNaN(expected)) {
            assertThat(isNaN(actual)).as(what + ": NaN, got 0x%04x", actual).isTrue();
            assertThat(actual & 0x8000).as(what + ": sign").isEqualTo(expected & 0x8000);
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }
}
