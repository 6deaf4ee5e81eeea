package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.rag.HybridEvaluationExample;
import io.github.vectororm.examples.rag.HybridEvaluationExample.Evaluation;
import io.github.vectororm.examples.rag.HybridEvaluationExample.Method;
import io.github.vectororm.examples.rag.HybridEvaluationExample.QueryResult;
import io.github.vectororm.examples.rag.LabelledQuery;
import io.github.vectororm.examples.rag.RankingMetrics;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The labelled evaluation of hybrid search, on a subset of the corpus that keeps CI short: every labelled document
 * plus an even sample of 600 corpus documents as distractors (722 documents; the whole corpus, 3,267, takes
 * {@code bash scripts/examples.sh rag-eval}, whose numbers README gives).
 *
 * <p>What is asserted is what holds by construction or by a wide margin: the metrics equal a hand computation,
 * the hybrid list is the RRF fusion of the two single-method lists, each method's plan uses its index, and hybrid
 * beats text-only. Whether hybrid beats vector-only is printed, not asserted: on this labelled set it does not
 * (it scores a little below, see README), and the HNSW build is randomised, so a margin that small is no assertion.
 */
@PgVectorDatabase
class HybridEvaluationExampleTest {

    /** Distractors sampled for the CI subset, besides the labelled documents. */
    static final int DISTRACTORS = 600;

    @Test
    void labelledSetNamesCorpusDocumentsAndMixesTheKindsOfQuery() {
        List<LabelledQuery> queries = LabelledQuery.load();
        Set<String> corpus = JavadocCorpus.load().stream().map(Document::qualifiedName).collect(Collectors.toSet());
        assertThat(queries).hasSize(44).extracting(LabelledQuery::text).doesNotHaveDuplicates();
        for (String kind : LabelledQuery.KINDS) {
            assertThat(queries).filteredOn(q -> q.kind().equals(kind)).as(kind + " queries").hasSizeGreaterThanOrEqualTo(10);
        }
        for (LabelledQuery query : queries) {
            assertThat(corpus).as("labels of '" + query.text() + "'").containsAll(query.relevant());
        }
        List<Document> subset = HybridEvaluationExample.documentsFor(queries, DISTRACTORS);
        assertThat(subset.stream().map(Document::qualifiedName).toList())
                .containsAll(queries.stream().flatMap(q -> q.relevant().stream()).toList());
        assertThat(subset.size()).isBetween(DISTRACTORS, DISTRACTORS + 200);
    }

