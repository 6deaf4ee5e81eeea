package io.github.vectororm.examples.rag;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.Text;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retrieval for RAG: the passages handed to a language model come from one statement that fuses full-text
 * rank (keywords the user typed, GIN index) with vector rank (meaning, HNSW index) by reciprocal rank fusion,
 * with a metadata filter and an iterative HNSW scan so the filter does not starve the vector side.
 * Run: {@code bash scripts/examples.sh rag [number-of-documents]}.
 */
public final class HybridRetrievalExample {

    /** A question and the keywords a user would type for it (web-search syntax: words are ANDed unless joined by "or"). */
    public record Question(String text, String keywords) {
    }

    /** The questions the example asks. */
    public static final List<Question> QUESTIONS = List.of(
            new Question("send an HTTP request and read the response", "HTTP or request"),
            new Question("read a text file line by line", "reader or line"),
            new Question("compress data in ZIP format", "ZIP"),
            new Question("parse a date such as 2024-05-01", "date or parse"));

    /** One retrieved passage: the fused score and where each ranking placed it (null: not found by that side). */
    public record Passage(String qualifiedName, String text, double fusedScore, Integer vectorRank, Integer textRank) {
    }

    /** The text side: type name and javadoc sentence, English stemming; a GIN index on the same expression serves it. */
    public static final TextSource TEXT = TextSource.document("english", "type_name", "text");

    private static final HybridSearch SEARCH = HybridSearch.on(CorpusTable.TABLE, "id")
            .vector("embedding", VectorType.VECTOR, Metric.COSINE)
            .text(TEXT)
            .candidates(40, 40)
            .build();

    private HybridRetrievalExample() {
    }

    /**
     * @param args optional: how many documents of the corpus to load (default: all)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("rag");
        List<Document> documents = JavadocCorpus.sample(Text.documentLimit(args));
        run(database, documents, Embedder.allMiniLmL6V2(), QUESTIONS, "java.sql", System.out);
    }

    /**
     * Loads and indexes the corpus, then retrieves 5 passages per question, leaving out one package.
     *
     * @param database where the tables go
     * @param documents the corpus (or a part)
     * @param embedder the model
     * @param questions what to ask
     * @param excludedPackage a package the metadata filter leaves out
     * @param out where the results go
     * @return each question's passages, in question order
     * @throws SQLException on a database error
     */
    public static Map<Question, List<Passage>> run(ExampleDatabase database, List<Document> documents, Embedder embedder,
            List<Question> questions, String excludedPackage, PrintStream out) throws SQLException {
        CorpusTable.createAndLoad(database, documents, embedder, out);
        CorpusTable.createIndex(database, out);
        Map<Question, List<Passage>> answers = new LinkedHashMap<>();
        try (Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(TEXT.ginIndexSql("documents_text_gin", CorpusTable.TABLE));
            }
            out.println("built documents_text_gin (full text over type name + javadoc sentence)");
            // a filter can starve a plain HNSW scan of candidates; an iterative scan keeps looking
            SearchSettings settings = SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build();
            Filter filter = Filter.of("package <> ?", excludedPackage);
            for (Question question : questions) {
                List<Passage> passages = retrieve(connection, settings, embedder.embed(question.text()),
                        question.keywords(), filter);
                answers.put(question, passages);
                out.println();
                out.println("\"" + question.text() + "\" + keywords \"" + question.keywords() + "\"  (not in " + excludedPackage + ")");
                out.println("  fused   vector  text   passage");
                for (Passage p : passages) {
                    out.printf(Locale.ROOT, "  %.4f  %6s  %4s   %-42s %s%n", p.fusedScore(), rank(p.vectorRank()),
                            rank(p.textRank()), p.qualifiedName(), Text.abbreviate(p.text(), 60));
                }
            }
        }
        return answers;
    }

    private static List<Passage> retrieve(Connection connection, SearchSettings settings, float[] embedding, String keywords,
            Filter filter) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            settings.applyLocal(connection);
            SqlQuery query = SEARCH.query(embedding, keywords, 5, filter);
            String sql = "SELECT d.package || '.' || d.type_name, d.text, h.fused_score, h.vector_rank, h.text_rank"
                    + " FROM (" + query.sql() + ") h JOIN " + CorpusTable.TABLE + " d ON d.id = h.id ORDER BY h.fused_score DESC, h.id";
            List<Passage> passages = new ArrayList<>();
            try (PreparedStatement statement = new SqlQuery(sql, query.parameters()).prepare(connection);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    passages.add(new Passage(rs.getString(1), rs.getString(2), rs.getDouble(3), rank(rs, 4), rank(rs, 5)));
                }
            }
            connection.commit();
            return passages;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** A rank column: row_number() is a bigint, null where that side did not find the row. */
    private static Integer rank(ResultSet rs, int column) throws SQLException {
        long rank = rs.getLong(column);
        return rs.wasNull() ? null : (int) rank;
    }

    private static String rank(Integer rank) {
        return rank == null ? "-" : rank.toString();
    }
}
