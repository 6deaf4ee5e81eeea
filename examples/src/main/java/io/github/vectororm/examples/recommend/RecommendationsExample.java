package io.github.vectororm.examples.recommend;

import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.search.SearchHit;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.Text;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recommendations: for a few classes of the Java SE API, the five most similar other classes, as a
 * "you might also need" list would show them. Run: {@code bash scripts/examples.sh recommend}.
 */
public final class RecommendationsExample {

    /** The classes to find neighbors for. */
    public static final List<String> ITEMS = List.of(
            "java.util.ArrayList",
            "java.util.concurrent.ConcurrentHashMap",
            "java.time.LocalDate",
            "java.sql.Connection",
            "javax.swing.JButton");

    private static final int K = 5;

    private RecommendationsExample() {
    }

    /**
     * @param args optional: how many documents of the corpus to load (default: all)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("recommend");
        run(database, JavadocCorpus.sample(Text.documentLimit(args)), Embedder.allMiniLmL6V2(), ITEMS, System.out);
    }

    /**
     * Loads the documents and prints recommendations for each item.
     *
     * @param database where the {@code documents} table goes
     * @param documents the corpus (or a part of it)
     * @param embedder the model
     * @param items qualified type names to recommend for
     * @param out where the results go
     * @return each item's recommendations (items not among the documents are left out)
     * @throws SQLException on a database error
     */
    public static Map<String, List<SearchHit>> run(ExampleDatabase database, List<Document> documents, Embedder embedder,
            List<String> items, PrintStream out) throws SQLException {
        CorpusTable.createAndLoad(database, documents, embedder, out);
        CorpusTable.createIndex(database, out);
        Map<String, List<SearchHit>> recommendations = new LinkedHashMap<>();
        try (Connection connection = database.connect()) {
            MoreLikeThis moreLikeThis = new MoreLikeThis(connection);
            for (String item : items) {
                out.println();
                Optional<List<SearchHit>> hits = moreLikeThis.recommend(item, K);
                if (hits.isEmpty()) {
                    out.println(item + ": not among the loaded documents");
                    continue;
                }
                recommendations.put(item, hits.get());
                out.println("More like " + item + ":");
                for (SearchHit hit : hits.get()) {
                    out.printf(Locale.ROOT, "  %.3f  %-50s %s%n", hit.distance(), hit.qualifiedName(),
                            Text.abbreviate(hit.text(), 70));
                }
            }
        }
        return recommendations;
    }
}
