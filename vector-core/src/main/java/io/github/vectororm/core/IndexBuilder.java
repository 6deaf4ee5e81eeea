package io.github.vectororm.core;

import io.github.vectororm.core.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Builds vector indexes with progress reporting and build settings, reports their size, and rebuilds IVFFlat
 * indexes whose data has drifted.
 *
 * <p>The build runs on one connection while a second polls {@code pg_stat_progress_create_index} and hands
 * each change to a callback: the phase ({@code building index: loading tuples}, ...), blocks and tuples done
 * of total. {@code maintenance_work_mem} and {@code max_parallel_maintenance_workers} apply to the build
 * connection only and are reset afterwards.
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

    private static final Pattern MEMORY = Pattern.compile("\\d+\\s*(kB|MB|GB|TB)");

    private final DataSource dataSource;
    private String maintenanceWorkMem;
    private Integer parallelWorkers;
    private Duration pollInterval = Duration.ofMillis(200);

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
        if (memory == null || !MEMORY.matcher(memory.strip()).matches()) {
            throw new VectorValidationException("maintenance_work_mem must look like 512MB or 2GB, not " + memory);
        }
        this.maintenanceWorkMem = memory.strip().replace(" ", "");
        return this;
    }

    /**
     * Sets {@code max_parallel_maintenance_workers} for the build.
     *
     * @param workers parallel workers for the build, 0 to 64
     * @return this builder
     */
    public IndexBuilder parallelWorkers(int workers) {
        if (workers < 0 || workers > 64) {
            throw new VectorValidationException("max_parallel_maintenance_workers must be 0 to 64, not " + workers);
        }
        this.parallelWorkers = workers;
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
     *         on the {@code ON ONLY} route, that of the failed partition only, and the message says which stay attached)
     */
    public Result build(IndexDefinition index, Consumer<Progress> progress) throws SQLException {
        long start = System.nanoTime();
        try (Connection build = dataSource.getConnection(); Connection watch = dataSource.getConnection()) {
            build.setAutoCommit(true);
            PgVectorExtension.require(build, index.requiredFeatures());
            String relkind = check(build, index);
            if (index.concurrently() && "p".equals(relkind)) {
                return buildOnOnly(build, watch, index, progress, start);
            }
            int pid = backendPid(build);
            applySettings(build);
            try {
                watched(build, watch, pid, index.createSql(), index.name(), progress, -1, -1);
            } catch (Cancelled e) {
                throw e;
            } catch (SQLException e) {
                if (index.concurrently()) {
                    dropAfterFailure(watch, index.dropSql(), e);
                }
                throw e;
            } finally {
                resetSettings(build);
            }
            List<PartitionIndex> partitions = partitionIndexes(watch, index);
            progress.accept(new Progress("done", 0, 0, 0, 0, partitions.size(), partitions.size(), true));
            return new Result(index.name(), sizeBytes(watch, index), Duration.ofNanos(System.nanoTime() - start), partitions);
        }
    }

    private Result buildOnOnly(Connection build, Connection watch, IndexDefinition index, Consumer<Progress> progress,
            long start) throws SQLException {
        String parentIndex = indexName(index);
        List<Partition> partitions = partitions(build, index);
        int total = partitions.size();
        int pid = backendPid(build);
        applySettings(build);
        List<String> attached = new ArrayList<>();
        try {
            executeOrThrow(build, index.createOnOnlySql());
            for (Partition partition : partitions) {
                if (hasAttachedIndex(build, parentIndex, partition)) {
                    attached.add(partition.display());
                    progress.accept(new Progress("partition index already attached", 0, 0, 0, 0, attached.size(), total, false));
                    continue;
                }
                IndexDefinition own = index.on(partition.qualifiedName(), partitionIndexName(partition, index));
                String ownIndex = indexName(own);
                dropIfInvalid(build, own, ownIndex);
                try {
                    watched(build, watch, pid, own.createSql(), own.name(), progress, attached.size(), total);
                } catch (Cancelled e) {
                    throw e;
                } catch (SQLException e) {
                    dropAfterFailure(watch, own.dropSql(), e);
                    throw new SQLException("index build of " + index.name() + ": the concurrent build of " + ownIndex
                            + " on partition " + partition.display() + " failed (" + e.getMessage() + "); its invalid index"
                            + " was dropped; " + (attached.isEmpty() ? "no partition's index is attached yet"
                                    : "the indexes of " + attached + " stay attached")
                            + ", and the parent index " + parentIndex + " stays invalid until every partition's index is"
                            + " attached: run the build again to continue (IF NOT EXISTS keeps what exists)",
                            e.getSQLState(), e);
                }
                executeOrThrow(build, "ALTER INDEX " + parentIndex + " ATTACH PARTITION " + ownIndex);
                attached.add(partition.display());
                progress.accept(new Progress("partition index attached", 0, 0, 0, 0, attached.size(), total, false));
            }
        } finally {
            resetSettings(build);
        }
        if (!Boolean.TRUE.equals(validity(watch, parentIndex))) {
            throw new SQLException("index build of " + index.name() + ": the parent index " + parentIndex + " on "
                    + index.table() + " is not valid (pg_index.indisvalid) after attaching the indexes of all " + total
                    + " partitions " + attached + "; a partition may have been added meanwhile: run the build again");
        }
        List<PartitionIndex> partitionIndexes = partitionIndexes(watch, index);
        progress.accept(new Progress("done", 0, 0, 0, 0, total, total, true));
        return new Result(index.name(), sizeBytes(watch, index), Duration.ofNanos(System.nanoTime() - start), partitionIndexes);
    }

    /** Runs one CREATE INDEX on the build connection while polling its progress on the watch connection. */
    private void watched(Connection build, Connection watch, int pid, String sql, String name, Consumer<Progress> progress,
            long partitionsDone, long partitionsTotal) throws SQLException {
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> execute(build, sql));
        Progress last = null;
        try {
            while (!running.isDone()) {
                Progress now = poll(watch, pid);
                now = monotonic(last, now);
                if (now != null && partitionsTotal >= 0) {
                    now = new Progress(now.phase(), now.blocksDone(), now.blocksTotal(), now.tuplesDone(), now.tuplesTotal(),
                            partitionsDone, partitionsTotal, false);
                }
                if (now != null && !now.equals(last)) {
                    progress.accept(now);
                    last = now;
                }
                try {
                    running.get(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still building: poll again
                }
            }
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(watch, pid);
            throw new Cancelled("index build of " + name + " interrupted and cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException wrapped
                    && wrapped.getCause() != null ? wrapped.getCause() : e.getCause();
            throw cause instanceof SQLException failure ? failure
                    : new SQLException("index build of " + name + " failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * Makes blocks and tuples done never fall within one phase. PostgreSQL's heap scan progress
     * ({@code heapam_scan_get_blocks_done}) reports {@code blocks_done = blocks_total} while the scan is still on its
     * first block (its current block equals its start block, which it counts as a full wrap-around), then 1, 2, ...:
     * a raw poll at that moment reads the phase as complete and the next one jumps back. A raw {@code blocks_done}
     * equal to {@code blocks_total} is therefore not taken until the phase ends (the previous value stays), and
     * within a phase no count is reported below one reported before.
     */
    static Progress monotonic(Progress last, Progress now) {
        if (now == null) {
            return null;
        }
        boolean samePhase = last != null && last.phase().equals(now.phase()) && !last.done();
        long previousBlocks = samePhase ? last.blocksDone() : 0;
        long blocks = now.blocksTotal() > 0 && now.blocksDone() >= now.blocksTotal() ? previousBlocks
                : Math.max(previousBlocks, now.blocksDone());
        long tuples = samePhase ? Math.max(last.tuplesDone(), now.tuplesDone()) : now.tuplesDone();
        return new Progress(now.phase(), blocks, now.blocksTotal(), tuples, now.tuplesTotal(), now.partitionsDone(),
                now.partitionsTotal(), now.done());
    }

    /** An interrupted build, cancelled on the server. */
    private static final class Cancelled extends SQLException {
        private static final long serialVersionUID = 1L;

        Cancelled(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A leaf partition, with its name quoted from the catalog and its regclass text for messages. */
    private record Partition(long oid, String schema, String name, String display, String relkind) {
        String qualifiedName() {
            return quote(schema) + "." + quote(name);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * The name of a partition's index: partition and index name joined, cut to PostgreSQL's 63 bytes on a character
     * boundary with a hash of the whole so that distinct long names stay distinct, always quoted.
     */
    private static String partitionIndexName(Partition partition, IndexDefinition index) {
        String raw = partition.name() + "_" + Identifiers.bareName(index.name());
        if (raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            String hash = "_" + Integer.toHexString(raw.hashCode() & 0xfffffff);
            StringBuilder cut = new StringBuilder();
            int bytes = 0;
            for (int i = 0; i < raw.length(); ) {
                int cp = raw.codePointAt(i);
                int size = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (bytes + size > 63 - hash.length()) {
                    break;
                }
                cut.appendCodePoint(cp);
                bytes += size;
                i += Character.charCount(cp);
            }
            raw = cut + hash;
        }
        return quote(raw);
    }

    private static List<Partition> partitions(Connection connection, IndexDefinition index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.oid, n.nspname, c.relname,"
                + " c.oid::regclass::text, c.relkind FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.inhparent = to_regclass(?) ORDER BY 4")) {
            statement.setString(1, Identifiers.qualifiedName("table", index.table()));
            List<Partition> partitions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    partitions.add(new Partition(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return partitions;
        }
    }

    private static boolean hasAttachedIndex(Connection connection, String parentIndex, Partition partition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_inherits h"
                + " JOIN pg_index x ON x.indexrelid = h.inhrelid WHERE h.inhparent = to_regclass(?) AND x.indrelid = ?)")) {
            statement.setString(1, parentIndex);
            statement.setLong(2, partition.oid());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** @return {@code pg_index.indisvalid} of the index, or {@code null} if it does not exist */
    private static Boolean validity(Connection connection, String index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            statement.setString(1, index);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /** A partition's index left invalid by an earlier run that did not get to drop it would be skipped by IF NOT EXISTS. */
    private static void dropIfInvalid(Connection connection, IndexDefinition own, String ownIndex) throws SQLException {
        if (Boolean.FALSE.equals(validity(connection, ownIndex))) {
            executeOrThrow(connection, own.dropSql());
        }
    }

    private static void dropAfterFailure(Connection watch, String dropSql, SQLException failure) {
        try {
            executeOrThrow(watch, dropSql);
        } catch (SQLException dropFailed) {
            failure.addSuppressed(dropFailed);
        }
    }

    /**
     * Rebuilds an IVFFlat index with {@code lists} recomputed from the table's current row count (pgvector's
     * guidance: rows / 1000 up to 1M rows, sqrt(rows) above): builds the new index concurrently under a
     * temporary name, then swaps it in for the old one.
     *
     * @param index the existing IVFFlat index as declared
     * @param progress build progress callback
     * @return the new definition (same name, new lists)
     * @throws SQLException on a database error
     */
    public IndexDefinition rebuildIvfflat(IndexDefinition index, Consumer<Progress> progress) throws SQLException {
        if (index.method() != IndexMethod.IVFFLAT) {
            throw new VectorValidationException(index.name() + " is an " + index.method() + " index; only IVFFlat lists need recomputing");
        }
        long rows;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Identifiers.qualifiedName("table", index.table()))) {
            rs.next();
            rows = rs.getLong(1);
        }
        String temporary = (index.name().length() > 55 ? index.name().substring(0, 55) : index.name()) + "_rebuild";
        IndexDefinition.Builder replacement = IndexDefinition.ivfflat(index.table(), index.expression(), index.metric())
                .lists(IndexDefinition.recommendedLists(rows)).name(temporary).concurrently();
        index.where().ifPresent(replacement::where);
        IndexDefinition built = replacement.build();
        build(built, progress);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(index.dropSql().replace("CONCURRENTLY ", ""));
            s.execute("ALTER INDEX " + Identifiers.schemaPrefix("table", index.table()) + Identifiers.identifier("index", temporary)
                    + " RENAME TO " + Identifiers.identifier("index", index.name()));
        }
        IndexDefinition.Builder result = IndexDefinition.ivfflat(index.table(), index.expression(), index.metric())
                .lists(IndexDefinition.recommendedLists(rows)).name(index.name());
        index.where().ifPresent(result::where);
        return result.build();
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
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce((SELECT sum(pg_relation_size(relid)) FROM pg_partition_tree(r)), pg_relation_size(r), 0)"
                        + " FROM to_regclass(?) r")) {
            statement.setString(1, indexName(index));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
        try (PreparedStatement statement = connection.prepareStatement("SELECT i.indrelid::regclass::text,"
                + " t.relid::regclass::text, pg_relation_size(t.relid) FROM pg_partition_tree(to_regclass(?)) t"
                + " JOIN pg_index i ON i.indexrelid = t.relid WHERE t.isleaf AND t.level > 0 ORDER BY 1")) {
            statement.setString(1, indexName(index));
            List<PartitionIndex> partitions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    partitions.add(new PartitionIndex(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return partitions;
        }
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
        check(connection, index);
    }

    /** {@link #verify}, returning the table's relkind. */
    private static String check(Connection connection, IndexDefinition index) throws SQLException {
        IndexedExpression expression = index.expression();
        String target = Identifiers.bareName(index.table()) + "." + Identifiers.bareName(expression.column());
        String relkind;
        String columnType = null;
        int typmod = -1;
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relkind, t.typname, a.atttypmod"
                + " FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = ? AND a.attnum > 0"
                + " AND NOT a.attisdropped LEFT JOIN pg_type t ON t.oid = a.atttypid WHERE c.oid = to_regclass(?)")) {
            statement.setString(1, Identifiers.bareName(expression.column()));
            statement.setString(2, Identifiers.qualifiedName("table", index.table()));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new VectorValidationException("index on " + target + ": table " + index.table()
                            + " does not exist (not found on the search path)");
                }
                relkind = rs.getString(1);
                columnType = rs.getString(2);
                typmod = rs.getInt(3);
            }
        }
        if (index.concurrently() && "p".equals(relkind)) {
            for (Partition partition : partitions(connection, index)) {
                if (!"r".equals(partition.relkind())) {
                    throw new VectorValidationException("index on " + target + ": table " + index.table() + " is partitioned"
                            + " and its partition " + partition.display() + " is " + ("p".equals(partition.relkind())
                                    ? "itself partitioned (relkind 'p')" : "not a table (relkind '" + partition.relkind() + "')")
                            + "; PostgreSQL cannot CREATE INDEX CONCURRENTLY on a partitioned table, and IndexBuilder builds"
                            + " one level of partitions concurrently (ON ONLY the parent, then each partition's index"
                            + " attached); build it without concurrently (writes to each partition wait while its index is"
                            + " built)");
                }
            }
        }
        if (!"r".equals(relkind) && !"p".equals(relkind) && !"m".equals(relkind)) {
            throw new VectorValidationException("index on " + target + ": " + index.table() + " is not a table"
                    + " (relkind '" + relkind + "')");
        }
        if (columnType == null) {
            throw new VectorValidationException("index on " + target + ": table " + index.table() + " has no column "
                    + expression.column());
        }
        Set<String> accepted = expression.columnTypes();
        if (!accepted.contains(columnType)) {
            throw new VectorValidationException("index on " + target + ": the expression " + expression.sql()
                    + " needs a column of type " + String.join(" or ", new java.util.TreeSet<>(accepted)) + ", column "
                    + target + " is " + columnType);
        }
        if (typmod > 0) {
            boolean fits = expression instanceof IndexedExpression.Subvector ? expression.dimensions() <= typmod
                    : expression.dimensions() == typmod;
            if (!fits) {
                throw new VectorValidationException("index on " + target + ": the declaration says "
                        + (expression instanceof IndexedExpression.Subvector ? "a subvector of " : "")
                        + expression.dimensions() + " dimensions (" + expression.sql() + "), column " + target + " is "
                        + columnType + "(" + typmod + ")");
            }
        }
        return relkind;
    }

    private static String indexName(IndexDefinition index) {
        return Identifiers.schemaPrefix("table", index.table()) + Identifiers.identifier("index", index.name());
    }

    private void applySettings(Connection build) throws SQLException {
        try (PreparedStatement statement = build.prepareStatement("SELECT set_config(?, ?, false)")) {
            if (maintenanceWorkMem != null) {
                statement.setString(1, "maintenance_work_mem");
                statement.setString(2, maintenanceWorkMem);
                statement.execute();
            }
            if (parallelWorkers != null) {
                statement.setString(1, "max_parallel_maintenance_workers");
                statement.setString(2, parallelWorkers.toString());
                statement.execute();
            }
        }
    }

    private static void resetSettings(Connection build) throws SQLException {
        if (!build.isClosed()) {
            execute(build, "RESET maintenance_work_mem");
            execute(build, "RESET max_parallel_maintenance_workers");
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Progress poll(Connection watch, int pid) throws SQLException {
        try (PreparedStatement statement = watch.prepareStatement("SELECT phase, blocks_done, blocks_total, tuples_done,"
                + " tuples_total, partitions_done, partitions_total FROM pg_stat_progress_create_index WHERE pid = ?")) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new Progress(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), false) : null;
            }
        }
    }

    private static void cancel(Connection watch, int pid) {
        try (PreparedStatement statement = watch.prepareStatement("SELECT pg_cancel_backend(?)")) {
            statement.setInt(1, pid);
            statement.execute();
        } catch (SQLException e) {
            // the build ends with its connection anyway
        }
    }

    private static void executeOrThrow(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
