package io.github.vectororm.benchmarks.codec;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.benchmarks.harness.VectorData;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.core.jdbc.VectorValues;
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
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * Encode + decode of one {@code vector}, the CPU cost every parameter and result pays, in each format and
 * library. No database: each method turns a {@code float[]} into what travels on the wire and back.
 *
 * @since 0.1.0
 */
@InSuite(Suite.VECTOR_CODEC)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class VectorCodecBenchmark {

    /** Dimensions of the vector (OpenAI's text-embedding-3-small size). */
    @Param("1536")
    public int dimensions;

    private float[] vector;

    /** Generates the vector. */
    @Setup
    public void createVector() {
        vector = VectorData.vector(VectorData.ROW_SEED, 0, dimensions);
    }

    /** @return the decoded vector */
    @Benchmark
    @Compared(value = "vector-core binary: `VectorCodec.encode` + `decode`", kind = PathKind.LIBRARY)
    public float[] vectorCoreBinary() {
        return VectorCodec.decode(VectorCodec.encode(vector), 0);
    }

    /**
     * What pgjdbc does with a vector-core parameter and a binary result: {@code toBytes} of the parameter
     * object, {@code setByteValue} of the registered result class, then the conversion to {@code float[]}.
     *
     * @return the decoded vector
     * @throws SQLException never, for a valid vector
     */
    @Benchmark
    @Compared(value = "vector-core binary via pgjdbc objects: `VectorValues.toParameter` + `toBytes`, "
            + "`PGvector.setByteValue` + `VectorValues.fromResult`", kind = PathKind.LIBRARY)
    public float[] vectorCoreParameterObjects() throws SQLException {
        PGobject parameter = VectorValues.toParameter(VectorType.VECTOR, vector);
        PGBinaryObject binary = (PGBinaryObject) parameter;
        byte[] bytes = new byte[binary.lengthInBytes()];
        binary.toBytes(bytes, 0);
        PGvector result = new PGvector();
        result.setByteValue(bytes, 0);
        return VectorValues.fromResult(VectorType.VECTOR, result, float[].class);
    }

    /** @return the decoded vector */
    @Benchmark
    @Compared(value = "vector-core text: `VectorCodec.format` + `parse`", kind = PathKind.LIBRARY)
    public float[] vectorCoreText() {
        return VectorCodec.parse(VectorCodec.format(vector));
    }

    /**
     * @return the decoded vector
     * @throws SQLException never, for a valid vector
     */
    @Benchmark
    @Compared(value = "pgvector-java text: `new PGvector(float[]).getValue()` + `new PGvector(String)`",
            kind = PathKind.RAW_BASELINE)
    public float[] pgvectorJavaText() throws SQLException {
        return new PGvector(new PGvector(vector).getValue()).toArray();
    }

    /**
     * @return the decoded vector
     * @throws SQLException never, for a valid vector
     */
    @Benchmark
    @Compared(value = "pgvector-java binary: `PGvector.toBytes` + `setByteValue`", kind = PathKind.RAW)
    public float[] pgvectorJavaBinary() throws SQLException {
        PGvector parameter = new PGvector(vector);
        byte[] bytes = new byte[parameter.lengthInBytes()];
        parameter.toBytes(bytes, 0);
        PGvector result = new PGvector();
        result.setByteValue(bytes, 0);
        return result.toArray();
    }
}
