package io.github.vectororm.benchmarks.loadrun;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.benchmarks.adapters.Hibernates;
import io.github.vectororm.benchmarks.adapters.loadrun.LoadApplication;
import io.github.vectororm.benchmarks.adapters.loadrun.LoadItem;
import io.github.vectororm.benchmarks.adapters.loadrun.LoadItemRepository;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.benchmarks.knn.KnnDataset;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.hibernate.VectorSearch;
import io.github.vectororm.jooq.NearestNeighbors;
import io.github.vectororm.jooq.Neighbor;
import io.github.vectororm.jooq.VectorDataTypes;
import io.github.vectororm.test.LoadRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;

/**
 * The bounded load run (issue #9): {@value #THREADS} threads query at once for a fixed time, one adapter after
 * another, on the k-NN table; {@link LoadRun} (the harness of the concurrency tests) times every query and gives
 * queries/s, p50 and p99.
 *
 * <p>Every path runs the same filtered top-10 query, {@code WHERE category = c ORDER BY embedding <=> q LIMIT 10}
 * (10 % of the rows pass the filter), with {@code hnsw.iterative_scan = relaxed_order} set for the query's
 * transaction by the path's own means, and reads the same columns of each of the ten rows: id, category, the 768-d
 * vector decoded to {@code float[]}, and the distance. Each path has a Hikari pool of {@value #THREADS}
 * connections whose URL carries {@code options=-c enable_seqscan=off -c jit=off}: at benchmark sizes the planner
 * would rather scan the table for a 10 % filter (see {@link io.github.vectororm.benchmarks.knn.FilteredKnnRecall}),
 * so the HNSW index is forced, as it is chosen on larger tables. The probe and category of a query depend only on
 * the thread and its iteration, so every path asks the same questions.
 *
 * @since 0.1.0
 */
public final class FilteredKnnLoadRun {

