package io.github.vectororm.examples.rag;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.TextMatch;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.SearchTransaction;
import io.github.vectororm.examples.support.Text;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Does hybrid search find more of what people want than either side alone? Runs each query of the labelled
 * set ({@link LabelledQuery}) three ways over the same {@code documents} table and scores the top
 * {@value #K} against the labels with recall@10, MRR@10 and nDCG@10 ({@link RankingMetrics}):
 * <ul>
 *   <li>{@linkplain Method#VECTOR vector-only}: {@code ORDER BY embedding <=> ? LIMIT 10} through the HNSW index;</li>
 *   <li>{@linkplain Method#TEXT text-only}: {@code websearch_to_tsquery} matched through the GIN index, ranked by
 *       {@code ts_rank_cd}, over the same {@code tsvector} expression as the hybrid's text side;</li>
 *   <li>{@linkplain Method#HYBRID hybrid}: vector-core's {@link HybridSearch} at its defaults (40 candidates a side,
 *       weights 1 and 1, RRF k = 60).</li>
 *   <li>{@linkplain Method#TEXT_ANY text-any} and {@linkplain Method#HYBRID_ANY hybrid-any}: the same two with
 *       {@link TextMatch#ANY_TERM}, where a document needs only some of the query's words. This variant was added
 *       after the first run showed {@code websearch_to_tsquery} matching nothing for most natural-language queries;
 *       the labels and queries did not change.</li>
 * </ul>
 * The same query string is embedded for the vector side and handed to {@code websearch_to_tsquery}.
 * Run: {@code bash scripts/examples.sh rag-eval [number-of-documents]}; with a number, the table holds every
 * labelled document plus an even sample of the corpus of that size as distractors ({@link #documentsFor}).
 */
public final class HybridEvaluationExample {

    /** The cut-off of every metric. */
    public static final int K = 10;

    /** A way of searching. */
    public enum Method {
        /** HNSW k-NN on the embedding. */
        VECTOR("vector-only"),
        /** Full-text match and rank. */
        TEXT("text-only"),
        /** Both, fused by reciprocal rank fusion. */
        HYBRID("hybrid"),
        /** Full-text match of any of the query's words ({@link TextMatch#ANY_TERM}), ranked. */
        TEXT_ANY("text-any"),
        /** Vector and any-word full text, fused by reciprocal rank fusion. */
        HYBRID_ANY("hybrid-any");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** @return the name printed in tables */
        public String label() {
            return label;
        }
    }

    /**
     * The three metrics of one result list, or their means.
     *
     * @param recall recall@10
     * @param mrr reciprocal rank within the first 10 (MRR@10 when averaged)
     * @param ndcg nDCG@10
     */
    public record Scores(double recall, double mrr, double ndcg) {

        /**
         * @param ranked the results, best first
         * @param relevant the labelled documents
         * @return the scores of the first {@value #K} results
         */
        public static Scores of(List<String> ranked, Set<String> relevant) {
            return new Scores(RankingMetrics.recall(ranked, relevant, K), RankingMetrics.reciprocalRank(ranked, relevant, K),
                    RankingMetrics.ndcg(ranked, relevant, K));
        }

        static Scores mean(List<Scores> scores) {
            return new Scores(scores.stream().mapToDouble(Scores::recall).average().orElse(0),
                    scores.stream().mapToDouble(Scores::mrr).average().orElse(0),
                    scores.stream().mapToDouble(Scores::ndcg).average().orElse(0));
        }
    }

    /**
     * One query's results.
     *
     * @param query the labelled query
     * @param ranked each method's top {@value #K}, fully qualified type names, best first
     */
    public record QueryResult(LabelledQuery query, Map<Method, List<String>> ranked) {

        /**
         * @param method a method
         * @return its scores for this query
         */
        public Scores scores(Method method) {
            return Scores.of(ranked.get(method), query.relevant());
        }
    }

    /**
     * The whole run.
     *
     * @param documents how many documents the table held
     * @param results per query, in the labelled set's order
     * @param indexesUsed per method, the indexes its plan (EXPLAIN of the first query) names
     */
    public record Evaluation(int documents, List<QueryResult> results, Map<Method, Set<String>> indexesUsed) {

        /**
         * @param method a method
         * @return its mean scores over all queries
         */
        public Scores mean(Method method) {
            return Scores.mean(results.stream().map(r -> r.scores(method)).toList());
        }

        /**
         * @param method a method
         * @param kind a query kind ({@link LabelledQuery#KINDS})
         * @return its mean scores over the queries of that kind
         */
        public Scores mean(Method method, String kind) {
            return Scores.mean(results.stream().filter(r -> r.query().kind().equals(kind)).map(r -> r.scores(method)).toList());
        }
    }

    /** The hybrid search, at vector-core's defaults: 40 candidates a side, weights 1 and 1, RRF k = 60. */
    public static final HybridSearch SEARCH = HybridSearch.on(CorpusTable.TABLE, "id")
            .vector("embedding", VectorType.VECTOR, Metric.COSINE)
            .text(HybridRetrievalExample.TEXT)
            .build();

    /** The hybrid search with {@link TextMatch#ANY_TERM}, otherwise as {@link #SEARCH}. */
    public static final HybridSearch SEARCH_ANY_TERM = HybridSearch.on(CorpusTable.TABLE, "id")
            .vector("embedding", VectorType.VECTOR, Metric.COSINE)
            .text(HybridRetrievalExample.TEXT)
            .textMatch(TextMatch.ANY_TERM)
            .build();

    /** Vector-only: the form the HNSW index serves. */
    public static final String VECTOR_SQL = "SELECT package || '.' || type_name FROM " + CorpusTable.TABLE
            + " ORDER BY embedding " + Metric.COSINE.operator() + " ? LIMIT ?";

    /** Text-only: the hybrid's text side on its own, the same tsvector expression (served by the GIN index). */
    public static final String TEXT_SQL = textSql("websearch_to_tsquery('" + HybridRetrievalExample.TEXT.config() + "', ?)");

    /** Text-only with any of the words: the tsquery {@link TextMatch#ANY_TERM} renders, written out here. */
    public static final String TEXT_ANY_SQL = textSql("cast(replace(plainto_tsquery('" + HybridRetrievalExample.TEXT.config()
            + "', ?)::text, ' & ', ' | ') as tsquery)");

    private static String textSql(String tsquery) {
        return "SELECT t.package || '.' || t.type_name FROM " + CorpusTable.TABLE + " t, " + tsquery + " q WHERE "
                + HybridRetrievalExample.TEXT.documentSql() + " @@ q ORDER BY ts_rank_cd("
                + HybridRetrievalExample.TEXT.documentSql() + ", q) DESC, t.id LIMIT ?";
    }

    private static final Pattern INDEX_IN_PLAN = Pattern.compile("(?:Index Scan|Bitmap Index Scan|Index Only Scan) on (\\S+)"
            + "|Scan using (\\S+)");

    private HybridEvaluationExample() {
    }

    /**
     * @param args optional: the number of distractor documents sampled from the corpus besides the labelled ones
     *     (default: the whole corpus)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("rag_eval");
        List<LabelledQuery> queries = LabelledQuery.load();
        run(database, documentsFor(queries, Text.documentLimit(args)), Embedder.allMiniLmL6V2(), queries, System.out);
    }

    /**
     * Every labelled document plus an even sample of the corpus ({@link JavadocCorpus#sample(int)}), in corpus order.
     *
     * @param queries the labelled queries
     * @param distractors how many documents to sample besides ({@link Integer#MAX_VALUE}: the whole corpus)
     * @return the documents
     */
    public static List<Document> documentsFor(List<LabelledQuery> queries, int distractors) {
        Set<String> labelled = queries.stream().flatMap(q -> q.relevant().stream()).collect(Collectors.toSet());
        Set<Integer> sampled = JavadocCorpus.sample(distractors).stream().map(Document::id).collect(Collectors.toSet());
        return JavadocCorpus.load().stream().filter(d -> sampled.contains(d.id()) || labelled.contains(d.qualifiedName()))
                .toList();
    }

    /**
     * Loads and indexes the documents, runs every query three ways and prints the scores.
     *
     * @param database where the table goes
     * @param documents the corpus or a part; must hold every labelled document
     * @param embedder the model
     * @param queries the labelled queries
     * @param out where the results go
     * @return the results and scores
     * @throws SQLException on a database error
     */
    public static Evaluation run(ExampleDatabase database, List<Document> documents, Embedder embedder,
            List<LabelledQuery> queries, PrintStream out) throws SQLException {
        Set<String> present = documents.stream().map(Document::qualifiedName).collect(Collectors.toSet());
        Set<String> missing = queries.stream().flatMap(q -> q.relevant().stream()).filter(name -> !present.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("labelled documents not among the " + documents.size() + " loaded: " + missing);
        }
        CorpusTable.createAndLoad(database, documents, embedder, out);
        CorpusTable.createIndex(database, out);
        List<QueryResult> results = new ArrayList<>();
        Map<Method, Set<String>> indexesUsed = new EnumMap<>(Method.class);
        try (Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(HybridRetrievalExample.TEXT.ginIndexSql("documents_text_gin", CorpusTable.TABLE));
            }
            out.println("built documents_text_gin (full text over type name + javadoc sentence)");
            for (LabelledQuery query : queries) {
                float[] embedding = embedder.embed(query.text());
                Map<Method, List<String>> ranked = new EnumMap<>(Method.class);
                for (Method method : Method.values()) {
                    ranked.put(method, search(connection, method, query.text(), embedding, K));
                    if (!indexesUsed.containsKey(method)) {
                        indexesUsed.put(method, indexesUsed(connection, statement(method, query.text(), embedding, K)));
                    }
                }
                results.add(new QueryResult(query, ranked));
            }
        }
        Evaluation evaluation = new Evaluation(documents.size(), results, indexesUsed);
        print(evaluation, out);
        return evaluation;
    }

    /**
     * Runs one search in a transaction of its own with sequential scans off, so that every method takes its index
     * (HNSW, GIN) on a small table too, as it does unasked on the whole corpus.
     *
     * @param connection an open connection in auto-commit mode
     * @param method how to search
     * @param queryText the query
     * @param embedding the query's embedding
     * @param limit how many results
     * @return fully qualified type names, best first
     * @throws SQLException on a database error
     */
    public static List<String> search(Connection connection, Method method, String queryText, float[] embedding, int limit)
            throws SQLException {
        SqlQuery query = statement(method, queryText, embedding, limit);
        return SearchTransaction.run(connection, SearchSettings.none(), true, () -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement statement = query.prepare(connection); ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    private static SqlQuery statement(Method method, String queryText, float[] embedding, int limit) {
        return switch (method) {
            case VECTOR -> new SqlQuery(VECTOR_SQL, List.of(VectorValues.toParameter(VectorType.VECTOR, embedding), limit));
            case TEXT -> new SqlQuery(TEXT_SQL, List.of(queryText, limit));
            case TEXT_ANY -> new SqlQuery(TEXT_ANY_SQL, List.of(queryText, limit));
            case HYBRID -> namesOf(SEARCH.query(embedding, queryText, limit, null));
            case HYBRID_ANY -> namesOf(SEARCH_ANY_TERM.query(embedding, queryText, limit, null));
        };
    }

    private static SqlQuery namesOf(SqlQuery hybrid) {
        return new SqlQuery("SELECT d.package || '.' || d.type_name FROM (" + hybrid.sql() + ") h JOIN "
                + CorpusTable.TABLE + " d ON d.id = h.id ORDER BY h.fused_score DESC, h.id", hybrid.parameters());
    }

    private static Set<String> indexesUsed(Connection connection, SqlQuery query) throws SQLException {
        SqlQuery explain = new SqlQuery("EXPLAIN " + query.sql(), query.parameters());
        return SearchTransaction.run(connection, SearchSettings.none(), true, () -> {
            Set<String> indexes = new TreeSet<>();
            try (PreparedStatement statement = explain.prepare(connection); ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Matcher m = INDEX_IN_PLAN.matcher(rs.getString(1));
                    while (m.find()) {
                        indexes.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
            return indexes;
        });
    }

    private static void print(Evaluation evaluation, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%d labelled queries over %d documents, top %d (nDCG@%d per query)%n",
                evaluation.results().size(), evaluation.documents(), K, K);
        out.println("  kind      vector  text    hybrid  t-any   h-any   query");
        for (QueryResult r : evaluation.results()) {
            out.printf(Locale.ROOT, "  %-8s  %.3f   %.3f   %.3f   %.3f   %.3f   %s%n", r.query().kind(), r.scores(Method.VECTOR).ndcg(),
                    r.scores(Method.TEXT).ndcg(), r.scores(Method.HYBRID).ndcg(), r.scores(Method.TEXT_ANY).ndcg(),
                    r.scores(Method.HYBRID_ANY).ndcg(), Text.abbreviate(r.query().text(), 50));
        }
        out.println();
        out.printf(Locale.ROOT, "  method        recall@%d  MRR@%d  nDCG@%d   nDCG@%d keyword / semantic / mixed   indexes%n", K, K, K, K);
        for (Method method : Method.values()) {
            Scores mean = evaluation.mean(method);
            out.printf(Locale.ROOT, "  %-12s  %9.3f  %6.3f  %7.3f   %.3f / %.3f / %.3f                %s%n", method.label(),
                    mean.recall(), mean.mrr(), mean.ndcg(), evaluation.mean(method, "keyword").ndcg(),
                    evaluation.mean(method, "semantic").ndcg(), evaluation.mean(method, "mixed").ndcg(),
                    String.join(", ", evaluation.indexesUsed().get(method)));
        }
        long textEmpty = evaluation.results().stream().filter(r -> r.ranked().get(Method.TEXT).isEmpty()).count();
        out.printf(Locale.ROOT, "  text-only found nothing for %d of %d queries (websearch_to_tsquery ANDs the words);"
                + " there hybrid returns the vector-only list%n", textEmpty, evaluation.results().size());
        compare(evaluation, Method.HYBRID, List.of(Method.VECTOR, Method.TEXT), out);
        compare(evaluation, Method.HYBRID_ANY, List.of(Method.VECTOR, Method.TEXT_ANY), out);
        for (Method method : Method.values()) {
            Scores mean = evaluation.mean(method);
            out.printf(Locale.ROOT, "[measure] hybrid-eval documents=%d queries=%d method=%s recall@%d=%.3f mrr@%d=%.3f ndcg@%d=%.3f"
                    + " ndcg@%d.keyword=%.3f ndcg@%d.semantic=%.3f ndcg@%d.mixed=%.3f%n", evaluation.documents(),
                    evaluation.results().size(), method.label(), K, mean.recall(), K, mean.mrr(), K, mean.ndcg(),
                    K, evaluation.mean(method, "keyword").ndcg(), K, evaluation.mean(method, "semantic").ndcg(),
                    K, evaluation.mean(method, "mixed").ndcg());
        }
    }

    private static void compare(Evaluation evaluation, Method hybrid, List<Method> singles, PrintStream out) {
        for (Method single : singles) {
            long better = evaluation.results().stream()
                    .filter(r -> r.scores(hybrid).ndcg() > r.scores(single).ndcg() + 1e-9).count();
            long worse = evaluation.results().stream()
                    .filter(r -> r.scores(hybrid).ndcg() < r.scores(single).ndcg() - 1e-9).count();
            out.printf(Locale.ROOT, "  %s vs %s, nDCG@%d per query: better on %d, worse on %d, equal on %d%n", hybrid.label(),
                    single.label(), K, better, worse, evaluation.results().size() - better - worse);
            out.printf(Locale.ROOT, "[measure] hybrid-eval documents=%d %s-vs=%s better=%d worse=%d equal=%d%n",
                    evaluation.documents(), hybrid.label(), single.label(), better, worse,
                    evaluation.results().size() - better - worse);
        }
    }
}
