package io.github.vectororm.benchmarks.codec;

import com.pgvector.PGhalfvec;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.benchmarks.harness.VectorData;
import io.github.vectororm.core.codec.HalfvecCodec;
import io.github.vectororm.core.jdbc.BinaryHalfvec;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode + decode of one {@code halfvec}. pgvector-java's {@link PGhalfvec} only speaks text, so its text
 * path is the raw baseline; vector-core's binary codec and {@link BinaryHalfvec} are the alternative.
 *
 * @since 0.1.0
 */
@InSuite(Suite.HALFVEC_CODEC)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class HalfvecCodecBenchmark {

    /** Dimensions of the halfvec. */
    @Param("1536")
    public int dimensions;

    private float[] vector;

    /** Generates the vector. */
    @Setup
    public void createVector() {
        vector = VectorData.vector(VectorData.ROW_SEED, 0, dimensions);
    }

    /** @return the decoded halfvec */
    @Benchmark
    @Compared(value = "vector-core binary: `HalfvecCodec.encode` + `decode`", kind = PathKind.LIBRARY)
    public float[] vectorCoreBinary() {
        return HalfvecCodec.decode(HalfvecCodec.encode(vector), 0);
    }

    /** @return the decoded halfvec */
    @Benchmark
    @Compared(value = "vector-core binary via pgjdbc objects: `new BinaryHalfvec(float[])` + `toBytes`, "
            + "`setByteValue` + `toArray`", kind = PathKind.LIBRARY)
    public float[] binaryHalfvecObjects() {
        BinaryHalfvec parameter = new BinaryHalfvec(vector);
        byte[] bytes = new byte[parameter.lengthInBytes()];
        parameter.toBytes(bytes, 0);
        BinaryHalfvec result = new BinaryHalfvec();
        result.setByteValue(bytes, 0);
        return result.toArray();
    }

    /** @return the decoded halfvec */
    @Benchmark
    @Compared(value = "vector-core text: `HalfvecCodec.format` + `parse`", kind = PathKind.LIBRARY)
    public float[] vectorCoreText() {
        return HalfvecCodec.parse(HalfvecCodec.format(vector));
    }

    /**
     * @return the decoded halfvec
     * @throws SQLException never, for a valid vector
     */
    @Benchmark
    @Compared(value = "pgvector-java text: `new PGhalfvec(float[]).getValue()` + `new PGhalfvec(String)`",
            kind = PathKind.RAW_BASELINE)
    public float[] pgvectorJavaText() throws SQLException {
        return new PGhalfvec(new PGhalfvec(vector).getValue()).toArray();
    }
}
