package io.github.vectororm.benchmarks.load;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.DataTables;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.Suite;
import io.github.vectororm.benchmarks.harness.VectorData;
import java.sql.SQLException;
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
 * Base of every bulk-load benchmark: one invocation loads {@link #loadRows} rows {@code (id bigint,
 * embedding vector(768))} into an empty table and commits; the report turns the time into rows/s.
 *
 * <p>Each subclass gets a table of its own ({@link #table}), emptied with {@code TRUNCATE} and a
 * {@code CHECKPOINT} before every invocation (outside the measured time), and checked to hold exactly
 * {@link #loadRows} rows after it, so a path that loads nothing cannot report a number. The vectors are
 * generated before the trial ({@link #vectors}).
 *
 * <p><b>Adding a path</b> (e.g. Hibernate batch inserts): extend this class, open what the path needs in
 * {@link #open(BenchmarkDatabase)}, release it in {@link #close()}, and write one {@code @Benchmark} method
 * per path annotated with {@link io.github.vectororm.benchmarks.harness.Compared}. It joins the bulk-load
 * table of the report with its ratio to raw COPY.
 *
 * @since 0.1.0
 */
@InSuite(Suite.BULK_LOAD)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public abstract class BulkLoadBenchmark {

    /** Rows per batch for the batched-INSERT paths. */
    public static final int BATCH_SIZE = 1000;

    /** Rows loaded per invocation. */
    @Param("100000")
    public int loadRows;

    /** Dimensions of each vector. */
    @Param("768")
    public int loadDimensions;

    /** The rows' vectors; row {@code i} has id {@code i}. */
    protected float[][] vectors;
    /** The schema-qualified table to load into. */
    protected String table;
    /** The database. */
    protected BenchmarkDatabase database;

    /**
     * Generates the data, creates the table and lets the subclass open its connection.
     *
     * @throws Exception if the database refuses
     */
    @Setup(Level.Trial)
    public final void prepareTrial() throws Exception {
        database = BenchmarkDatabase.fromEnvironment();
        database.createSchema();
        vectors = VectorData.vectors(VectorData.ROW_SEED, loadRows, loadDimensions);
        table = database.table(DataTables.scratchName("load", this));
        database.execute("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint NOT NULL, embedding vector(" + loadDimensions + ") NOT NULL)");
        open(database);
    }

    /**
     * Empties the table and flushes dirty buffers, so each load starts from the same state.
     *
     * @throws SQLException if the database refuses
     */
    @Setup(Level.Iteration)
    public final void emptyTable() throws SQLException {
        database.execute("TRUNCATE " + table);
        database.checkpoint();
    }

    /**
     * Fails the run if the invocation did not load every row.
     *
     * @throws SQLException if the count fails
     */
    @TearDown(Level.Iteration)
    public final void checkLoaded() throws SQLException {
        long count = Long.parseLong(database.queryString("SELECT count(*) FROM " + table));
        if (count != loadRows) {
            throw new IllegalStateException(getClass().getSimpleName() + " loaded " + count + " rows into " + table
                    + ", expected " + loadRows);
        }
    }

    /**
     * Closes the subclass's resources and drops the table.
     *
     * @throws Exception if closing fails
     */
    @TearDown(Level.Trial)
    public final void finishTrial() throws Exception {
        try {
            close();
        } finally {
            database.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /**
     * Opens what the paths need, typically a connection with autocommit off.
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