    @Test
    void metricsEqualHandComputedValues() {
        // ranks 1 and 3 relevant, of 3 relevant documents in all
        List<String> ranked = List.of("a", "x", "b", "y");
        Set<String> relevant = Set.of("a", "b", "c");
        assertThat(RankingMetrics.recall(ranked, relevant, 10)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RankingMetrics.recall(ranked, relevant, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.reciprocalRank(List.of("x", "y", "b"), relevant, 10)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.reciprocalRank(List.of("x", "y", "b"), relevant, 2)).isZero();
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) + 1/log2(4) = 2.1309297535714575
        assertThat(RankingMetrics.ndcg(ranked, relevant, 10)).isCloseTo(1.5 / 2.1309297535714575, within(1e-12));
        assertThat(RankingMetrics.ndcg(List.of("c", "b", "a"), relevant, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.ndcg(List.of("x"), relevant, 10)).isZero();
    }

    @Test
    void evaluatesTheThreeMethodsOnTheLabelledSet(TestDatabase db) throws SQLException {
        List<LabelledQuery> queries = LabelledQuery.load();
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();
        ExampleDatabase database = new ExampleDatabase(db.jdbcUrl());
        Evaluation evaluation = HybridEvaluationExample.run(database, HybridEvaluationExample.documentsFor(queries, DISTRACTORS),
                ExampleTestSupport.EMBEDDER, queries, out.stream());
        String text = out.text();

        assertThat(evaluation.results()).hasSize(queries.size());
        for (QueryResult r : evaluation.results()) {
            assertThat(r.ranked().get(Method.VECTOR)).hasSize(10).doesNotHaveDuplicates();
            assertThat(r.ranked().get(Method.HYBRID)).hasSize(10).doesNotHaveDuplicates();
            assertThat(r.ranked().get(Method.TEXT)).hasSizeLessThanOrEqualTo(10).doesNotHaveDuplicates();
            assertThat(r.ranked().get(Method.HYBRID_ANY)).hasSize(10).doesNotHaveDuplicates();
            assertThat(r.ranked().get(Method.TEXT_ANY)).hasSizeLessThanOrEqualTo(10).doesNotHaveDuplicates()
                    .as("any of the words matches at least what all of them match").hasSizeGreaterThanOrEqualTo(r.ranked().get(Method.TEXT).size());
            if (r.ranked().get(Method.TEXT).isEmpty()) {
                // RRF with one side empty keeps the other side's order
                assertThat(r.ranked().get(Method.HYBRID)).as(r.query().text()).isEqualTo(r.ranked().get(Method.VECTOR));
            }
        }
        assertThat(evaluation.results()).as("paraphrases whose words are in no single document find nothing by full text")
                .anyMatch(r -> r.ranked().get(Method.TEXT).isEmpty())
                .anyMatch(r -> !r.ranked().get(Method.TEXT).isEmpty());

        // one query's nDCG@10, computed here from the positions of its relevant documents
        QueryResult crc = evaluation.results().stream().filter(r -> r.query().text().equals("CRC32")).findFirst().orElseThrow();
        for (Method method : Method.values()) {
            List<String> ranked = crc.ranked().get(method);
            double dcg = 0;
            for (String relevant : crc.query().relevant()) {
                int position = ranked.indexOf(relevant); // 0-based, -1 if absent
                if (position >= 0) {
                    dcg += Math.log(2) / Math.log(position + 2);
                }
            }
            double ideal = 1 + Math.log(2) / Math.log(3); // two relevant documents: CRC32 and CRC32C
            assertThat(crc.scores(method).ndcg()).as(method.label()).isCloseTo(dcg / ideal, within(1e-12));
        }

        // the hybrid list is the RRF fusion (k = 60, weights 1) of the two single-method lists, each cut at 40 candidates
        try (Connection connection = database.connect()) {
            for (String query : List.of("CRC32", "random number generator", "parse an XML document")) {
                assertFusion(connection, query, Method.HYBRID, Method.TEXT);
            }
            assertFusion(connection, "a lock many readers can hold but only one writer", Method.HYBRID_ANY, Method.TEXT_ANY);
        }

        // EXPLAIN: vector-only through HNSW, text-only through GIN, hybrid through both
        String hnsw = CorpusTable.COSINE_INDEX.name();
        assertThat(evaluation.indexesUsed().get(Method.VECTOR)).contains(hnsw).doesNotContain("documents_text_gin");
        assertThat(evaluation.indexesUsed().get(Method.TEXT)).contains("documents_text_gin").doesNotContain(hnsw);
        assertThat(evaluation.indexesUsed().get(Method.HYBRID)).contains(hnsw, "documents_text_gin");
        assertThat(evaluation.indexesUsed().get(Method.TEXT_ANY)).contains("documents_text_gin").doesNotContain(hnsw);
        assertThat(evaluation.indexesUsed().get(Method.HYBRID_ANY)).contains(hnsw, "documents_text_gin");

        double vectorNdcg = evaluation.mean(Method.VECTOR).ndcg();
        double textNdcg = evaluation.mean(Method.TEXT).ndcg();
        double hybridNdcg = evaluation.mean(Method.HYBRID).ndcg();
        assertThat(hybridNdcg).as("hybrid vs text-only, mean nDCG@10").isGreaterThan(textNdcg);
        System.out.printf("[measure] hybrid-eval outcome: hybrid nDCG@10 %.3f vs vector-only %.3f (%s), vs text-only %.3f%n",
                hybridNdcg, vectorNdcg, hybridNdcg >= vectorNdcg ? "hybrid >= vector-only" : "hybrid < vector-only", textNdcg);
        double anyNdcg = evaluation.mean(Method.HYBRID_ANY).ndcg();
        System.out.printf("[measure] hybrid-eval outcome: hybrid-any nDCG@10 %.3f vs vector-only %.3f (%s), vs text-any %.3f%n",
                anyNdcg, vectorNdcg, anyNdcg >= vectorNdcg ? "hybrid-any >= vector-only" : "hybrid-any < vector-only",
                evaluation.mean(Method.TEXT_ANY).ndcg());
        Set<String> printedMethods = new HashSet<>();
        for (Method method : Method.values()) {
            if (text.contains("[measure] hybrid-eval documents=" + evaluation.documents() + " queries=44 method=" + method.label())) {
                printedMethods.add(method.label());
            }
        }
        assertThat(printedMethods).hasSize(Method.values().length);
    }

    private static void assertFusion(Connection connection, String query, Method hybridMethod, Method textMethod) throws SQLException {
        float[] embedding = ExampleTestSupport.EMBEDDER.embed(query);
        List<String> vector = HybridEvaluationExample.search(connection, Method.VECTOR, query, embedding, 40);
        List<String> words = HybridEvaluationExample.search(connection, textMethod, query, embedding, 40);
        assertThat(words).as("'" + query + "' matches by full text").isNotEmpty().hasSizeLessThan(40);
        Map<String, Double> fused = new HashMap<>();
        for (int i = 0; i < vector.size(); i++) {
            fused.merge(vector.get(i), 1.0 / (60 + i + 1), Double::sum);
        }
        for (int i = 0; i < words.size(); i++) {
            fused.merge(words.get(i), 1.0 / (60 + i + 1), Double::sum);
        }
        List<Double> expected = fused.values().stream().sorted(Comparator.reverseOrder()).limit(10).toList();
        List<String> hybrid = HybridEvaluationExample.search(connection, hybridMethod, query, embedding, 10);
        List<Double> actual = new ArrayList<>();
        for (String name : hybrid) {
            actual.add(fused.getOrDefault(name, 0.0));
        }
        // compared by score, so that rows tied on the fused score may come in either order
        assertThat(actual).as(query).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(actual.get(i)).as(query + " rank " + (i + 1)).isCloseTo(expected.get(i), within(1e-12));
        }
    }
}