    /** Threads of the run (the concurrency tests' count). */
    public static final int THREADS = LoadRun.THREADS;
    /** What every path sets for its query's transaction. */
    static final SearchSettings ITERATIVE = SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER)
            .build();
    /** The connection options every pool's URL carries. */
    static final String OPTIONS = "options=-c%20enable_seqscan%3Doff%20-c%20jit%3Doff";

    private FilteredKnnLoadRun() {
    }

    /** One adapter's way to run the filtered query. */
    interface Path extends AutoCloseable {
        /**
         * @param category the category to keep
         * @param probe the query vector (not modified)
         * @return rows returned
         * @throws Exception if the query fails
         */
        int query(int category, float[] probe) throws Exception;
    }

    /** How a path is built and named. */
    private record PathSpec(String label, PathKind kind, PathOpener opener) {
    }

    @FunctionalInterface
    private interface PathOpener {
        Path open(String url, KnnDataset dataset) throws Exception;
    }

    /** The paths in report order, the raw baseline first. */
    private static final List<PathSpec> PATHS = List.of(
            new PathSpec("raw JDBC: `set_config('hnsw.iterative_scan', 'relaxed_order', true)` + `SELECT id, category,"
                    + " embedding, embedding <=> ? AS distance ... WHERE category = ? ORDER BY 4 LIMIT 10` in a"
                    + " transaction, `PGvector` binary parameter and result", PathKind.RAW_BASELINE, RawJdbc::new),
            new PathSpec("vector-core: `SearchSettings.applyLocal` + the same SQL, `VectorValues.toParameter` /"
                    + " `fromResult` (`PgVectorTypes.withBinaryTransfer` URL)", PathKind.LIBRARY, VectorCore::new),
            new PathSpec("Hibernate + vector-orm: `VectorSearch.nearest(...).where(category = c)"
                    + ".settings(iterative).to(q).limit(10).list()`, session per query, entities + distance", PathKind.LIBRARY,
                    HibernateSearch::new),
            new PathSpec("jOOQ + vector-orm: `NearestNeighbors.of(...).select(ID, CATEGORY, EMBEDDING)"
                    + ".where(CATEGORY.eq(c)).settings(iterative).limit(10).fetch(dsl)` on a pooled `DSLContext`",
                    PathKind.LIBRARY, JooqSearch::new),
            new PathSpec("Spring Data + vector-orm: repository fragment `findNearest(\"embedding\", COSINE, q,"
                    + " (root, cb) -> category = c, Limit.of(10))`, `vectororm.search.iterative-scan = relaxed_order`,"
                    + " entities + distance", PathKind.LIBRARY, SpringSearch::new));

    /**
     * One path's rounds.
     *
     * @param label what the path does
     * @param kind raw baseline or vector-orm
     * @param rounds one result per round
     */
    public record PathRuns(String label, PathKind kind, List<LoadRun.Result> rounds) {

        /** @return the median of the rounds' queries per second */
        public double queriesPerSecond() {
            return median(rounds.stream().mapToDouble(LoadRun.Result::queriesPerSecond).toArray());
        }

        /** @return the lowest round's queries per second */
        public double minQueriesPerSecond() {
            return rounds.stream().mapToDouble(LoadRun.Result::queriesPerSecond).min().orElse(Double.NaN);
        }

        /** @return the highest round's queries per second */
        public double maxQueriesPerSecond() {
            return rounds.stream().mapToDouble(LoadRun.Result::queriesPerSecond).max().orElse(Double.NaN);
        }

        /** @return the median of the rounds' median latencies, in ms */
        public double p50Millis() {
            return median(rounds.stream().mapToDouble(LoadRun.Result::p50Millis).toArray());
        }

        /** @return the median of the rounds' p99 latencies, in ms */
        public double p99Millis() {
            return median(rounds.stream().mapToDouble(LoadRun.Result::p99Millis).toArray());
        }

        /** @return queries completed in all rounds */
        public long queries() {
            return rounds.stream().mapToLong(LoadRun.Result::queries).sum();
        }

        /** @return rows returned per query, over all rounds */
        public double rowsPerQuery() {
            long queries = queries();
            return queries == 0 ? Double.NaN : rounds.stream().mapToLong(LoadRun.Result::rows).sum() / (double) queries;
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    /**
     * What the load run measured.
     *
     * @param rows rows of the k-NN table
     * @param dimensions its dimensions
     * @param threads threads querying at once
     * @param warmUp untimed warm-up per path and round
     * @param duration measured time per path and round
     * @param rounds rounds (each in its own order of paths)
     * @param plan the index scan line of EXPLAIN's plan of the filtered query on a pool's connection
     * @param paths every path, the raw baseline first
     */
    public record Report(int rows, int dimensions, int threads, Duration warmUp, Duration duration, int rounds,
            String plan, List<PathRuns> paths) {

        /**
         * @param path a path of this report
         * @return its queries/s relative to the raw baseline's (medians over rounds)
         */
        public double ratio(PathRuns path) {
            return paths.stream().filter(p -> p.kind() == PathKind.RAW_BASELINE).findFirst()
                    .map(raw -> path.queriesPerSecond() / raw.queriesPerSecond()).orElse(Double.NaN);
        }
    }

    /**
     * Runs every path for the given time in each round; round 0 in report order, later rounds in a shuffle seeded
     * by the round number, so no path always runs first or after the same neighbor.
     *
     * @param database the database
     * @param rows rows of the k-NN table
     * @param dimensions its dimensions
     * @param warmUp untimed warm-up per path and round
     * @param duration measured time per path and round
     * @param rounds how many rounds
     * @return what was measured
     * @throws Exception if a path fails
     */
    public static Report measure(BenchmarkDatabase database, int rows, int dimensions, Duration warmUp,
            Duration duration, int rounds) throws Exception {
        KnnDataset dataset = KnnDataset.prepare(database, rows, dimensions);
        String url = withOption(database.jdbcUrl(), OPTIONS);
        String sql = "SELECT id FROM " + dataset.table() + " WHERE category = " + KnnDataset.FILTER_CATEGORY
                + " ORDER BY embedding <=> %s LIMIT " + KnnDataset.K;
        String plan;
        try (Connection connection = DriverManager.getConnection(url)) {
            plan = dataset.plan(connection, sql);
        }
        if (!dataset.usesIndex(plan)) {
            throw new IllegalStateException("the load run's connections do not plan the filtered query on the HNSW index:\n"
                    + plan);
        }
        float[][] probes = dataset.queries(1000);
        List<Path> opened = new ArrayList<>();
        try {
            for (PathSpec spec : PATHS) {
                opened.add(spec.opener().open(url, dataset));
            }
            List<List<LoadRun.Result>> results = new ArrayList<>();
            PATHS.forEach(p -> results.add(new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < PATHS.size(); i++) {
                    order.add(i);
                }
                if (round > 0) {
                    Collections.shuffle(order, new Random(round));
                }
                for (int index : order) {
                    Path path = opened.get(index);
                    results.get(index).add(LoadRun.run(PATHS.get(index).label(), THREADS, warmUp, duration,
                            (thread, iteration) -> {
                                long n = iteration * THREADS + thread;
                                return path.query((int) Math.floorMod(n, (long) KnnDataset.CATEGORIES),
                                        probes[(int) Math.floorMod(n * 7919, (long) probes.length)]);
                            }));
                }
            }
            List<PathRuns> paths = new ArrayList<>();
            for (int i = 0; i < PATHS.size(); i++) {
                paths.add(new PathRuns(PATHS.get(i).label(), PATHS.get(i).kind(), List.copyOf(results.get(i))));
            }
            return new Report(rows, dimensions, THREADS, warmUp, duration, rounds,
                    plan.lines().filter(dataset::usesIndex).findFirst().orElse("").replace("->", "").strip(), paths);
        } finally {
            for (Path path : opened) {
                path.close();
            }
        }
    }

    /** Adds a URL parameter to a JDBC URL. */
    static String withOption(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    private static HikariDataSource pool(String url, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(THREADS);
        config.setMinimumIdle(THREADS);
        config.setPoolName("loadrun-" + name);
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }

    private static String wholeRowSql(KnnDataset dataset) {
        return "SELECT id, category, embedding, embedding <=> ? AS distance FROM " + dataset.table()
                + " WHERE category = ? ORDER BY 4 LIMIT " + KnnDataset.K;
    }

    /** Plain pgjdbc with pgvector-java's {@code PGvector} registered on every pooled connection by URL. */
    private static final class RawJdbc implements Path {
        private final HikariDataSource pool;
        private final String sql;

        RawJdbc(String url, KnnDataset dataset) {
            pool = pool(withOption(url, "datatype.vector=" + PGvector.class.getName()), "raw");
            sql = wholeRowSql(dataset);
        }

        @Override
        public int query(int category, float[] probe) throws SQLException {
            return JdbcQuery.run(pool, sql, connection -> {
                try (PreparedStatement settings = connection.prepareStatement(
                        "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)")) {
                    settings.execute();
                }
                return null;
            }, new PGvector(probe), category, value -> ((PGvector) value).toArray());
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /** vector-core on plain pgjdbc: its settings, parameter and result conversions. */
    private static final class VectorCore implements Path {
        private final HikariDataSource pool;
        private final String sql;

        VectorCore(String url, KnnDataset dataset) {
            pool = pool(PgVectorTypes.withBinaryTransfer(url), "vector-core");
            sql = wholeRowSql(dataset);
        }

        @Override
        public int query(int category, float[] probe) throws SQLException {
            return JdbcQuery.run(pool, sql, connection -> {
                ITERATIVE.applyLocal(connection);
                return null;
            }, VectorValues.toParameter(VectorType.VECTOR, probe), category,
                    value -> VectorValues.fromResult(VectorType.VECTOR, value, float[].class));
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /** The JDBC paths' shared query: one transaction, settings, the query, commit. */
    private static final class JdbcQuery {

        @FunctionalInterface
        interface Settings {
            Void apply(Connection connection) throws SQLException;
        }

        static int run(HikariDataSource pool, String sql, Settings settings, Object parameter, int category,
                Function<Object, float[]> decode) throws SQLException {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    settings.apply(connection);
                    int rows = 0;
                    try (PreparedStatement query = connection.prepareStatement(sql)) {
                        query.setObject(1, parameter);
                        query.setInt(2, category);
                        try (ResultSet rs = query.executeQuery()) {
                            while (rs.next()) {
                                long id = rs.getLong(1);
                                int rowCategory = rs.getInt(2);
                                float[] embedding = decode.apply(rs.getObject(3));
                                double distance = rs.getDouble(4);
                                if (rowCategory != category || embedding.length == 0 || Double.isNaN(distance) || id < 0) {
                                    throw new IllegalStateException("row " + id + " of category " + rowCategory
                                            + " returned for category " + category);
                                }
                                rows++;
                            }
                        }
                    }
                    connection.commit();
                    return rows;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }
    }

    /** Hibernate with vector-orm on a Hikari pool: a session per query, as a request would open. */
    private static final class HibernateSearch implements Path {
        private final HikariDataSource pool;
        private final SessionFactory factory;

        HibernateSearch(String url, KnnDataset dataset) {
            pool = pool(url, "hibernate");
            factory = Hibernates.sessionFactory(pool, dataset.table(), LoadItem.class);
        }

        @Override
        public int query(int category, float[] probe) {
            try (Session session = factory.openSession()) {
                List<Nearest<LoadItem>> hits = VectorSearch.nearest(session, LoadItem.class, "embedding", Metric.COSINE)
                        .where((cb, root) -> cb.equal(root.get("category"), category)).settings(ITERATIVE).to(probe)
                        .limit(KnnDataset.K).list();
                return check(hits, category);
            }
        }

        @Override
        public void close() {
            factory.close();
            pool.close();
        }
    }

    /** jOOQ with vector-orm's binding on a pooled DSLContext. */
    private static final class JooqSearch implements Path {
        private final HikariDataSource pool;
        private final DSLContext dsl;
        private final Table<Record> table;
        private final Field<Long> id = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
        private final Field<Integer> categoryField = DSL.field(DSL.name("category"), SQLDataType.INTEGER);
        private final Field<float[]> embedding;

        JooqSearch(String url, KnnDataset dataset) {
            pool = pool(PgVectorTypes.withBinaryTransfer(url), "jooq");
            dsl = DSL.using(pool, SQLDialect.POSTGRES);
            table = DSL.table(DSL.name(dataset.table().split("\\.")));
            embedding = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(dataset.dimensions()));
        }

        @Override
        public int query(int category, float[] probe) {
            List<Neighbor<Record>> hits = NearestNeighbors.of(table, embedding, Metric.COSINE, probe)
                    .select(id, categoryField, embedding).where(categoryField.eq(category)).settings(ITERATIVE)
                    .limit(KnnDataset.K).fetch(dsl);
            for (Neighbor<Record> hit : hits) {
                if (hit.record().get(categoryField) != category || hit.record().get(embedding).length == 0) {
                    throw new IllegalStateException("row " + hit.record().get(id) + " returned for category " + category);
                }
            }
            return hits.size();
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /** Spring Data with vector-orm's starter; the context's Hikari pool has the run's thread count. */
    private static final class SpringSearch implements Path {
        private static final Limit TOP = Limit.of(KnnDataset.K);
        private final ConfigurableApplicationContext context;
        private final LoadItemRepository repository;

        SpringSearch(String url, KnnDataset dataset) {
            context = LoadApplication.start(url, dataset.table(), THREADS, IterativeScan.RELAXED_ORDER.setting());
            repository = context.getBean(LoadItemRepository.class);
        }

        @Override
        public int query(int category, float[] probe) {
            return check(repository.findNearest("embedding", Metric.COSINE, probe,
                    (root, cb) -> cb.equal(root.get("category"), category), TOP), category);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private static int check(List<Nearest<LoadItem>> hits, int category) {
        for (Nearest<LoadItem> hit : hits) {
            if (hit.entity().getCategory() != category || hit.entity().getEmbedding().length == 0) {
                throw new IllegalStateException("entity " + hit.entity().getId() + " returned for category " + category);
            }
        }
        return hits.size();
    }
}
