package io.github.vectororm.benchmarks.read;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.DataTables;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.benchmarks.harness.VectorData;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Base of every bulk-read benchmark: one invocation reads all {@link #readRows} vectors of a table into
 * {@code float[]}; the report turns the time into rows/s.
 *
 * <p>The table {@code (id bigint, embedding vector(768))} is built once per run and shared (see
 * {@link DataTables}). Paths return the number of rows they read, and {@link #checkRowCount(long)} fails
 * the run when a path reads fewer.
 *
 * <p><b>Adding a path</b> (e.g. a Hibernate or jOOQ query that maps the rows): extend this class, open what
 * it needs in {@link #open(BenchmarkDatabase)}, release it in {@link #close()}, and write {@code @Benchmark}
 * methods annotated with {@link io.github.vectororm.benchmarks.harness.Compared} that read {@link #table}.
 *
 * @since 0.1.0
 */
@InSuite(Suite.BULK_READ)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public abstract class BulkReadBenchmark {

    /** Rows fetched per server round trip by every path (streaming, not materialising 100k rows at once). */
    public static final int FETCH_SIZE = 1000;

    /** Rows read per invocation. */
    @Param("100000")
    public int readRows;

    /** Dimensions of each vector. */
    @Param("768")
    public int readDimensions;

    /** The schema-qualified table to read. */
    protected String table;

    /**
     * Builds (or reuses) the table and lets the subclass open its connections.
     *
     * @throws Exception if the database refuses
     */
    @Setup(Level.Trial)
    public final void prepareTrial() throws Exception {
        BenchmarkDatabase database = BenchmarkDatabase.fromEnvironment();
        String fingerprint = "vector-orm benchmark rows=" + readRows + " dimensions=" + readDimensions
                + " seed=" + VectorData.ROW_SEED;
        table = DataTables.ensure(database, "read_" + readRows + "x" + readDimensions, fingerprint, (connection, name) -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + name + " (id bigint PRIMARY KEY, embedding vector("
                        + readDimensions + ") NOT NULL)");
            }
            try (VectorCopyWriter writer = VectorCopyWriter.into(connection, name)
                    .column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
                for (int id = 0; id < readRows; id++) {
                    writer.addRow((long) id, VectorData.vector(VectorData.ROW_SEED, id, readDimensions));
                }
                writer.finish();
            }
        });
        open(database);
    }

    /**
     * Releases the subclass's resources.
     *
     * @throws Exception if closing fails
     */
    @TearDown(Level.Trial)
    public final void finishTrial() throws Exception {
        close();
    }

    /**
     * Fails when a path read fewer or more rows than the table holds.
     *
     * @param rowsRead what the path counted
     * @return {@code rowsRead}
     */
    protected final long checkRowCount(long rowsRead) {
        if (rowsRead != readRows) {
            throw new IllegalStateException(getClass().getSimpleName() + " read " + rowsRead + " rows from " + table
                    + ", expected " + readRows);
        }
        return rowsRead;
    }

    /**
     * Opens what the paths need.
     *
     * @param database the database
     * @throws Exception if opening fails
     */
    protected abstract void open(BenchmarkDatabase database) throws Exception;

    /**
     * Releases what {@link #open(BenchmarkDatabase)} opened.
     *
     * @throws Exception if closing fails
     */
    protected abstract void close() throws Exception;
}
