package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.harness.Suite;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;

/**
 * A performance target from the issue: one path must be at least {@link #minimum()} times as fast as another
 * of the same suite, in the same run.
 *
 * @param description the target as the issue states it
 * @param suite the suite both paths belong to
 * @param subject the path measured, {@code SimpleClassName.method}
 * @param reference the path it is compared with
 * @param minimum the least acceptable speed ratio subject / reference
 * @param costIfMissed what the subject does that the reference does not: the first place to look when it misses
 * @since 0.1.0
 */
public record Target(String description, Suite suite, String subject, String reference, double minimum,
        String costIfMissed) {

    /** The issue's targets. */
    public static final List<Target> ISSUE_TARGETS = Stream.of(List.of(
            new Target("binary codec >= 20x text: vector-core `VectorCodec` binary vs its own text codec",
                    Suite.VECTOR_CODEC, "VectorCodecBenchmark.vectorCoreBinary", "VectorCodecBenchmark.vectorCoreText", 20,
                    "binary writes 4 bytes per element; text formats and parses a decimal number per element"),
            new Target("binary codec >= 20x text: vector-core `VectorCodec` binary vs pgvector-java text",
                    Suite.VECTOR_CODEC, "VectorCodecBenchmark.vectorCoreBinary",
                    "VectorCodecBenchmark.pgvectorJavaText", 20,
                    "binary writes 4 bytes per element; text formats and parses a decimal number per element"),
            new Target("binary codec >= 20x text: vector-core `HalfvecCodec` binary vs pgvector-java `PGhalfvec` text",
                    Suite.HALFVEC_CODEC, "HalfvecCodecBenchmark.vectorCoreBinary", "HalfvecCodecBenchmark.pgvectorJavaText",
                    20, "binary rounds each element to float16 (with a range check); text formats and parses decimals"),
            new Target("COPY writer >= 0.9x raw COPY BINARY", Suite.BULK_LOAD, "JdbcBulkLoadBenchmark.vectorCopyWriter",
                    "JdbcBulkLoadBenchmark.rawCopyBinary", 0.9,
                    "the writer validates every element and encodes each field into its own array, then the row into a"
                            + " buffer, where the raw path puts floats straight into one buffer"),
            new Target("typed k-NN <= 1.15x raw JDBC in median time, ids: Hibernate HQL `cosine_distance` ids vs raw JDBC"
                    + " binary (speed >= 1/1.15)", Suite.KNN, "HibernateKnnBenchmark.hqlIds",
                    "JdbcKnnBenchmark.rawBinaryParameter", 1 / 1.15,
                    "a session per query, HQL translation (cached) and Hibernate's result handling around the same SQL"),
            new Target("typed k-NN <= 1.15x raw JDBC in median time, ids: jOOQ `NearestNeighbors` (id + distance) vs raw"
                    + " JDBC binary (speed >= 1/1.15)", Suite.KNN, "JooqKnnBenchmark.nearestNeighbors",
                    "JdbcKnnBenchmark.rawBinaryParameter", 1 / 1.15,
                    "jOOQ renders the SQL on every query and returns the distance beside each id"),
            new Target("typed k-NN <= 1.25x raw JDBC in median time, entities: Hibernate `VectorSearch` entities + distance"
                    + " vs raw JDBC binary whole rows (id, vector, distance) (speed >= 1/1.25)", Suite.KNN,
                    "HibernateKnnBenchmark.vectorSearchEntities", "JdbcKnnBenchmark.rawWholeRows", 1 / 1.25,
                    "a session per query, HQL translation (cached) and ten managed entities (persistence-context entries"
                            + " and snapshots) around the same columns"),
            new Target("typed k-NN <= 1.25x raw JDBC in median time, entities: Spring Data `findNearest` vs raw JDBC binary"
                    + " whole rows (id, vector, distance) (speed >= 1/1.25)", Suite.KNN, "SpringDataKnnBenchmark.findNearest",
                    "JdbcKnnBenchmark.rawWholeRows", 1 / 1.25,
                    "a read-only transaction (BEGIN/COMMIT round trips) around the query and ten managed entities built"
                            + " from the same columns"),
            new Target("Hibernate batch >= 0.55x raw COPY BINARY", Suite.BULK_LOAD, "HibernateBulkLoadBenchmark.batchPersist",
                    "JdbcBulkLoadBenchmark.rawCopyBinary", 0.55,
                    "one INSERT per row (batched, 1000 per round trip) with per-row parse/execute on the server, where COPY"
                            + " streams rows; plus persistence-context bookkeeping and a copy of each vector as its snapshot"),
            new Target("Hibernate batch >= 1.2x Hibernate's own hibernate-vector module", Suite.BULK_LOAD,
                    "HibernateBulkLoadBenchmark.batchPersist", "HibernateBulkLoadBenchmark.hibernateVectorBatchPersist",
                    1.2, "both send the same batched INSERTs; only the vector's encoding differs")),
            KnnTargets.TARGETS).flatMap(List::stream).toList();

    /**
     * Evaluates the target against a run.
     *
     * @param tables the run's suite tables
     * @return the measured ratio, if both paths ran
     */
    public Optional<Double> measuredRatio(List<SuiteTable> tables) {
        return ratio(tables, PathResult::speed);
    }

    /**
     * The ratio of the subject's best iteration to the reference's median: if it reaches the target while the
     * medians do not, the miss is within the run's noise.
     *
     * @param tables the run's suite tables
     * @return the ratio, if both paths ran; NaN if the subject ran a single iteration
     */
    public Optional<Double> bestIterationRatio(List<SuiteTable> tables) {
        return ratio(tables, (path, measure) -> path.samples() < 2 ? Double.NaN : path.bestSpeed(measure));
    }

    /**
     * The ratio of the subject's worst iteration to the reference's median: if it still reaches the target, the
     * target is met beyond the run's noise.
     *
     * @param tables the run's suite tables
     * @return the ratio, if both paths ran; NaN if the subject ran a single iteration
     */
    public Optional<Double> worstIterationRatio(List<SuiteTable> tables) {
        return ratio(tables, (path, measure) -> path.samples() < 2 ? Double.NaN : path.worstSpeed(measure));
    }

    private Optional<Double> ratio(List<SuiteTable> tables, ToDoubleBiFunction<PathResult, Suite.Measure> subjectSpeed) {
        Suite.Measure measure = suite.measure();
        return tables.stream().filter(t -> t.suite() == suite).findFirst().flatMap(table -> table.path(subject)
                .flatMap(s -> table.path(reference)
                        .map(r -> subjectSpeed.applyAsDouble(s, measure) / r.speed(measure))));
    }
}
