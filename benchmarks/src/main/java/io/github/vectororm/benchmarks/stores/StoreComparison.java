package io.github.vectororm.benchmarks.stores;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.store.DocumentIndex;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The vector-store comparison of issue #14, in one run: four stores (Spring AI's {@code PgVectorStore}, vector-orm's
 * {@code VectorOrmVectorStore}, LangChain4j's {@code PgVectorEmbeddingStore}, vector-orm's
 * {@code VectorOrmEmbeddingStore}) each on its own table, the same documents and vectors ({@link StoreCorpus}).
 *
 * <ol>
 * <li><b>Add</b>: every store adds {@link Sizes#addRows()} documents through its own API, in calls of
 * {@value #ADD_BATCH} documents (PgVectorStore's own {@code maxDocumentBatchSize}), timed, into an add-only table
 * of its own without a vector index, dropped after. A {@code CHECKPOINT} runs before each load, outside the
 * timing.</li>
 * <li><b>Search collection</b>: {@link Sizes#rows()} documents per store, written untimed ({@link ComparedStore#fill});
 * the index is then built by the store's own DDL (a second store instance with the index configured and schema
 * initialization on, whose {@code CREATE INDEX IF NOT EXISTS} then builds it), timed.</li>
 * <li><b>Search</b>: top-10 through each store's API; every query vector goes to each store in turn (a shuffled
 * order per query), after an untimed warm-up; recall@10 against the exact top 10. Then vector-orm's stores again
 * at each {@code hnsw.ef_search} of {@link #EF_SEARCH_LADDER} and in exact mode, through their per-query search
 * settings ({@link TunableStore}), on the first {@link Sizes#ladderQueries()} queries: the operating points at which
 * the search target is judged against each peer's recall.</li>
 * <li><b>Filtered search</b>: the same with a metadata filter that keeps 10 % of the documents.</li>
 * <li><b>3,072-d</b>: a second set of tables; the peers' index DDL is run and refused by pgvector (HNSW and IVFFlat
 * index {@code vector} up to 2,000 dimensions), vector-orm's stores declare a halfvec expression HNSW index.</li>
 * </ol>
 * Every store has its own Hikari pool of {@value #POOL} connections on the same URL, whose options set
 * {@code maintenance_work_mem} (so every HNSW build keeps its graph in memory) and put the benchmark schema first
 * on the {@code search_path}.
 *
 * @since 0.1.0
 */
public final class StoreComparison {

    /** Documents per add call. */
    public static final int ADD_BATCH = 10_000;
    /** Connections per store's pool. */
    static final int POOL = 2;
    /** Results per search. */
    public static final int K = 10;
    /** Documents each store adds, untimed, into a scratch table before the timed loads. */
    static final int WARM_UP_DOCUMENTS = 2_000;
    /** The {@code hnsw.ef_search} values of vector-orm's operating points, ascending. */
    public static final List<Integer> EF_SEARCH_LADDER = List.of(10, 20, 40, 80, 160, 320);
    /** The name of the exact-mode operating point. */
    public static final String EXACT = "exact";
    /** Untimed queries per operating point before its timed series. */
    static final int LADDER_WARM_UP = 2;
    /** maintenance_work_mem of every pool. */
    public static final String MAINTENANCE_WORK_MEM = "1GB";

    private StoreComparison() {
    }

    /**
     * The sizes of a run.
     *
     * @param rows documents of the 768-d search collection, written untimed ({@link ComparedStore#fill})
     * @param addRows documents each store adds through its own API, timed, into an add-only table of its own
     * @param dimensions its dimensions
     * @param wideRows documents of the wide collection
     * @param wideDimensions its dimensions
     * @param queries timed queries per store, plain and filtered
     * @param wideQueries timed queries per store on the wide collection
     * @param warmUp untimed queries per store before each timed series
     * @param ladderQueries of the queries, the first ones each of vector-orm's operating points runs
     */
    public record Sizes(int rows, int addRows, int dimensions, int wideRows, int wideDimensions, int queries,
            int wideQueries, int warmUp, int ladderQueries) {

        /**
         * The full profile's sizes: the 100k x 768-d documents added per store; a 30k x 768-d search collection
         * (the 100k with {@code --param storeRows=100000}; at that size the four HNSW builds alone take several
         * minutes each on two shared cores, beyond the comparison's budget) and 10k x 3,072-d.
         */
        public static final Sizes FULL = new Sizes(30_000, 100_000, 768, 10_000, 3072, 150, 50, 20, 50);
        /** The smoke profile's: seconds. */
        public static final Sizes SMOKE = new Sizes(1_000, 2_000, 768, 200, 3072, 10, 5, 2, 5);

        /**
         * These sizes with some replaced by run parameters: {@code storeRows}, {@code storeAddRows},
         * {@code storeWideRows}, {@code storeQueries}, {@code storeLadderQueries} (at most the queries).
         *
         * @param parameters the run's parameters, by name
         * @return the sizes
         */
        public Sizes with(java.util.Map<String, String> parameters) {
            int newQueries = Integer.parseInt(parameters.getOrDefault("storeQueries", Integer.toString(queries)));
            return new Sizes(Integer.parseInt(parameters.getOrDefault("storeRows", Integer.toString(rows))),
                    Integer.parseInt(parameters.getOrDefault("storeAddRows", Integer.toString(addRows))), dimensions,
                    Integer.parseInt(parameters.getOrDefault("storeWideRows", Integer.toString(wideRows))), wideDimensions,
                    newQueries, wideQueries, warmUp, Math.min(newQueries,
                    Integer.parseInt(parameters.getOrDefault("storeLadderQueries", Integer.toString(ladderQueries)))));
        }
    }

    /**
     * What one store measured.
     *
     * @param label the store
     * @param vectorOrm whether it is vector-orm's
     * @param configuration how it was configured
     * @param rows documents added through the store's API, timed, into its add-only table
     * @param addMillis wall time of those adds
     * @param callMillis wall time of each add call of {@value #ADD_BATCH} documents
     * @param indexMillis wall time of the index build on the search collection
     * @param search plain top-10 searches, at the store's default settings
     * @param filtered filtered top-10 searches
     * @param plan EXPLAIN's plan kind of the plain search
     * @param filteredPlan EXPLAIN's plan kind of the filtered search
     * @param ladder vector-orm's operating points, by ascending {@code hnsw.ef_search} then exact mode; empty for a peer
     */
    public record StoreResult(String label, boolean vectorOrm, String configuration, long rows, double addMillis,
            double[] callMillis, double indexMillis, Searches search, Searches filtered, String plan, String filteredPlan,
            List<OperatingPoint> ladder) {

        /** @return documents added per second */
        public double docsPerSecond() {
            return rows * 1000.0 / addMillis;
        }

        /** @return the slowest add call's documents per second (calls of {@value #ADD_BATCH}, or all rows if fewer) */
        public double minCallDocsPerSecond() {
            return Math.min(ADD_BATCH, rows) * 1000.0 / Arrays.stream(callMillis).max().orElse(Double.NaN);
        }

        /** @return the fastest add call's documents per second */
        public double maxCallDocsPerSecond() {
            return Math.min(ADD_BATCH, rows) * 1000.0 / Arrays.stream(callMillis).min().orElse(Double.NaN);
        }
    }

    /**
     * One of vector-orm's search operating points: plain top-10 searches with one per-query setting.
     *
     * @param name {@code ef_search N} or {@value #EXACT}
     * @param efSearch its {@code hnsw.ef_search}, or 0 in exact mode
     * @param search its timed searches, on the first {@link Sizes#ladderQueries()} queries
     * @param plan EXPLAIN's plan kind of its search with its settings (the planner may prefer an exact scan to the
     *     index at some settings)
     */
    public record OperatingPoint(String name, int efSearch, Searches search, String plan) {

        /** @return whether this is exact mode */
        public boolean exact() {
            return efSearch == 0;
        }
    }

    /**
     * A series of timed searches.
     *
     * @param micros each search's latency in microseconds, in order
     * @param rows rows each returned
     * @param recall each search's recall@10 against the exact top 10 (of the filtered documents, when filtered)
     */
    public record Searches(long[] micros, int[] rows, double[] recall) {

        /** @return the median latency, µs */
        public double medianMicros() {
            return percentile(0.5);
        }

        /** @return the 99th percentile latency, µs */
        public double p99Micros() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        /** @return mean recall@10 */
        public double meanRecall() {
            return Arrays.stream(recall).average().orElse(Double.NaN);
        }

        /** @return share of searches that returned the full k */
        public double fullShare() {
            return rows.length == 0 ? Double.NaN : Arrays.stream(rows).filter(r -> r == K).count() / (double) rows.length;
        }

        /** @return mean rows returned */
        public double meanRows() {
            return Arrays.stream(rows).average().orElse(Double.NaN);
        }

        /** @return searches timed */
        public int count() {
            return micros.length;
        }

        /**
         * @param n how many
         * @return the first n searches of this series (all of them if fewer)
         */
        public Searches first(int n) {
            int m = Math.min(n, micros.length);
            return new Searches(Arrays.copyOf(micros, m), Arrays.copyOf(rows, m), Arrays.copyOf(recall, m));
        }
    }

    /**
     * One store on the wide collection.
     *
     * @param label the store
     * @param vectorOrm whether it is vector-orm's
     * @param index what its index DDL did: the index it built, or pgvector's refusal
     * @param indexed whether an index was built
     * @param plan EXPLAIN's plan kind of its search
     * @param forcedPlan the same with {@code enable_seqscan = off}: whether any index can serve it
     * @param search its timed searches
     */
    public record WideResult(String label, boolean vectorOrm, String index, boolean indexed, String plan,
            String forcedPlan, Searches search) {
    }

    /**
     * What the comparison measured.
     *
     * @param sizes the sizes
     * @param stores the 768-d results, in report order (Spring AI pair, LangChain4j pair)
     * @param wide the 3,072-d results, same order
     */
    public record Report(Sizes sizes, List<StoreResult> stores, List<WideResult> wide) {
    }

    /**
     * Runs the comparison and drops its tables.
     *
     * @param database the database
     * @param sizes the sizes
     * @return what was measured
     * @throws Exception if a store fails
     */
    public static Report measure(BenchmarkDatabase database, Sizes sizes) throws Exception {
        String url = withOption(withOption(database.jdbcUrl(), "currentSchema=" + database.schema() + ",public"),
                "options=-c%20maintenance_work_mem%3D" + MAINTENANCE_WORK_MEM);
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            System.out.println("vector-orm benchmarks: store comparison, " + sizes.rows() + " x " + sizes.dimensions()
                    + "-d documents");
            DocumentIndex hnsw = DocumentIndex.hnsw().m(16).efConstruction(64).build();
            List<HikariDataSource> storePools = List.of(pool(url, "sa", pools), pool(url, "vo-sa", pools),
                    pool(url, "lc", pools), pool(url, "vo-lc", pools));
            // an untimed load of a few documents into scratch tables first, so no store's timed load pays the JVM's
            // warm-up (class loading, JIT) of the code it shares with the others
            double[] addMillis = new double[storePools.size()];
            double[][] callMillis = new double[storePools.size()][];
            adds(database, storePools, hnsw, sizes, addMillis, callMillis);
            StoreCorpus corpus = StoreCorpus.generate(sizes.rows(), sizes.dimensions(),
                    Math.max(sizes.queries(), sizes.warmUp()));
            FixedEmbeddingModel model = new FixedEmbeddingModel(corpus);
            List<ComparedStore> stores = open(database, storePools, corpus, model, "cmp", hnsw);
            double[] indexMillis = new double[stores.size()];
            for (int s = 0; s < stores.size(); s++) {
                ComparedStore store = stores.get(s);
                store.fill(0, corpus.rows());
                requireRows(database, store.table(), corpus.rows());
                database.execute("ANALYZE " + store.table());
                long started = System.nanoTime();
                store.buildIndex();
                indexMillis[s] = (System.nanoTime() - started) / 1e6;
                System.out.printf("  %s: index %.1f s%n", store.label(), indexMillis[s] / 1000);
            }
            List<Searches> plain = searches(stores, corpus, sizes.queries(), sizes.warmUp(), false);
            List<Searches> filtered = searches(stores, corpus, sizes.queries(), sizes.warmUp(), true);
            List<List<OperatingPoint>> ladders = ladders(stores, storePools, corpus, sizes.ladderQueries());
            List<StoreResult> results = new ArrayList<>();
            for (int s = 0; s < stores.size(); s++) {
                ComparedStore store = stores.get(s);
                results.add(new StoreResult(store.label(), store.vectorOrm(), store.configuration(), sizes.addRows(),
                        addMillis[s], callMillis[s], indexMillis[s], plain.get(s), filtered.get(s),
                        planKind(storePools.get(s), store, false), planKind(storePools.get(s), store, true),
                        ladders.get(s)));
            }
            for (ComparedStore store : stores) {
                database.execute("DROP TABLE " + store.table());
            }
            List<WideResult> wide = wide(database, url, sizes, pools);
            return new Report(sizes, List.copyOf(results), List.copyOf(wide));
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    /**
     * The timed adds: each store, one after the other, adds {@link Sizes#addRows()} documents through its own API into
     * an add-only table without a vector index, after an untimed load of a few documents into a scratch table (so no
     * store's timed load pays the JVM's warm-up of the code it shares with the others) and a {@code CHECKPOINT}; the
     * row count is checked and the table dropped.
     */
    private static void adds(BenchmarkDatabase database, List<HikariDataSource> storePools, DocumentIndex hnsw,
            Sizes sizes, double[] addMillis, double[][] callMillis) throws Exception {
        StoreCorpus corpus = StoreCorpus.generate(sizes.addRows(), sizes.dimensions(), 1);
        FixedEmbeddingModel model = new FixedEmbeddingModel(corpus);
        for (ComparedStore store : open(database, storePools, corpus, model, "cmp_warm", hnsw)) {
            store.add(0, Math.min(corpus.rows(), WARM_UP_DOCUMENTS));
            database.execute("DROP TABLE " + store.table());
        }
        List<ComparedStore> stores = open(database, storePools, corpus, model, "cmp_add", hnsw);
        for (int s = 0; s < stores.size(); s++) {
            ComparedStore store = stores.get(s);
            database.checkpoint();
            List<Double> calls = new ArrayList<>();
            long started = System.nanoTime();
            for (int from = 0; from < corpus.rows(); from += ADD_BATCH) {
                long call = System.nanoTime();
                store.add(from, Math.min(corpus.rows(), from + ADD_BATCH));
                calls.add((System.nanoTime() - call) / 1e6);
            }
            addMillis[s] = (System.nanoTime() - started) / 1e6;
            callMillis[s] = calls.stream().mapToDouble(Double::doubleValue).toArray();
            requireRows(database, store.table(), corpus.rows());
            database.execute("DROP TABLE " + store.table());
            System.out.printf("  %s: add %,d in %.1f s%n", store.label(), corpus.rows(), addMillis[s] / 1000);
        }
    }

    /**
     * vector-orm's operating points: for each store with per-query search settings, plain top-10 searches at each
     * {@code hnsw.ef_search} of {@link #EF_SEARCH_LADDER} and in exact mode, on the first {@code queries} queries;
     * each query goes to every (store, point) in a shuffled order, after {@value #LADDER_WARM_UP} untimed queries per
     * point.
     *
     * @return per store, its points (empty for a store without settings)
     */
    private static List<List<OperatingPoint>> ladders(List<ComparedStore> stores, List<HikariDataSource> pools,
            StoreCorpus corpus, int queries) throws Exception {
        List<String> names = new ArrayList<>();
        List<SearchSettings> settings = new ArrayList<>();
        for (int ef : EF_SEARCH_LADDER) {
            names.add("ef_search " + ef);
            settings.add(SearchSettings.builder().hnswEfSearch(ef).build());
        }
        names.add(EXACT);
        settings.add(SearchSettings.builder().exact(true).build());
        List<int[]> points = new ArrayList<>(); // {store, setting}
        for (int s = 0; s < stores.size(); s++) {
            if (stores.get(s) instanceof TunableStore) {
                for (int p = 0; p < settings.size(); p++) {
                    points.add(new int[] {s, p});
                }
            }
        }
        for (int q = 0; q < LADDER_WARM_UP; q++) {
            for (int[] point : points) {
                ((TunableStore) stores.get(point[0])).search(q, K, settings.get(point[1]));
            }
        }
        long[][] micros = new long[points.size()][queries];
        int[][] rows = new int[points.size()][queries];
        double[][] recall = new double[points.size()][queries];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        Random random = new Random(16);
        for (int q = 0; q < queries; q++) {
            Set<String> truth = new HashSet<>(corpus.exactTop(q, K, false));
            Collections.shuffle(order, random);
            for (int i : order) {
                int[] point = points.get(i);
                long started = System.nanoTime();
                List<String> found = ((TunableStore) stores.get(point[0])).search(q, K, settings.get(point[1]));
                micros[i][q] = (System.nanoTime() - started) / 1000;
                rows[i][q] = found.size();
                recall[i][q] = found.stream().filter(truth::contains).count() / (double) truth.size();
            }
        }
        List<List<OperatingPoint>> result = new ArrayList<>();
        for (int s = 0; s < stores.size(); s++) {
            result.add(new ArrayList<>());
        }
        for (int i = 0; i < points.size(); i++) {
            int p = points.get(i)[1];
            int ef = p < EF_SEARCH_LADDER.size() ? EF_SEARCH_LADDER.get(p) : 0;
            int s = points.get(i)[0];
            result.get(s).add(new OperatingPoint(names.get(p), ef, new Searches(micros[i], rows[i], recall[i]),
                    planKind(pools.get(s), (TunableStore) stores.get(s), settings.get(p))));
        }
        return result.stream().map(List::copyOf).toList();
    }

    /** The four stores on tables named {@code prefix_...}, in report order: each framework's own store first. */
    private static List<ComparedStore> open(BenchmarkDatabase database, List<HikariDataSource> pools, StoreCorpus corpus,
            FixedEmbeddingModel model, String prefix, DocumentIndex index) {
        return List.of(
                new SpringAiStores.Peer(pools.get(0), model, database.schema(), prefix + "_spring_ai", corpus.dimensions()),
                new SpringAiStores.VectorOrm(pools.get(1), model, database.table(prefix + "_vo_spring_ai"),
                        corpus.dimensions(), index),
                new LangChain4jStores.Peer(pools.get(2), corpus, database.schema(), prefix + "_langchain4j"),
                new LangChain4jStores.VectorOrm(pools.get(3), corpus, database.table(prefix + "_vo_langchain4j"), index));
    }

    private static List<WideResult> wide(BenchmarkDatabase database, String url, Sizes sizes,
            List<HikariDataSource> pools) throws Exception {
        System.out.println("vector-orm benchmarks: store comparison, " + sizes.wideRows() + " x " + sizes.wideDimensions()
                + "-d documents");
        StoreCorpus corpus = StoreCorpus.generate(sizes.wideRows(), sizes.wideDimensions(),
                Math.max(sizes.wideQueries(), sizes.warmUp()));
        FixedEmbeddingModel model = new FixedEmbeddingModel(corpus);
        DocumentIndex halfvec = DocumentIndex.hnsw().m(16).efConstruction(64).halfvec().build();
        List<HikariDataSource> wide = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            wide.add(pool(url, "wide-" + i, pools));
        }
        List<ComparedStore> stores = open(database, wide, corpus, model, "cmp_wide", halfvec);
        List<String> index = new ArrayList<>();
        List<Boolean> indexed = new ArrayList<>();
        for (ComparedStore store : stores) {
            store.fill(0, corpus.rows());
            requireRows(database, store.table(), corpus.rows());
            database.execute("ANALYZE " + store.table());
            long started = System.nanoTime();
            try {
                store.buildIndex();
                index.add(String.format(java.util.Locale.ROOT, "built in %.1f s", (System.nanoTime() - started) / 1e9));
                indexed.add(true);
            } catch (RuntimeException e) {
                index.add("refused: " + rootMessage(e));
                indexed.add(false);
            }
        }
        List<Searches> searches = searches(stores, corpus, sizes.wideQueries(), sizes.warmUp(), false);
        List<WideResult> results = new ArrayList<>();
        for (int s = 0; s < stores.size(); s++) {
            ComparedStore store = stores.get(s);
            results.add(new WideResult(store.label(), store.vectorOrm(), index.get(s), indexed.get(s),
                    planKind(wide.get(s), store, false), forcedPlanKind(wide.get(s), store), searches.get(s)));
        }
        for (ComparedStore store : stores) {
            database.execute("DROP TABLE " + store.table());
        }
        return results;
    }

    private static List<Searches> searches(List<ComparedStore> stores, StoreCorpus corpus, int queries, int warmUp,
            boolean filtered) {
        for (int q = 0; q < warmUp; q++) {
            for (ComparedStore store : stores) {
                store.search(q, K, filtered);
            }
        }
        int n = stores.size();
        long[][] micros = new long[n][queries];
        int[][] rows = new int[n][queries];
        double[][] recall = new double[n][queries];
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            order.add(s);
        }
        Random random = new Random(14);
        for (int q = 0; q < queries; q++) {
            Set<String> truth = new HashSet<>(corpus.exactTop(q, K, filtered));
            Collections.shuffle(order, random);
            for (int s : order) {
                long started = System.nanoTime();
                List<String> found = stores.get(s).search(q, K, filtered);
                micros[s][q] = (System.nanoTime() - started) / 1000;
                rows[s][q] = found.size();
                recall[s][q] = found.stream().filter(truth::contains).count() / (double) truth.size();
            }
        }
        List<Searches> result = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            result.add(new Searches(micros[s], rows[s], recall[s]));
        }
        return result;
    }

    private static String planKind(HikariDataSource pool, ComparedStore store, boolean filtered) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return Explain.kind(connection, store.explain(connection, 0, K, filtered));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static String planKind(HikariDataSource pool, TunableStore store, SearchSettings settings) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return Explain.kind(connection, store.explain(connection, 0, K, settings));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static String forcedPlanKind(HikariDataSource pool, ComparedStore store) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_seqscan = off");
                return Explain.kind(connection, store.explain(connection, 0, K, false));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void requireRows(BenchmarkDatabase database, String table, int rows) throws Exception {
        String count = database.queryString("SELECT count(*) FROM " + table);
        if (!Integer.toString(rows).equals(count)) {
            throw new IllegalStateException(table + " holds " + count + " rows after adding " + rows);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static HikariDataSource pool(String url, String name, List<HikariDataSource> pools) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(1);
        config.setPoolName("stores-" + name);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    private static String withOption(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }
}
