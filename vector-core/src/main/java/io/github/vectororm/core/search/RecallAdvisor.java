package io.github.vectororm.core.search;

import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Measures how the recall of an ANN index trades against latency: for each candidate setting
 * ({@code hnsw.ef_search} or {@code ivfflat.probes} values), recall@k of the index against exact search over
 * the same query vectors, and the median query time; then recommends the smallest setting that reaches a
 * target recall. The approximate runs keep the planner off sequential scans ({@code enable_seqscan = off},
 * local to each run's transaction), so that they measure the index also on a table small enough for the planner
 * to prefer scanning it; if no index serves the query even then, {@link #measure} refuses rather than report a
 * recall of 1.0 that no index earned.
 *
 * <pre>{@code
 * RecallReport report = RecallAdvisor.on("items", "id", IndexedExpression.column("embedding", VectorType.VECTOR, 384), Metric.COSINE)
 *         .k(10).efSearch(10, 20, 40, 80, 160).targetRecall(0.95)
 *         .sampleFromTable(50)
 *         .measure(connection);
 * System.out.println(report.toTable());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RecallAdvisor {

    private final String table;
    private final String idColumn;
    private final IndexedExpression expression;
    private final Metric metric;
    private int k = 10;
    private double targetRecall = 0.95;
    private final Map<String, SearchSettings> candidates = new LinkedHashMap<>();
    private List<Object> queries;
    private int sampleSize;

    private RecallAdvisor(String table, String idColumn, IndexedExpression expression, Metric metric) {
        this.table = Identifiers.qualifiedName("table", table);
        this.idColumn = Identifiers.identifier("column", idColumn);
        this.expression = Objects.requireNonNull(expression);
        this.metric = Objects.requireNonNull(metric);
        metric.requireAppliesTo(expression.type());
    }

    /**
     * Starts an advisor for the index on this table and expression.
     *
     * @param table the table
     * @param idColumn the column identifying rows
     * @param expression the indexed column or expression, as the index declares it
     * @param metric the metric the index serves
     * @return an advisor to configure
     */
    public static RecallAdvisor on(String table, String idColumn, IndexedExpression expression, Metric metric) {
        return new RecallAdvisor(table, idColumn, expression, metric);
    }

    /**
     * Sets how many neighbors each query's recall counts.
     *
     * @param k the number of neighbors whose recall is measured (default 10)
     * @return this advisor
     */
    public RecallAdvisor k(int k) {
        if (k < 1) {
            throw new VectorValidationException("k must be at least 1, not " + k);
        }
        this.k = k;
        return this;
    }

    /**
     * Sets the recall the recommendation must reach.
     *
     * @param recall the recall the recommendation must reach, in (0, 1] (default 0.95)
     * @return this advisor
     */
    public RecallAdvisor targetRecall(double recall) {
        if (!(recall > 0 && recall <= 1)) {
            throw new VectorValidationException("target recall must be in (0, 1], not " + recall);
        }
        this.targetRecall = recall;
        return this;
    }

    /**
     * HNSW candidates, measured in the order given (give them ascending).
     *
     * @param values {@code hnsw.ef_search} values
     * @return this advisor
     */
    public RecallAdvisor efSearch(int... values) {
        for (int value : values) {
            candidates.put("hnsw.ef_search=" + value, SearchSettings.builder().hnswEfSearch(value).build());
        }
        return this;
    }

    /**
     * IVFFlat candidates, measured in the order given (give them ascending).
     *
     * @param values {@code ivfflat.probes} values
     * @return this advisor
     */
    public RecallAdvisor probes(int... values) {
        for (int value : values) {
            candidates.put("ivfflat.probes=" + value, SearchSettings.builder().ivfflatProbes(value).build());
        }
        return this;
    }

    /**
     * Sets the query vectors the recall is measured on.
     *
     * @param vectors the query vectors ({@code float[]} or pgvector-java values)
     * @return this advisor
     */
    public RecallAdvisor queries(List<?> vectors) {
        this.queries = List.copyOf(vectors);
        return this;
    }

    /**
     * Uses vectors of the table itself as queries: a deterministic sample of this many rows.
     *
     * @param rows how many rows to sample
     * @return this advisor
     */
    public RecallAdvisor sampleFromTable(int rows) {
        if (rows < 1) {
            throw new VectorValidationException("sample size must be at least 1, not " + rows);
        }
        this.sampleSize = rows;
        return this;
    }

    /**
     * Runs the measurement. Each query runs in its own transaction, rolled back, with its settings local to it.
     *
     * @param connection a connection; its auto-commit mode is restored afterwards
     * @return the report
     * @throws SQLException on a database error
     */
    public RecallReport measure(Connection connection) throws SQLException {
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no settings to measure: call efSearch(...) or probes(...)");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Object> probes = queries != null
                    ? queries.stream().map(q -> (Object) VectorValues.toParameter(probeType(), q)).toList()
                    : sample(connection);
            if (probes.isEmpty()) {
                throw new IllegalStateException("no query vectors: the table is empty and none were given");
            }
            String sql = "SELECT " + idColumn + " FROM " + table + " ORDER BY " + expression.sql() + " " + metric.operator()
                    + " " + expression.probeSql("?") + " LIMIT " + k;
            SearchSettings exact = SearchSettings.builder().exact(true).build();
            List<Set<Object>> truth = new ArrayList<>();
            for (Object probe : probes) {
                truth.add(new HashSet<>(run(connection, sql, probe, exact).ids()));
            }
            requireIndexScan(connection, sql, probes.get(0));
            List<RecallReport.Row> rows = new ArrayList<>();
            for (Map.Entry<String, SearchSettings> candidate : candidates.entrySet()) {
                run(connection, sql, probes.get(0), candidate.getValue()); // warm-up
                double recallSum = 0;
                double[] millis = new double[probes.size()];
                for (int i = 0; i < probes.size(); i++) {
                    Timed result = run(connection, sql, probes.get(i), candidate.getValue());
                    millis[i] = result.millis();
                    recallSum += recall(result.ids(), truth.get(i), k);
                }
                Arrays.sort(millis);
                rows.add(new RecallReport.Row(candidate.getKey(), candidate.getValue(), recallSum / probes.size(),
                        millis[millis.length / 2], millis[Math.max(0, (int) Math.ceil(millis.length * 0.95) - 1)]));
            }
            return new RecallReport(k, probes.size(), targetRecall, rows);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Recall@k: the share of the exact top k that the approximate result contains. */
    static double recall(List<Object> approximate, Set<Object> exact, int k) {
        if (exact.isEmpty()) {
            return 1.0;
        }
        long found = approximate.stream().filter(exact::contains).count();
        return found / (double) Math.min(k, exact.size());
    }

    private List<Object> sample(Connection connection) throws SQLException {
        List<Object> vectors = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + expression.column() + " FROM " + table
                + " WHERE " + expression.column() + " IS NOT NULL ORDER BY md5(" + idColumn + "::text) LIMIT ?")) {
            statement.setInt(1, sampleSize);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    vectors.add(rs.getObject(1));
                }
            }
        }
        return vectors;
    }

    private record Timed(List<Object> ids, double millis) {
    }

    private void requireIndexScan(Connection connection, String sql, Object probe) throws SQLException {
        StringBuilder plan = new StringBuilder();
        candidates.values().iterator().next().applyLocal(connection);
        keepOffSequentialScans(connection, candidates.values().iterator().next());
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + sql)) {
            statement.setObject(1, probe);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        } finally {
            connection.rollback();
        }
        if (!plan.toString().contains("Index Scan")) {
            throw new IllegalStateException("no index serves ORDER BY " + expression.sql() + " " + metric.operator()
                    + " on " + table + ", so there is no approximate search to measure; create one with a "
                    + metric + " opclass first. Plan:\n" + plan);
        }
    }

    /** Approximate runs measure the index: sequential scans off, local to the run's transaction. */
    private static void keepOffSequentialScans(Connection connection, SearchSettings settings) throws SQLException {
        if (!settings.exact()) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('enable_seqscan', 'off', true)")) {
                statement.execute();
            }
        }
    }

    private Timed run(Connection connection, String sql, Object probe, SearchSettings settings) throws SQLException {
        settings.applyLocal(connection);
        keepOffSequentialScans(connection, settings);
        List<Object> ids = new ArrayList<>(k);
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, probe);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1));
                }
            }
        }
        double millis = (System.nanoTime() - start) / 1e6;
        connection.rollback();
        return new Timed(ids, millis);
    }

    /** Probes are bound in the column's own type; expressions cast them from there. */
    private VectorType probeType() {
        if (expression instanceof IndexedExpression.Column c) {
            return c.type();
        }
        if (expression instanceof IndexedExpression.Subvector s) {
            return s.type();
        }
        return VectorType.VECTOR;
    }

    /**
     * What {@link RecallAdvisor#measure(Connection)} found.
     *
     * @param k the k of recall@k
     * @param queries how many query vectors were measured
     * @param targetRecall the recall a recommendation must reach
     * @param rows one row per setting, in the order measured
     */
    public record RecallReport(int k, int queries, double targetRecall, List<Row> rows) {

        /**
         * One measured setting.
         *
         * @param name e.g. {@code hnsw.ef_search=40}
         * @param settings the settings themselves, ready to apply
         * @param recall mean recall@k against exact search
         * @param medianMillis median query time
         * @param p95Millis 95th percentile query time
         */
        public record Row(String name, SearchSettings settings, double recall, double medianMillis, double p95Millis) {
        }

        /** {@return the first measured setting whose recall reaches the target, if any} */
        public Optional<Row> recommended() {
            return rows.stream().filter(r -> r.recall() >= targetRecall).findFirst();
        }

        /** {@return the report as a fixed-width text table} */
        public String toTable() {
            StringBuilder out = new StringBuilder(String.format("%-24s %10s %12s %12s%n", "setting", "recall@" + k,
                    "median ms", "p95 ms"));
            for (Row row : rows) {
                out.append(String.format("%-24s %10.3f %12.3f %12.3f%s%n", row.name(), row.recall(), row.medianMillis(),
                        row.p95Millis(), recommended().filter(r -> r == row).isPresent() ? "  <- recommended" : ""));
            }
            out.append(recommended().map(r -> "recommended: " + r.name() + " (target recall " + targetRecall + ", "
                    + queries + " queries)").orElse("no setting reached recall " + targetRecall + "; try larger values"));
            return out.append('\n').toString();
        }
    }
}
