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
 * result reports each partition's index size. {@code CONCURRENTLY} is refused there, as PostgreSQL refuses it.
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
     * @param dataSource where to take the build and the progress connections from
     * @return a builder with server defaults
     */
    public static IndexBuilder using(DataSource dataSource) {
        return new IndexBuilder(dataSource);
    }

    /**
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
     * blocks and tuples are those of the partition being built, which restart at each partition.
     *
     * @param phase the server's phase name, or {@code done}
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
     * Builds an index, reporting progress until it is done.
     *
     * @param index the index to build
     * @param progress called with each change of progress and finally with {@code done}
     * @return the index name, size and build time
     * @throws SQLException if the build fails (a CONCURRENTLY build leaves an invalid index behind, which is dropped)
     */
    public Result build(IndexDefinition index, Consumer<Progress> progress) throws SQLException {
        long start = System.nanoTime();
        try (Connection build = dataSource.getConnection(); Connection watch = dataSource.getConnection()) {
            build.setAutoCommit(true);
            PgVectorExtension.require(build, index.requiredFeatures());
            verify(build, index);
            int pid = backendPid(build);
            applySettings(build);
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> execute(build, index.createSql()));
            Progress last = null;
            try {
                while (!running.isDone()) {
                    Progress now = poll(watch, pid);
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
                throw new SQLException("index build of " + index.name() + " interrupted and cancelled", e);
            } catch (ExecutionException e) {
                if (index.concurrently()) {
                    execute(watch, index.dropSql());
                }
                Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : e.getCause();
                throw cause instanceof SQLException sql ? sql
                        : new SQLException("index build of " + index.name() + " failed: " + cause.getMessage(), cause);
            } finally {
                resetSettings(build);
            }
            List<PartitionIndex> partitions = partitionIndexes(watch, index);
            progress.accept(new Progress("done", 0, 0, 0, 0, partitions.size(), partitions.size(), true));
            return new Result(index.name(), sizeBytes(watch, index), Duration.ofNanos(System.nanoTime() - start), partitions);
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
     * is not asked of a partitioned table (PostgreSQL refuses it); the indexed column exists with a type the
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
            throw new VectorValidationException("index on " + target + ": table " + index.table() + " is partitioned"
                    + " (relkind 'p'), and PostgreSQL cannot CREATE INDEX CONCURRENTLY on a partitioned table; build it"
                    + " without concurrently (writes to each partition wait while its index is built), or create it ON ONLY"
                    + " the parent, build each partition's index concurrently and ALTER INDEX ... ATTACH PARTITION it");
        }
        if (!"r".equals(relkind) && !"p".equals(relkind) && !"m".equals(relkind)) {
            throw new VectorValidationException("index on " + target + ": " + index.table() + " is not a table"
                    + " (relkind '" + relkind + "')");
        }
        if (columnType == null) {
            throw new VectorValidationException("index on " + target + ": table " + index.table() + " has no column "
                    + expression.column());
        }
        Set<String> accepted = switch (expression) {
            case IndexedExpression.Column c -> c.type() == VectorType.BIT ? Set.of("bit", "varbit") : Set.of(c.type().sqlName());
            case IndexedExpression.HalfvecCast h -> Set.of("vector", "halfvec", "sparsevec");
            case IndexedExpression.BinaryQuantize q -> Set.of("vector", "halfvec");
            case IndexedExpression.Subvector v -> Set.of("vector", "halfvec");
        };
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

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
