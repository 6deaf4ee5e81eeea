package io.github.vectororm.examples.recall;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.search.JdbcSemanticSearch;
import io.github.vectororm.examples.search.SearchHit;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.Text;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HNSW trade-off, measured: the same queries at several {@code hnsw.ef_search} values and by exact
 * search, with recall@10 and median latency for each setting.
 *
 * <p>Every 20th document of the corpus is held out as a query; the rest is loaded and indexed. The true
 * 10 nearest neighbors of each query come from a brute-force scan in Java ({@link GroundTruth}), so the
 * exact row checks the server as well. Run: {@code bash scripts/examples.sh recall}.
 */
public final class RecallExample {

    /**
     * The ef_search values measured (pgvector's default is 40). 5 is below the LIMIT of 10 on purpose: an
     * HNSW scan returns at most ef_search rows, so it cannot return 10.
     */
    public static final List<Integer> EF_SEARCH = List.of(5, 10, 20, 40, 80, 200);

    /** Recall is measured for the top {@value}. */
    public static final int K = 10;

    private static final int HOLD_OUT_EVERY = 20;

    /**
     * One row of the result table.
     *
     * @param setting what was set, e.g. {@code ef_search=40} or {@code exact}
     * @param recall mean recall@10 over the queries, 0 to 1
     * @param medianMillis median time per query, in milliseconds, as the client sees it (the median shrugs off
     *     the odd slow query of a busy machine)
     */
    public record Measurement(String setting, double recall, double medianMillis) {
    }

    private RecallExample() {
    }

    /**
     * @param args optional: how many documents of the corpus to use (default: all)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("recall");
        run(database, JavadocCorpus.sample(Text.documentLimit(args)), Embedder.allMiniLmL6V2(), EF_SEARCH, System.out);
    }

    /**
     * Loads and indexes the documents (minus the held-out queries) and measures each setting.
     *
     * @param database where the {@code documents} table goes
     * @param documents the corpus (or a part of it)
     * @param embedder the model
     * @param efSearchValues the ef_search values to measure, ascending
     * @param out where the table goes
     * @return one measurement per ef_search value, in order, then the exact one
     * @throws SQLException on a database error
     */
    public static List<Measurement> run(ExampleDatabase database, List<Document> documents, Embedder embedder,
            List<Integer> efSearchValues, PrintStream out) throws SQLException {
        List<Document> table = new ArrayList<>();
        List<Document> held = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            (i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1 ? held : table).add(documents.get(i));
        }
        CorpusTable.createAndLoad(database, table, embedder, out);
        CorpusTable.createIndex(database, out);

        out.println("Embedding " + held.size() + " held-out documents as queries");
        List<float[]> queries = embedder.embedAll(held.stream().map(Document::embeddingText).toList(), out);
        GroundTruth truth = GroundTruth.of(database, queries, K);

        Map<String, SearchSettings> settings = new LinkedHashMap<>();
        for (int efSearch : efSearchValues) {
            settings.put("ef_search=" + efSearch, SearchSettings.builder().hnswEfSearch(efSearch).build());
        }
        settings.put("exact (no index)", SearchSettings.builder().exact(true).build());

        List<Measurement> measurements = new ArrayList<>();
        out.println();
        out.printf("%d queries, top %d, HNSW m=16 ef_construction=64 over %d documents%n", queries.size(), K, table.size());
        out.printf("  %-18s %10s %16s%n", "setting", "recall@" + K, "median ms/query");
        for (Map.Entry<String, SearchSettings> setting : settings.entrySet()) {
            // A connection per setting: PostgreSQL may reuse a prepared statement's cached plan, and planner
            // settings such as enable_indexscan (exact search) do not invalidate it.
            try (Connection connection = database.connect()) {
                double[] millis = new double[queries.size()];
                measure(connection, setting.getValue(), queries, millis); // warm-up: caches, prepared statement
                List<List<SearchHit>> results = measure(connection, setting.getValue(), queries, millis);
                Arrays.sort(millis);
                Measurement m = new Measurement(setting.getKey(), truth.meanRecall(results), millis[millis.length / 2]);
                measurements.add(m);
                out.printf(Locale.ROOT, "  %-18s %10.3f %16.2f%n", m.setting(), m.recall(), m.medianMillis());
            }
        }
        out.println("Higher ef_search visits more of the graph: better recall, slower queries. Below the LIMIT it returns"
                + " fewer rows than asked.\nExact search is always right but reads every row, so its cost grows with the"
                + " table while the index's barely does.");
        return measurements;
    }

    private static List<List<SearchHit>> measure(Connection connection, SearchSettings settings, List<float[]> queries,
            double[] millis) throws SQLException {
        List<List<SearchHit>> results = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            long start = System.nanoTime();
            // the HNSW rows must measure the index even where the planner would scan a small table instead
            results.add(JdbcSemanticSearch.nearest(connection, settings, !settings.exact(), queries.get(q), K));
            millis[q] = (System.nanoTime() - start) / 1e6;
        }
        return results;
    }
}
