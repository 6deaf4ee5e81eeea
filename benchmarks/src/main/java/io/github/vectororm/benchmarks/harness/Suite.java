package io.github.vectororm.benchmarks.harness;

/**
 * A group of benchmarks that measure the same work in different ways, reported as one table with every
 * path's ratio to the suite's raw baseline.
 *
 * <p>A benchmark class joins a suite with {@link InSuite} (usually inherited from the suite's abstract base
 * class, which also fixes the JMH mode and iteration settings, so every path is measured alike); each of
 * its {@code @Benchmark} methods says what it measures with {@link Compared}.
 *
 * @since 0.1.0
 */
public enum Suite {
    /** Encode + decode of one 1536-dimension {@code vector}: pure CPU. */
    VECTOR_CODEC("Codec: encode + decode of one 1536-d vector", Measure.TIME_PER_OPERATION, null,
            "Pure CPU, no database: `float[]` to the wire form and back, as every parameter and result pays it."),
    /** Encode + decode of one 1536-dimension {@code halfvec}: pure CPU. */
    HALFVEC_CODEC("Codec: encode + decode of one 1536-d halfvec", Measure.TIME_PER_OPERATION, null,
            "Pure CPU. pgvector-java's `PGhalfvec` has no binary form, so its text path is the baseline."),
    /** Loading N rows of 768-dimension vectors into an empty table. */
    BULK_LOAD("Bulk load of 768-d vectors", Measure.ROWS_PER_SECOND, "loadRows",
            "One invocation loads all rows `(id bigint, embedding vector(768))` into an empty logged table and commits;"
                    + " `TRUNCATE` and `CHECKPOINT` run before each invocation, outside the timing, and a row count after it"
                    + " fails the run unless every row arrived. Batched INSERTs send 1000 rows per `executeBatch` with"
                    + " pgjdbc's defaults (`reWriteBatchedInserts` off). The adapter paths load the same rows as entities"
                    + " or records (built inside the timing) of one entity `BenchItem(id, float[] embedding)` mapped with"
                    + " `@JdbcTypeCode(SqlTypes.VECTOR)`: Hibernate with `hibernate.jdbc.batch_size` = 1000 and flush +"
                    + " clear every 1000 entities, one transaction per load; Hibernate's own hibernate-vector module runs"
                    + " the same persist on a SessionFactory with `vectororm.hibernate.enabled=false`; Spring Data runs"
                    + " vector-orm's starter on a Hikari pool (`BenchItem` is `Persistable`, so `saveAll` persists"
                    + " instead of merging)."),
    /** Reading N rows of 768-dimension vectors into {@code float[]}. */
    BULK_READ("Bulk read of 768-d vectors", Measure.ROWS_PER_SECOND, "readRows",
            "One invocation reads every row's vector into a `float[]` (`SELECT embedding FROM t`, fetch size 1000, in a"
                    + " transaction). Binary paths run with `prepareThreshold=-1`: pgjdbc receives binary results only from"
                    + " server-prepared statements."),
    /** One top-10 nearest-neighbor query served by an HNSW index. */
    KNN("Top-10 k-NN query with HNSW (cosine)", Measure.LATENCY_PERCENTILES, null,
            "`SELECT id FROM t ORDER BY embedding <=> ? LIMIT 10` on an HNSW index (`vector_cosine_ops`, m = 16,"
                    + " ef_construction = 64, default `hnsw.ef_search` = 40); 1000 query vectors in rotation, prepared"
                    + " statements reused across invocations. The harness checks with EXPLAIN that the index serves the"
                    + " query and fails any invocation that returns fewer than 10 rows. What each path reads: the baseline"
                    + " and the other `SELECT id` rows read ten ids; jOOQ `NearestNeighbors` reads ids with the distance;"
                    + " the raw whole-row path (`SELECT id, embedding, embedding <=> ? AS distance ... ORDER BY 3 LIMIT 10`,"
                    + " the vector bound once) and the entity paths (`VectorSearch`, `findNearest`, the derived `...Near`)"
                    + " read ten ids, ten 768-d vectors decoded to `float[]` and ten distances (the derived query's score"
                    + " instead); the entity paths also build managed entities. The entity targets compare with the"
                    + " whole-row raw path, the ids targets with the ids baseline. Hibernate paths open a"
                    + " session per query on the built-in pool (auto-commit connections, a Hikari pool's default); Spring Data repository calls run in their own read-only"
                    + " transaction on a Hikari pool; jOOQ runs on one connection. Hibernate's own hibernate-vector"
                    + " module (vector-orm switched off) renders `cosine_distance` as the same `<=>` operator and binds the"
                    + " `float[]` as a `real[]` array cast to `vector` (`cast(? as vector)`)."),
    /** Top-10 search on one table: the plain HNSW index against two-stage (quantized shortlist + exact re-rank). */
    TWO_STAGE("Two-stage search: quantized shortlist + exact re-rank vs plain HNSW (cosine, top 10)",
            Measure.LATENCY_PERCENTILES, null,
            "One table `(id bigint, embedding vector(768))` with three HNSW indexes on the same vectors (m = 16,"
                    + " ef_construction = 64): the column (`vector_cosine_ops`), `binary_quantize(embedding)::bit(768)`"
                    + " (`bit_hamming_ops`) and `embedding::halfvec(768)` (`halfvec_cosine_ops`). The plain paths run"
                    + " `SELECT id, embedding <=> ? AS distance ... ORDER BY 2 LIMIT 10`; the two-stage paths run vector-core's"
                    + " `TwoStageSearch`: an inner `ORDER BY <expression> <op> <expression of ?> LIMIT n` that the expression's"
                    + " index serves (the shortlist), then `ORDER BY` the exact cosine distance of those n rows,"
                    + " `LIMIT 10`. Every path reads ids and distances, on its own connection with `enable_seqscan = off`,"
                    + " `jit = off` (the index serves the query at every table size) and `hnsw.ef_search` set for"
                    + " the session to the shortlist size, the value `TwoStageSearch` applies per transaction itself"
                    + " (HNSW returns at most `ef_search` rows, so a shortlist of 200 at the default 40 would be 40; the"
                    + " harness checks both values agree, counts each shortlist and checks each plan with EXPLAIN)."
                    + " 1000 probes in rotation. The data has a low intrinsic dimension, as embeddings do (64 latent"
                    + " Gaussian coordinates mapped to 768 dimensions by a fixed random matrix, plus noise; the k-NN"
                    + " table uses the same generator), not uniform noise, on which no approximate index finds much. Recall@10 is"
                    + " counted in the same run against an exact scan (`SearchSettings.exact(true)`: no index) of the same"
                    + " table."),
    /** Spring Data JPA's own benchmark shape: the k-NN suite's paths over a small table, 20k x 64-d. */
    KNN_SMALL("Top-10 k-NN query with HNSW (cosine), small table", Measure.LATENCY_PERCENTILES, null,
            "The k-NN suite's paths, the same code (subclasses with another table shape), over the table shape of Spring"
                    + " Data JPA's own vector benchmark: 20k rows of 64-d vectors, same generator, same HNSW index"
                    + " parameters and default `hnsw.ef_search`. With a short vector the query's own cost is small, so"
                    + " what each framework adds per query weighs more than at 768-d; the entity targets are lower here."
                    + " Measured per round with a shorter warm-up and measurement than the 50k x 768-d suite."),
    /** 100 probes per invocation: per-query search settings and batch k-NN against 100 single raw queries. */
    KNN_PROBES("100 k-NN probes: per-query settings and batch k-NN vs 100 single raw queries (cosine, top 10)",
            Measure.LATENCY_PERCENTILES, null,
            "Every invocation answers the same 100 probes (the next 100 of the 1000 in rotation) over the 50k x 768-d"
                    + " k-NN table; latency is per 100 probes, so **× raw** is throughput relative to 100 single raw"
                    + " `SELECT id` queries. *With settings* paths run each of the 100 queries with `hnsw.ef_search = 40`"
                    + " set for that query only (the server default, so the results equal those without settings and"
                    + " only the settings mechanism costs): raw JDBC sends `SELECT set_config('hnsw.ef_search', ?, true);"
                    + " SELECT ...` as one statement in auto-commit (one round trip, one implicit transaction), vector-core"
                    + " `SettingsPipeline` and jOOQ `NearestNeighbors.settings(...)` the same, Hibernate"
                    + " `VectorSearch.settings(...)` in a transaction of its own, Spring Data `findNearest` in a context"
                    + " with `vectororm.search.ef-search=40`. *Batch* paths send the 100 probes as one `vector[]` in one"
                    + " statement (vector-core `BatchSearch`, one lateral index scan per probe); the Hibernate and Spring"
                    + " batches then load the entities found in one more statement, and compare with 100 raw whole-row"
                    + " queries."),
    /** Exact top-10 by a sequential scan, with 0, 1 and 2 parallel workers. */
    KNN_EXACT_PARALLEL("Exact top-10 over 50k x 768-d: parallel workers 0, 1, 2 (cosine)", Measure.LATENCY_PERCENTILES,
            null,
            "`SearchSettings.exact(true).parallelWorkers(n)` through vector-core's `SettingsPipeline` on the 50k x 768-d"
                    + " k-NN table (no index: a sequential scan computes all 50k distances, a top-N sort keeps 10); the"
                    + " baseline is raw JDBC with `enable_indexscan = off` and `max_parallel_workers_per_gather = 0` set"
                    + " by `set_config` in the same statement. The plans below the table come from `EXPLAIN (ANALYZE)`"
                    + " of the same settings, run once outside the timing. The machine has 2 cores, shared by the"
                    + " benchmark JVM, the leader backend and its workers.");

    private final String title;
    private final Measure measure;
    private final String rowsParameter;
    private final String method;

    Suite(String title, Measure measure, String rowsParameter, String method) {
        this.title = title;
        this.measure = measure;
        this.rowsParameter = rowsParameter;
        this.method = method;
    }

    /** @return the heading of the suite's table */
    public String title() {
        return title;
    }

    /** @return how the suite's numbers are presented and compared */
    public Measure measure() {
        return measure;
    }

    /** @return how the suite measures, in a few sentences of Markdown for the report */
    public String method() {
        return method;
    }

    /**
     * @return the JMH parameter holding the number of rows one invocation handles (for rows/s), or
     *     {@code null} for suites measured per operation
     */
    public String rowsParameter() {
        return rowsParameter;
    }

    /** How a suite's numbers are presented; every ratio reads "times as fast as the raw baseline". */
    public enum Measure {
        /** JMH average time per operation; ratio = baseline time / time. */
        TIME_PER_OPERATION,
        /** JMH single-shot time of a whole load or read, shown as rows/s; ratio = rows/s / baseline rows/s. */
        ROWS_PER_SECOND,
        /** JMH sample time: median and p99 latency; ratios = baseline latency / latency, per percentile. */
        LATENCY_PERCENTILES
    }
}
