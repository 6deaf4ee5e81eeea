package io.github.vectororm.benchmarks.shards;

import io.github.vectororm.benchmarks.harness.LatentVectors;
import io.github.vectororm.benchmarks.harness.VectorData;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.Hit;
import io.github.vectororm.core.search.PartitionedSearch;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.test.ClusterScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sharded top-10 k-NN on postgres_fdw (issue #15): latency and recall@10 at 1, 2 and 4 shards, for the per-partition
 * form ({@link PartitionedSearch}) against the naive {@code ORDER BY ... LIMIT} on the partitioned parent, and against
 * one node holding the same rows.
 *
 * <p>{@code scripts/shards.sh} starts a coordinator and the shards on loopback (ports of their own, never the shared
 * server); the run stops and removes them at the end, also when it fails. For each shard count {@code n} the same rows
 * ({@link LatentVectors}, the k-NN suite's generator and seed) go through the coordinator ({@code COPY} into a parent
 * hash-partitioned on {@code id} over {@code n} foreign partitions, one a shard), and each shard builds the HNSW
 * cosine index ({@code m = 16, ef_construction = 64}) on its partition over its own connection. One node is the
 * one-shard layout's table queried on its own server, without the coordinator: the same rows and the same index, so
 * the difference to the one-shard rows is the coordinator's hop. Recall@10 is counted against an exact scan of that
 * table ({@code SearchSettings.exact(true)}) for every timed query. The plan column is EXPLAIN's on the coordinator,
 * and for each shard EXPLAIN of the cursor postgres_fdw declares there for the remote SQL.
 *
 * @since 0.1.0
 */
public final class ShardedKnnRun {

    /** Neighbors per query. */
    public static final int K = 10;
    /** The parameter naming the shard counts, comma-separated; empty (the smoke profile's default) skips the run. */
    public static final String COUNTS_PARAMETER = "shardCounts";
    /** The parameter naming the coordinator's port (shard i listens on port + i). */
    public static final String PORT_PARAMETER = "shardsPort";

    private static final Pattern FOREIGN_SCAN = Pattern.compile("Foreign Scan on (?:\\S+\\.)?(\\w+)");

    private ShardedKnnRun() {
    }

    /**
     * What to measure.
     *
     * @param counts shard counts, e.g. 1, 2, 4
     * @param rows rows of every layout
     * @param dimensions vector dimensions
     * @param probes distinct query vectors, each asked once per path and round
     * @param warmUp untimed queries per path before the rounds
     * @param rounds rounds; each path's queries of all rounds are pooled
     * @param port the coordinator's port
     * @param directory the clusters' data directory
     */
    public record Settings(List<Integer> counts, int rows, int dimensions, int probes, int warmUp, int rounds, int port,
            String directory) {

        /**
         * @throws IllegalArgumentException if the counts are not empty and lack 1 (the one-shard layout's table is
         *     also the one node)
         */
        public Settings {
            counts = List.copyOf(counts);
            if (!counts.isEmpty() && !counts.contains(1)) {
                throw new IllegalArgumentException(COUNTS_PARAMETER + " must include 1 (its table is also the one-node"
                        + " reference), not " + counts);
            }
        }

        /**
         * The settings of a run: the profile's sizes (full: 20,000 rows x 384 dimensions, the size of the MiniLM
         * embeddings of the examples, below the ~2 KB at which vectors are TOASTed; 50 probes in 2 rounds, which keeps
         * the run within a few minutes, the naive plan's full scans being most of it), any of them replaced by a parameter of the same name
         * ({@code shardCounts=1,2,4}, {@code shardRows}, {@code shardDimensions}, {@code shardProbes},
         * {@code shardsPort}, {@code shardsDir}).
         *
         * @param full whether this is the full profile (else the smoke profile, which runs only with
         *     {@value #COUNTS_PARAMETER} given)
         * @param parameters the run's parameters
         * @return the settings; {@link #counts()} is empty when the run is off
         */
        public static Settings of(boolean full, Map<String, String> parameters) {
            String counts = parameters.getOrDefault(COUNTS_PARAMETER, full ? "1,2,4" : "");
            int port = Integer.parseInt(parameters.getOrDefault(PORT_PARAMETER, "5470"));
            return new Settings(counts.isBlank() ? List.of()
                    : Arrays.stream(counts.split(",")).map(String::strip).map(Integer::valueOf).toList(),
                    Integer.parseInt(parameters.getOrDefault("shardRows", "20000")),
                    Integer.parseInt(parameters.getOrDefault("shardDimensions", full ? "384" : "32")),
                    Integer.parseInt(parameters.getOrDefault("shardProbes", full ? "50" : "10")),
                    full ? 10 : 2, full ? 2 : 1, port,
                    parameters.getOrDefault("shardsDir", "/var/tmp/vectororm-bench-shards-" + port));
        }
    }

    /** The ways a top-10 is asked. */
    public enum Path {
        /** {@link PartitionedSearch} on the coordinator: one {@code ORDER BY ... LIMIT} per foreign partition. */
        PER_PARTITION("`PartitionedSearch` on the coordinator (per-partition `ORDER BY ... LIMIT 10`, UNION ALL, merged)"),
        /** The query a user writes against the parent. */
        NAIVE("naive: `SELECT id, embedding <=> ? AS distance FROM parent ORDER BY distance LIMIT 10` on the coordinator"),
        /** The same rows in one table on one server, its own HNSW index, no coordinator. */
        ONE_NODE("one node: the same query on a plain table with the same rows and its HNSW index");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        /** @return what the path runs, in Markdown */
        public String label() {
            return label;
        }
    }

    /**
     * One path at one shard count.
     *
     * @param shards shard count (1 for one node)
     * @param path the path
     * @param plan the coordinator's plan and the shards', condensed
     * @param medianMillis median latency
     * @param p99Millis 99th percentile latency
     * @param samples timed queries
     * @param recall mean recall@10 against the exact scan
     * @param minRecall the worst query's recall@10
     */
    public record Figures(int shards, Path path, String plan, double medianMillis, double p99Millis, int samples,
            double recall, double minRecall) {
    }

    /**
     * What the run measured.
     *
     * @param settings what it was asked to measure
     * @param setupSeconds starting the clusters, loading the rows and building the indexes
     * @param figures one per path and shard count; one node once
     */
    public record Report(Settings settings, double setupSeconds, List<Figures> figures) {
    }

    /**
     * Starts the clusters, measures, stops them.
     *
     * @param settings what to measure; {@link Settings#counts()} must not be empty
     * @return the figures
     * @throws Exception if a cluster cannot start (the message of {@code scripts/cluster-prereqs.sh} names what the
     *     machine lacks), a query fails, or a per-partition search is not served by every shard's index
     */
    public static Report measure(Settings settings) throws Exception {
        int max = settings.counts().stream().mapToInt(Integer::intValue).max().orElseThrow();
        Map<String, String> environment = Map.of("SHARDS_COUNT", Integer.toString(max), "SHARDS_PORT",
                Integer.toString(settings.port()), "SHARDS_DIR", settings.directory());
        ClusterScript.run(environment, "shards.sh", "stop"); // whatever an earlier run left
        try {
            long started = System.nanoTime();
            Map<String, String> urls = ClusterScript.values(ClusterScript.run(environment, "shards.sh", "start"));
            Layouts layouts = new Layouts(urls, settings);
            layouts.build();
            double setup = (System.nanoTime() - started) / 1e9;
            return new Report(settings, setup, layouts.measure());
        } finally {
            ClusterScript.run(environment, "shards.sh", "stop");
        }
    }

    /** The tables of every shard count on the running clusters, and the timing. */
    private static final class Layouts {
        private final Map<String, String> urls;
        private final Settings settings;
        private final LatentVectors generator;
        private final float[][] probes;

        Layouts(Map<String, String> urls, Settings settings) {
            this.urls = urls;
            this.settings = settings;
            this.generator = LatentVectors.of(settings.dimensions());
            this.probes = generator.vectors(VectorData.QUERY_SEED, settings.probes());
        }

        static String parent(int shards) {
            return "knn_s" + shards;
        }

        static String partition(int shards, int remainder) {
            return parent(shards) + "_p" + remainder;
        }

        String shardUrl(int shard) {
            return PgVectorTypes.withBinaryTransfer(urls.get("shard" + shard));
        }

        String coordinatorUrl() {
            return PgVectorTypes.withBinaryTransfer(urls.get("coordinator"));
        }

        void build() throws Exception {
            List<IndexDefinition> indexes = new ArrayList<>();
            List<Integer> indexShards = new ArrayList<>();
            try (Connection coordinator = DriverManager.getConnection(coordinatorUrl());
                    Statement s = coordinator.createStatement()) {
                s.execute("CREATE UNLOGGED TABLE staging (id bigint NOT NULL, embedding vector(" + settings.dimensions()
                        + ") NOT NULL)");
                try (VectorCopyWriter writer = VectorCopyWriter.into(coordinator, "staging").column("id", CopyType.BIGINT)
                        .column("embedding", CopyType.VECTOR).open()) {
                    for (long id = 0; id < settings.rows(); id++) {
                        writer.addRow(id, generator.vector(VectorData.ROW_SEED, id));
                    }
                    writer.finish();
                }
            }
            for (int n : settings.counts()) {
                try (Connection coordinator = DriverManager.getConnection(coordinatorUrl());
                        Statement s = coordinator.createStatement()) {
                    s.execute("CREATE TABLE " + parent(n) + " (id bigint NOT NULL, embedding vector(" + settings.dimensions()
                            + ") NOT NULL) PARTITION BY HASH (id)");
                    for (int j = 0; j < n; j++) {
                        try (Connection shard = DriverManager.getConnection(shardUrl(j + 1));
                                Statement t = shard.createStatement()) {
                            t.execute("CREATE TABLE " + partition(n, j) + " (id bigint PRIMARY KEY, embedding vector("
                                    + settings.dimensions() + ") NOT NULL)");
                        }
                        s.execute("CREATE FOREIGN TABLE " + partition(n, j) + " PARTITION OF " + parent(n)
                                + " FOR VALUES WITH (MODULUS " + n + ", REMAINDER " + j + ") SERVER shard" + (j + 1)
                                + " OPTIONS (table_name '" + partition(n, j) + "', batch_size '1000')");
                        indexes.add(IndexDefinition.hnsw(partition(n, j), IndexedExpression.column("embedding",
                                VectorType.VECTOR, settings.dimensions()), Metric.COSINE).m(16).efConstruction(64)
                                .name(partition(n, j) + "_hnsw").build());
                        indexShards.add(j + 1);
                    }
                    // through the coordinator: one INSERT into the parent routes each row to its shard, in batches of
                    // the foreign tables' batch_size (PostgreSQL 15's COPY into a foreign table sends one INSERT a row)
                    int inserted = s.executeUpdate("INSERT INTO " + parent(n) + " SELECT id, embedding FROM staging");
                    if (inserted != settings.rows()) {
                        throw new IllegalStateException(parent(n) + " received " + inserted + " rows, not " + settings.rows());
                    }
                }
            }
            // each shard builds its partitions' indexes over its own connection (DDL on the parent cannot reach them);
            // two at a time, one a core
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> builds = new ArrayList<>();
                for (int i = 0; i < indexes.size(); i++) {
                    IndexDefinition index = indexes.get(i);
                    String url = shardUrl(indexShards.get(i));
                    builds.add(pool.submit(() -> {
                        try (Connection shard = DriverManager.getConnection(url); Statement t = shard.createStatement()) {
                            t.execute("SET maintenance_work_mem = '512MB'");
                            t.execute(index.createSql());
                            t.execute("ANALYZE " + index.table());
                        }
                        return null;
                    }));
                }
                for (Future<?> build : builds) {
                    build.get();
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection coordinator = DriverManager.getConnection(coordinatorUrl());
                    Statement s = coordinator.createStatement()) {
                for (int n : settings.counts()) {
                    s.execute("ANALYZE " + parent(n));
                }
            }
        }

        List<Figures> measure() throws Exception {
            List<Set<Long>> truth = exactAnswers();
            List<Runner> runners = new ArrayList<>();
            try {
                runners.add(new OneNode(this));
                for (int n : settings.counts()) {
                    runners.add(new PerPartition(this, n));
                    runners.add(new Naive(this, n));
                }
                List<List<Double>> latencies = new ArrayList<>();
                List<List<Double>> recalls = new ArrayList<>();
                for (Runner runner : runners) {
                    latencies.add(new ArrayList<>());
                    recalls.add(new ArrayList<>());
                    for (int i = 0; i < settings.warmUp(); i++) {
                        runner.query(probes[i % probes.length]);
                    }
                }
                for (int round = 0; round < settings.rounds(); round++) {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < runners.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(round));
                    for (int index : order) {
                        Runner runner = runners.get(index);
                        for (int p = 0; p < probes.length; p++) {
                            long start = System.nanoTime();
                            List<Long> ids = runner.query(probes[p]);
                            latencies.get(index).add((System.nanoTime() - start) / 1e6);
                            if (ids.size() != K) {
                                throw new IllegalStateException(runner.label() + " returned " + ids.size() + " rows, not "
                                        + K);
                            }
                            Set<Long> expected = truth.get(p);
                            recalls.get(index).add(ids.stream().filter(expected::contains).count() / (double) K);
                        }
                    }
                }
                List<Figures> figures = new ArrayList<>();
                for (int i = 0; i < runners.size(); i++) {
                    Runner runner = runners.get(i);
                    double[] sorted = latencies.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    figures.add(new Figures(runner.shards(), runner.path(), runner.plan(), percentile(sorted, 0.5),
                            percentile(sorted, 0.99), sorted.length,
                            recalls.get(i).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                            recalls.get(i).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
                }
                return figures;
            } finally {
                for (Runner runner : runners) {
                    runner.close();
                }
            }
        }

        /** Exact top 10 of every probe: a sequential scan of the one-shard table on its server. */
        private List<Set<Long>> exactAnswers() throws SQLException {
            SearchSettings exact = SearchSettings.builder().exact(true).build();
            String sql = "SELECT id, embedding <=> ? AS distance FROM " + partition(1, 0) + " ORDER BY distance LIMIT " + K;
            List<Set<Long>> truth = new ArrayList<>();
            try (Connection shard = DriverManager.getConnection(shardUrl(1))) {
                for (float[] probe : probes) {
                    truth.add(new HashSet<>(SettingsPipeline.execute(shard, exact, new SqlQuery(sql,
                            List.of(VectorValues.toParameter(VectorType.VECTOR, probe))), ShardedKnnRun::readIds)));
                }
            }
            return truth;
        }
    }

    /** The first column of every row, as {@code long}. */
    static List<Long> readIds(ResultSet rs) throws SQLException {
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getLong(1));
        }
        return ids;
    }

    static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** One path at one shard count, on a connection of its own. */
    private abstract static class Runner implements AutoCloseable {
        final Layouts layouts;
        final int shards;
        final Connection connection;

        Runner(Layouts layouts, int shards, String url) throws SQLException {
            this.layouts = layouts;
            this.shards = shards;
            this.connection = DriverManager.getConnection(url);
        }

        int shards() {
            return shards;
        }

        abstract Path path();

        String label() {
            return path() + " at " + shards + " shard(s)";
        }

        abstract List<Long> query(float[] probe) throws SQLException;

        abstract String plan() throws SQLException;

        @Override
        public void close() throws SQLException {
            connection.close();
        }

        Object parameter(float[] probe) {
            return VectorValues.toParameter(VectorType.VECTOR, probe);
        }

        static List<Long> ids(List<Hit> hits) {
            return hits.stream().map(h -> ((Number) h.id()).longValue()).toList();
        }

        /** The coordinator's plan, condensed, then each shard's plan of the remote SQL it is sent. */
        String coordinatorPlan(SqlQuery query) throws SQLException {
            String plan = explain(connection, new SqlQuery("EXPLAIN (VERBOSE, COSTS OFF) " + query.sql(),
                    query.parameters()));
            List<String> nodes = new ArrayList<>();
            Map<String, String> remote = new LinkedHashMap<>();
            String scanned = null;
            for (String line : plan.lines().toList()) {
                String stripped = line.strip().replaceFirst("^->\\s*", "");
                Matcher scan = FOREIGN_SCAN.matcher(stripped);
                if (scan.find()) {
                    scanned = scan.group(1);
                    continue;
                }
                if (stripped.startsWith("Remote SQL:") && scanned != null) {
                    remote.put(scanned, stripped.substring("Remote SQL:".length()).strip());
                    continue;
                }
                if (!line.startsWith(" ") || line.strip().startsWith("->")) {
                    String node = stripped.replaceFirst(" on .*| using .*", "");
                    if (!node.equals("Subquery Scan") && !nodes.contains(node)) {
                        nodes.add(node);
                    }
                }
            }
            boolean pushedLimit = !remote.isEmpty() && remote.values().stream().allMatch(sql -> sql.contains("LIMIT"));
            boolean noLimit = remote.values().stream().noneMatch(sql -> sql.contains("LIMIT"));
            Set<String> shardPlans = new HashSet<>();
            for (Map.Entry<String, String> entry : remote.entrySet()) {
                int shard = Integer.parseInt(entry.getKey().substring(entry.getKey().lastIndexOf('p') + 1)) + 1;
                // postgres_fdw runs the remote SQL as a cursor, which the shard plans for a fast start
                // (cursor_tuple_fraction): EXPLAIN the same DECLARE, in a transaction as the cursor is
                try (Connection c = DriverManager.getConnection(layouts.shardUrl(shard))) {
                    c.setAutoCommit(false);
                    shardPlans.add(condensed(explain(c, new SqlQuery("EXPLAIN (COSTS OFF) DECLARE c1 CURSOR FOR "
                            + entry.getValue(), List.of())), entry.getKey()));
                    c.rollback();
                }
            }
            return String.join(" → ", nodes) + " → " + remote.size() + " × Foreign Scan (remote SQL: ORDER BY, "
                    + (pushedLimit ? "LIMIT " + K : noLimit ? "no LIMIT" : "LIMIT on some") + "); on the shards: "
                    + String.join(" / ", shardPlans);
        }

        /** A plan's node names, top down, with {@code partition} in place of the table's name. */
        static String condensed(String plan, String table) {
            List<String> nodes = new ArrayList<>();
            for (String line : plan.lines().toList()) {
                String stripped = line.strip();
                if (line.startsWith(" ") && !stripped.startsWith("->")) {
                    continue;
                }
                nodes.add(stripped.replaceFirst("^->\\s*", "").replace(table, "<partition>")
                        .replaceFirst(" on <partition>$", ""));
            }
            return String.join(" → ", nodes);
        }

        static String explain(Connection c, SqlQuery query) throws SQLException {
            return SettingsPipeline.execute(c, SearchSettings.none(), query, rs -> {
                StringBuilder text = new StringBuilder();
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
                return text.toString();
            });
        }
    }

    private static final class PerPartition extends Runner {
        private final PartitionedSearch search;

        PerPartition(Layouts layouts, int shards) throws SQLException {
            super(layouts, shards, layouts.coordinatorUrl());
            search = PartitionedSearch.on(connection, Layouts.parent(shards), "id", "embedding", VectorType.VECTOR,
                    layouts.settings.dimensions(), Metric.COSINE);
        }

        @Override
        Path path() {
            return Path.PER_PARTITION;
        }

        @Override
        List<Long> query(float[] probe) throws SQLException {
            return ids(search.search(connection, probe, K, null, SearchSettings.none()));
        }

        @Override
        String plan() throws SQLException {
            String plan = coordinatorPlan(search.query(layouts.probes[0], K, null));
            if (!plan.contains("Index Scan using")) {
                throw new IllegalStateException("the per-partition search at " + shards + " shard(s) is not served by the"
                        + " shards' HNSW indexes: " + plan);
            }
            return plan;
        }
    }

    private static final class Naive extends Runner {
        private final String sql;
        private final PreparedStatement statement;

        Naive(Layouts layouts, int shards) throws SQLException {
            super(layouts, shards, layouts.coordinatorUrl());
            sql = "SELECT id, embedding <=> ? AS distance FROM " + Layouts.parent(shards) + " ORDER BY distance LIMIT " + K;
            statement = connection.prepareStatement(sql);
        }

        @Override
        Path path() {
            return Path.NAIVE;
        }

        @Override
        List<Long> query(float[] probe) throws SQLException {
            statement.setObject(1, parameter(probe));
            try (ResultSet rs = statement.executeQuery()) {
                return readIds(rs);
            }
        }

        @Override
        String plan() throws SQLException {
            return coordinatorPlan(new SqlQuery(sql, List.of(parameter(layouts.probes[0]))));
        }
    }

    private static final class OneNode extends Runner {
        private final String sql;
        private final PreparedStatement statement;

        OneNode(Layouts layouts) throws SQLException {
            super(layouts, 1, layouts.shardUrl(1));
            sql = "SELECT id, embedding <=> ? AS distance FROM " + Layouts.partition(1, 0) + " ORDER BY distance LIMIT " + K;
            statement = connection.prepareStatement(sql);
        }

        @Override
        Path path() {
            return Path.ONE_NODE;
        }

        @Override
        List<Long> query(float[] probe) throws SQLException {
            statement.setObject(1, parameter(probe));
            try (ResultSet rs = statement.executeQuery()) {
                return readIds(rs);
            }
        }

        @Override
        String plan() throws SQLException {
            String plan = condensed(explain(connection, new SqlQuery("EXPLAIN (COSTS OFF) " + sql,
                    List.of(parameter(layouts.probes[0])))), Layouts.partition(1, 0));
            if (!plan.contains("Index Scan using")) {
                throw new IllegalStateException("the one-node query is not served by its HNSW index: " + plan);
            }
            return plan;
        }
    }
}
