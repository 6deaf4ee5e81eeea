package io.github.vectororm.examples.rag;

import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.embedding.SpringAiEmbeddingModel;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.Text;
import io.github.vectororm.springai.VectorOrmVectorStore;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * The retrieval step of RAG through Spring AI's {@link VectorStore} API, with vector-orm's store underneath: the
 * corpus goes in as Spring AI documents (text + metadata, embedded by the in-process model), and each question gets
 * the 5 nearest passages outside one package, filtered by a Spring AI filter expression (built with its {@code FilterExpressionBuilder}). The store orders by the bare
 * cosine operator, so its HNSW index serves the query, and binds every filter value.
 * Run: {@code bash scripts/examples.sh rag-spring-ai [number-of-documents]}.
 */
public final class SpringAiRetrievalExample {

    /** One retrieved passage: its qualified type name, its text and the store's similarity score. */
    public record Passage(String qualifiedName, String text, double score) {
    }

    private SpringAiRetrievalExample() {
    }

    /**
     * @param args optional: how many documents of the corpus to load (default: all)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("rag_spring_ai");
        run(database, JavadocCorpus.sample(Text.documentLimit(args)), Embedder.allMiniLmL6V2(),
                HybridRetrievalExample.QUESTIONS, "java.sql", System.out);
    }

    /**
     * Loads the corpus into a Spring AI vector store on vector-orm, then retrieves 5 passages per question.
     *
     * @param database where the store's table goes
     * @param documents the corpus (or a part)
     * @param embedder the model
     * @param questions what to ask
     * @param excludedPackage a package the filter expression leaves out
     * @param out where the results go
     * @return each question's passages, best first, in question order
     */
    public static Map<HybridRetrievalExample.Question, List<Passage>> run(ExampleDatabase database,
            List<Document> documents, Embedder embedder, List<HybridRetrievalExample.Question> questions,
            String excludedPackage, PrintStream out) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        VectorStore store = VectorOrmVectorStore.builder(dataSource, new SpringAiEmbeddingModel(embedder))
                .table("spring_ai_passages").dimensions(Embedder.DIMENSIONS).initializeSchema(true).build();
        store.add(documents.stream().map(d -> new org.springframework.ai.document.Document(d.text(),
                Map.of("package", d.packageName(), "type", d.typeName()))).toList());
        out.println("added " + documents.size() + " passages to the Spring AI vector store (table spring_ai_passages)");
        Map<HybridRetrievalExample.Question, List<Passage>> answers = new LinkedHashMap<>();
        for (HybridRetrievalExample.Question question : questions) {
            List<Passage> passages = store.similaritySearch(SearchRequest.builder().query(question.text()).topK(5)
                            .filterExpression(new FilterExpressionBuilder().ne("package", excludedPackage).build()).build())
                    .stream().map(d -> new Passage(d.getMetadata().get("package") + "." + d.getMetadata().get("type"),
                            d.getText(), d.getScore() == null ? Double.NaN : d.getScore())).toList();
            answers.put(question, passages);
            out.println();
            out.println("\"" + question.text() + "\"  (not in " + excludedPackage + ")");
            for (Passage p : passages) {
                out.printf(Locale.ROOT, "  %.4f  %-42s %s%n", p.score(), p.qualifiedName(), Text.abbreviate(p.text(), 60));
            }
        }
        return answers;
    }
}
