package io.github.vectororm.examples.search;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.Text;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Semantic search over the Java SE API: questions in plain English find the classes that answer them,
 * although they share few words with the javadoc.
 *
 * <p>Steps: embed the corpus, load it with COPY, build an HNSW index (watching its progress), then embed
 * each question and ask for its 5 nearest documents with {@link JdbcSemanticSearch}.
 * Run: {@code bash scripts/examples.sh search [number-of-documents]}.
 */
public final class SemanticSearchExample {

    /** The questions the example asks. */
    public static final List<String> QUESTIONS = List.of(
            "read a text file line by line",
            "a map that many threads can update at the same time",
            "parse a date such as 2024-05-01",
            "send an HTTP request and read the response",
            "compress data in ZIP format",
            "connect to a relational database and run SQL queries",
            "a button the user can click in a desktop window");

    private static final int K = 5;

    private SemanticSearchExample() {
    }

    /**
     * @param args optional: how many documents of the corpus to load (default: all)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("search");
        List<Document> documents = JavadocCorpus.sample(Text.documentLimit(args));
        run(database, documents, Embedder.allMiniLmL6V2(), QUESTIONS, System.out);
    }

    /**
     * Loads the documents, indexes them and answers the questions.
     *
     * @param database where the {@code documents} table goes
     * @param documents the corpus (or a part of it)
     * @param embedder the model
     * @param questions what to ask
     * @param out where the results go
     * @return each question's hits, in question order
     * @throws SQLException on a database error
     */
    public static Map<String, List<SearchHit>> run(ExampleDatabase database, List<Document> documents, Embedder embedder,
            List<String> questions, PrintStream out) throws SQLException {
        CorpusTable.createAndLoad(database, documents, embedder, out);
        CorpusTable.createIndex(database, out);

        SemanticSearch search = new JdbcSemanticSearch(database, SearchSettings.none());
        Map<String, List<SearchHit>> answers = new LinkedHashMap<>();
        for (String question : questions) {
            List<SearchHit> hits = search.nearest(embedder.embed(question), K);
            answers.put(question, hits);
            out.println();
            out.println("\"" + question + "\"  (cosine distance, smaller is nearer)");
            for (SearchHit hit : hits) {
                out.printf(Locale.ROOT, "  %.3f  %-50s %s%n", hit.distance(), hit.qualifiedName(), Text.abbreviate(hit.text(), 70));
            }
        }
        return answers;
    }
}
