package io.github.vectororm.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Builds vector indexes with progress reporting and build settings, reports their size, and rebuilds IVFFlat
 * indexes whose data has drifted.
 *
 * <p>The build runs on one connection while a second polls {@code pg_stat_progress_create_index} and hands
 * each change to a callback: the phase ({@code building index: loading tuples}, ...), blocks and tuples done
 * of total. The blocking {@code CREATE INDEX} runs on the {@linkplain #executor(Executor) caller's executor} or a
 * daemon thread of its own, never a shared pool; polling and callbacks stay on the calling thread, and interrupting
 * it cancels the build on the server. {@code maintenance_work_mem} and {@code max_parallel_maintenance_workers}
 * apply to the build connection only and are reset afterwards (a failure of that reset never hides the build's own).
 * Only invalid indexes are ever dropped: the one a failed or cancelled {@code CONCURRENTLY} build left, and a leftover
 * of the declared name that {@code IF NOT EXISTS} would otherwise keep; a build never reports an invalid index as done.
 *
 * <p>Before any DDL the declaration is {@linkplain #verify(Connection, IndexDefinition) checked against the live
 * catalog}. On a partitioned table ({@code PARTITION BY}) the index is a partitioned index: PostgreSQL builds one
 * index per partition (and for every partition attached or created later), progress counts the partitions, and the
 * result reports each partition's index size. PostgreSQL refuses {@code CREATE INDEX CONCURRENTLY} there, so a
 * {@code concurrently()} declaration takes the manual route: the index {@code ON ONLY} the parent, each partition's
 * index built concurrently and attached to it (one level of partitioning; a sub-partitioned table is refused).
 *
 * @since 0.1.0
 */
public final class IndexBuilder {

    private final DataSource dataSource;
    private IndexBuildSettings settings = IndexBuildSettings.SERVER_DEFAULTS;
    private Duration pollInterval = Duration.ofMillis(200);
    private Executor executor;

    private IndexBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /**
     * Starts an index builder on this DataSource.
     *
     * @param dataSource where to take the build and the progress connections from
     * @return a builder with server defaults
     */
    public static IndexBuilder using(DataSource dataSource) {
        return new IndexBuilder(dataSource);
    }

    /**
     * Sets {@code maintenance_work_mem} for the build.
     *
     * @param memory e.g. {@code 1GB}; HNSW builds much faster when the graph fits in it
     * @return this builder
     */
    public IndexBuilder maintenanceWorkMem(String memory) {
        this.settings = settings.maintenanceWorkMem(memory);
        return this;
    }

    /**
     * Sets {@code max_parallel_maintenance_workers} for the build.
     *
     * @param workers parallel workers for the build, 0 to 64
     * @return this builder
     */
    public IndexBuilder parallelWorkers(int workers) {
        this.settings = settings.parallelWorkers(workers);
        return this;
    }

    /**
     * Sets how often the build's progress is polled.
     *
     * @param interval how often progress is polled (default 200 ms)
     * @return this builder
     */
    public IndexBuilder pollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
        this.pollInterval = interval;
        return this;
    }

    /**
     * Sets where the blocking {@code CREATE INDEX} statements run, which can take minutes each. Without one, each
     * statement gets a daemon thread of its own, named {@code vectororm-index-build <index name>}; a shared pool such
     * as {@code ForkJoinPool.commonPool()} is never used. Either way the calling thread polls the progress and calls
     * the progress callback, and interrupting it cancels the build on the server.
     *
     * @param executor runs one task per {@code CREATE INDEX} (on the {@code ON ONLY} route one per partition); it must
     *        run each task soon (the build waits for it) and may reject it ({@link Executor#execute}'s exception then
     *        ends the build)
     * @return this builder
     * @since 0.1.0
     */
    public IndexBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Progress of a build, as {@code pg_stat_progress_create_index} reports it. On a partitioned table the
     * blocks and tuples are those of the partition being built, which restart at each partition. Within one phase
     * the blocks and tuples done never decrease, so a progress bar never jumps back: the server's raw
     * {@code blocks_done} reads {@code blocks_total} while the heap scan is on its first block (PostgreSQL's
     * {@code heapam_scan_get_blocks_done} counts current block = start block as a full wrap-around) and then
     * restarts at 1; that one raw value is held back (the previous count stays) until the phase ends. A new phase
     * starts its counts afresh.
     *
     * @param phase the server's phase name, {@code partition index attached} or {@code partition index already
     *        attached} (on the {@code ON ONLY} route of a concurrent build on a partitioned table), or {@code done}
     * @param blocksDone heap blocks processed in this phase
     * @param blocksTotal heap blocks to process in this phase
     * @param tuplesDone tuples processed in this phase
     * @param tuplesTotal tuples to process in this phase
     * @param partitionsDone partitions whose index is built (0 for a plain table)
     * @param partitionsTotal partitions to build (0 for a plain table)
     * @param done whether the build has finished
     * @since 0.1.0
     */
    public record Progress(String phase, long blocksDone, long blocksTotal, long tuplesDone, long tuplesTotal,
            long partitionsDone, long partitionsTotal, boolean done) {

        /**
         * Progress of a build on a plain (not partitioned) table.
         *
         * @param phase the server's phase name, or {@code done}
         * @param blocksDone heap blocks processed in this phase
         * @param blocksTotal heap blocks to process in this phase
         * @param tuplesDone tuples processed in this phase
         * @param tuplesTotal tuples to process in this phase
         * @param done whether the build has finished
         * @since 0.1.0
         */
        public Progress(String phase, long blocksDone, long blocksTotal, long tuplesDone, long tuplesTotal, boolean done) {
            this(phase, blocksDone, blocksTotal, tuplesDone, tuplesTotal, 0, 0, done);
        }

        /**
         * The fraction done: of this phase by blocks (else tuples), and on a partitioned table of the whole build
         * (partitions done plus the current partition's phase fraction, over all partitions).
         *
         * @return the fraction, in [0, 1]
         * @since 0.1.0
         */
        public double fraction() {
            if (done) {
                return 1.0;
            }
            double phase = blocksTotal > 0 ? Math.min(1.0, blocksDone / (double) blocksTotal)
                    : tuplesTotal > 0 ? Math.min(1.0, tuplesDone / (double) tuplesTotal) : 0.0;
            return partitionsTotal > 0 ? Math.min(1.0, (partitionsDone + phase) / partitionsTotal) : phase;
        }
    }

    /**
     * The index of one partition, which PostgreSQL creates for a partitioned index and names after the partition.
     *
     * @param partition the partition (a table), as {@code regclass} text
     * @param index the partition's index, as {@code regclass} text
     * @param sizeBytes its size on disk
     * @since 0.1.0
     */
    public record PartitionIndex(String partition, String index, long sizeBytes) {
    }

    /**
     * What a build produced.
     *
     * @param name the index name
     * @param sizeBytes the index size on disk; for a partitioned index, the sum over its partitions' indexes
     * @param duration how long the build took
     * @param partitions the partitions' indexes of a partitioned index; empty for a plain table
     * @since 0.1.0
     */
    public record Result(String name, long sizeBytes, Duration duration, List<PartitionIndex> partitions) {

        /**
         * A build on a plain table.
         *
         * @param name the index name
         * @param sizeBytes the index size on disk
         * @param duration how long the build took
         * @since 0.1.0
         */
        public Result(String name, long sizeBytes, Duration duration) {
            this(name, sizeBytes, duration, List.of());
        }

        /**
         * Copies the partition list.
         *
         * @param name the index name
         * @param sizeBytes the index size on disk
         * @param duration how long the build took
         * @param partitions the partitions' indexes
         * @since 0.1.0
         */
        public Result {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * Builds an index, reporting progress until it is done. A {@code concurrently()} declaration on a partitioned
     * table is built without ever blocking writes for the whole build: the index is created {@code ON ONLY} the
     * parent (invalid at first), each partition's index is built {@code CONCURRENTLY} and attached to it, and the
     * parent index is checked to be valid once all are attached; partitions whose index is already attached are
     * skipped, so a rerun after a failure continues where it stopped.
     *
     * @param index the index to build
     * @param progress called with each change of progress (on the {@code ON ONLY} route with {@code partitionsDone}
     *        of {@code partitionsTotal} counted by the builder) and finally with {@code done}
     * @return the index name, size and build time
     * @throws SQLException if the build fails (a CONCURRENTLY build leaves an invalid index behind, which is dropped;
     *         on the {@code ON ONLY} route, that of the failed partition only, and the message says which stay attached),
     *         if the index ends up invalid, if another session is building an index of that name, or if the calling
     *         thread is interrupted (the build is cancelled on the server and the interrupt flag set again)
     */
    public Result build(IndexDefinition index, Consumer<Progress> progress) throws SQLException {
        long start = System.nanoTime();
        try (Connection build = dataSource.getConnection(); Connection watch = dataSource.getConnection()) {
            build.setAutoCommit(true);
            PgVectorExtension.require(build, index.requiredFeatures());
            String relkind = IndexDeclarationCheck.check(build, index, true);
            if ("p".equals(relkind) && ShardedIndexBuild.hasForeignLeaves(build, index.table())) {
                throw new VectorValidationException(index.table() + " has postgres_fdw foreign partitions, on which"
                        + " PostgreSQL cannot create an index from the coordinator: build it on each shard with"
                        + " buildOnShards(index, shardDataSources, progress)");
            }
            WatchedStatement statement = new WatchedStatement(pollInterval, executor);
            if (index.concurrently() && "p".equals(relkind)) {
                return new PartitionedConcurrentBuild(settings, statement).build(build, watch, index, progress, start);
            }
            // an invalid partitioned index is the ON ONLY route's unfinished parent: dropping it would drop the
            // partitions' indexes attached to it, so only the check after the build speaks of it
            boolean existed = !"p".equals(relkind) && InvalidIndexes.clearLeftover(build, index);
            int pid = IndexProgressReporter.backendPid(build);
            settings.during(build, () -> {
                try {
                    statement.run(build, watch, pid, index.createSql(), index.name(), progress, -1, -1);
                } catch (SQLException e) {
                    if (index.concurrently() && !existed) {
                        InvalidIndexes.dropAfterFailure(watch, index, e); // an interrupted build has ended by now
                    }
                    throw e;
                }
                return null;
            });
            if (!Boolean.TRUE.equals(InvalidIndexes.validity(watch, IndexCatalog.indexName(index)))) {
                throw new SQLException("index build of " + index.name() + ": the index " + IndexCatalog.indexName(index)
                        + " on " + index.table() + " exists but is not valid (pg_index.indisvalid), and IF NOT EXISTS kept"
                        + " it instead of building; an index created ON ONLY a partitioned table becomes valid once every"
                        + " partition's index is attached (build the declaration with concurrently() to continue that),"
                        + " else drop it and build again");
            }
            List<PartitionIndex> partitions = IndexCatalog.partitionIndexes(watch, index);
            progress.accept(new Progress("done", 0, 0, 0, 0, partitions.size(), partitions.size(), true));
            return new Result(index.name(), IndexCatalog.sizeBytes(watch, index), Duration.ofNanos(System.nanoTime() - start),
                    partitions);
        }
    }

    /**
     * An index that {@link #buildOnShards} built for one leaf partition, on the server holding its rows.
     *
     * @param partition the leaf partition on the coordinator, quoted and schema-qualified
     * @param server its foreign server, or {@code null} for a local partition (built on the coordinator)
     * @param result the build on that server: the index's name there, its size and build time
     * @since 0.1.0
     */
    public record ShardIndex(String partition, String server, Result result) {
    }

    /**
     * Builds the index on every shard of a partitioned table whose partitions are {@code postgres_fdw} foreign
     * tables, each over the shard's own connection: PostgreSQL refuses {@code CREATE INDEX} on a partitioned table
     * with foreign partitions, and an index on a foreign table would not exist on the shard anyway. This builder's
     * DataSource is the coordinator's: it reads the leaf partitions, each foreign one's server and the table it reads
     * there ({@code schema_name}/{@code table_name} options, else its own name); each leaf's index is this declaration
     * {@linkplain IndexDefinition#on(String, String) on that table}, named as a declaration on that table would be by
     * default, built by an {@code IndexBuilder} with this one's settings on the shard's DataSource (checked against the
     * shard's catalog first; {@code IF NOT EXISTS}, so a rerun after a failure continues with the shards still
     * missing it). A local leaf is built on the coordinator. Shards are built one after another; progress counts
     * the leaves as partitions.
     *
     * @param index the index as declared on the partitioned table (on the coordinator)
     * @param shards a DataSource to each foreign server's database, by the server's name ({@code pg_foreign_server});
     *        the coordinator cannot lend its user mappings' credentials, so the application supplies them
     * @param progress called with each change of progress and finally with {@code done}
     * @return one entry a leaf partition, in name order
     * @throws VectorValidationException if the table is not partitioned or a foreign server has no DataSource
     * @throws SQLException if a build fails; the shards built before it keep their index
     * @since 0.1.0
     */
    public List<ShardIndex> buildOnShards(IndexDefinition index, java.util.Map<String, DataSource> shards,
            Consumer<Progress> progress) throws SQLException {
        return ShardedIndexBuild.build(this, dataSource, index, shards, progress);
    }

    /** This builder's settings on another DataSource. */
    IndexBuilder copyFor(DataSource other) {
        IndexBuilder copy = new IndexBuilder(other);
        copy.settings = settings;
        copy.pollInterval = pollInterval;
        copy.executor = executor;
        return copy;
    }

    /**
     * Rebuilds an IVFFlat index with {@code lists} recomputed from the table's current row count (pgvector's
     * guidance: rows / 1000 up to 1M rows, sqrt(rows) above). The new index is built concurrently under a temporary
     * name ({@code <name>_rebuild}, quoted, cut to 63 bytes) while the old one keeps serving queries, then swapped in
     * within one transaction: the old index dropped and the new one renamed to its name. Other sessions see the old
     * index until that commit and the new one after it, never neither; the swap holds the table's
     * {@code ACCESS EXCLUSIVE} lock for that moment (a {@code lock_timeout} on the connections bounds its wait). If the
     * swap fails, it is rolled back, the old index stays as it was and the new one is dropped. An invalid index under
     * the temporary name, left by an interrupted rebuild, is dropped first; a valid one is refused.
     *
     * @param index the existing IVFFlat index as declared
     * @param progress build progress callback
     * @return the new definition (same name, new lists)
     * @throws VectorValidationException if the index is not IVFFlat, or a valid index already has the temporary name
     * @throws SQLException on a database error; if the swap failed, the message says the old index stayed
     */
    public IndexDefinition rebuildIvfflat(IndexDefinition index, Consumer<Progress> progress) throws SQLException {
        return new IvfflatRebuild(dataSource, this).rebuild(index, progress);
    }

    /**
     * The on-disk size of an index; for a partitioned index (which has no storage of its own), the sum over the
     * indexes of its partitions.
     *
     * @param connection a connection
     * @param index the index
     * @return bytes, or 0 if the index does not exist
     * @throws SQLException on a database error
     */
    public static long sizeBytes(Connection connection, IndexDefinition index) throws SQLException {
        return IndexCatalog.sizeBytes(connection, index);
    }

    /**
     * The indexes PostgreSQL created on each partition for a partitioned index (at any depth of sub-partitioning),
     * ordered by partition.
     *
     * @param connection a connection
     * @param index the index as declared on the partitioned table
     * @return one entry a leaf partition; empty for an index on a plain table or one that does not exist
     * @throws SQLException on a database error
     * @since 0.1.0
     */
    public static List<PartitionIndex> partitionIndexes(Connection connection, IndexDefinition index) throws SQLException {
        return IndexCatalog.partitionIndexes(connection, index);
    }

    /**
     * Checks a declaration against the live catalog before any DDL runs: the table exists; {@code CONCURRENTLY}
     * on a partitioned table is asked only where {@link #build} can build it (every partition a plain table, not
     * itself partitioned); the indexed column exists with a type the
     * expression accepts; and the declared dimensions are the column's (a subvector at most the column's), so a
     * declaration cannot silently disagree with the column (a {@code binary_quantize(...)::bit(n)} of another
     * length would pad or truncate, and an empty table accepts any cast). Unconstrained columns ({@code vector}
     * without a dimension) are not checked for dimensions. {@link #build} runs this first.
     *
     * @param connection a connection whose search path resolves the table as the DDL would
     * @param index the declaration
     * @throws VectorValidationException naming the table, column, expected and actual value
     * @throws SQLException on a database error
     * @since 0.1.0
     */
    public static void verify(Connection connection, IndexDefinition index) throws SQLException {
        IndexDeclarationCheck.check(connection, index);
    }
}
