package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.InSuite;
import io.github.vectororm.benchmarks.harness.Suite;
import java.util.ArrayList;
import java.util.List;
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
 * Base of every top-10 k-NN benchmark: the shared {@link KnnDataset} (table and HNSW index, built once per
 * run), a rotating set of query vectors, and JMH sample-time settings that give the median and p99.
 *
 * <p><b>Adding a path</b> — this is the extension point for the Hibernate, jOOQ and Spring Data benchmarks,
 * one class each: extend this class; in {@link #open(BenchmarkDatabase, KnnDataset)} build what the path
 * needs (an EntityManagerFactory, a DSLContext, a Spring context) on {@code database.jdbcUrl()} and
 * {@code dataset.table()}; release it in {@link #close()}; write {@code @Benchmark} methods annotated with
 * {@link io.github.vectororm.benchmarks.harness.Compared} that run one query for {@link #nextQuery()}
 * (ids of the {@value KnnDataset#K} nearest by cosine distance) and pass the number of rows returned to
 * {@link #checkFull(int)}. The report then shows the path beside the raw JDBC baseline with its ratios.
 *
 * @since 0.1.0
 */
@InSuite(Suite.KNN)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 1, time = 5)
@Fork(1)
public abstract class KnnBenchmark {

    /** Distinct query vectors cycled through, so no path benefits from asking the same question. */
    public static final int QUERY_VECTORS = 1000;

    /** Rows in the table. */
    @Param("50000")
    public int knnRows;

    /** Dimensions of each vector. */
    @Param("768")
    public int knnDimensions;

    /** The table and its index. */
    protected KnnDataset dataset;

    private float[][] queries;
    private int nextQuery;

    /**
     * Prepares the dataset and lets the subclass open its resources.
     *
     * @throws Exception if the database refuses
     */
    @Setup(Level.Trial)
    public final void prepareTrial() throws Exception {
        BenchmarkDatabase database = BenchmarkDatabase.fromEnvironment();
        dataset = KnnDataset.prepare(database, rows(), dimensions());
        queries = dataset.queries(QUERY_VECTORS);
        open(database, dataset);
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
     * The table's rows: {@link #knnRows}, unless a subclass measures another table shape (the small-table suite).
     *
     * @return rows in the table
     */
    protected int rows() {
        return knnRows;
    }

    /**
     * The vectors' dimensions: {@link #knnDimensions}, unless a subclass measures another table shape.
     *
     * @return dimensions of each vector
     */
    protected int dimensions() {
        return knnDimensions;
    }

    /** @return the next query vector (the caller must not modify it) */
    protected final float[] nextQuery() {
        float[] query = queries[nextQuery];
        nextQuery = (nextQuery + 1) % queries.length;
        return query;
    }

    /**
     * The next query vectors of the rotation, for paths that answer several probes per invocation.
     *
     * @param count how many, at most {@value #QUERY_VECTORS}
     * @return the vectors, in rotation order (the caller must not modify them)
     */
    protected final List<float[]> nextQueries(int count) {
        List<float[]> probes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            probes.add(nextQuery());
        }
        return probes;
    }

    /**
     * Fails the run when a query returned fewer than k rows: an unfiltered HNSW query returns k, so fewer means
     * the path did not run the query it claims to.
     *
     * @param rowsReturned rows the query returned
     * @return {@code rowsReturned}
     */
    protected final int checkFull(int rowsReturned) {
        if (rowsReturned != KnnDataset.K) {
            throw new IllegalStateException(getClass().getSimpleName() + " returned " + rowsReturned + " rows, expected "
                    + KnnDataset.K);
        }
        return rowsReturned;
    }

    /**
     * Opens what the paths need.
     *
     * @param database the database
     * @param dataset the table and index to query
     * @throws Exception if opening fails
     */
    protected abstract void open(BenchmarkDatabase database, KnnDataset dataset) throws Exception;

    /**
     * Releases what {@link #open(BenchmarkDatabase, KnnDataset)} opened.
     *
     * @throws Exception if closing fails
     */
    protected abstract void close() throws Exception;
}
