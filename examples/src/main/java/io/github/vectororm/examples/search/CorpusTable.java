package io.github.vectororm.examples.search;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.IndexBuild;
import io.github.vectororm.examples.support.Progress;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@code documents} table the corpus examples share: create it, embed and bulk-load documents with
 * {@link VectorCopyWriter}, and build the HNSW index for cosine distance.
 *
 * <pre>
 * documents(id int, module text, package text, type_name text, kind text, text text, embedding vector(384))
 * </pre>
 */
public final class CorpusTable {

    /** The table name. */
    public static final String TABLE = "documents";

    /** The HNSW index for {@code ORDER BY embedding <=> ? LIMIT k}, at pgvector's default build options. */
    public static final IndexDefinition COSINE_INDEX = IndexDefinition
            .hnsw(TABLE, IndexedExpression.column("embedding", VectorType.VECTOR, Embedder.DIMENSIONS), Metric.COSINE)
            .m(16).efConstruction(64)
            .build();

    private CorpusTable() {
    }

    /**
     * Creates the table, embeds the documents and loads them with COPY (no index yet).
     *
     * @param database the example's database
     * @param documents what to load
     * @param embedder the model
     * @param out where progress goes
     * @throws SQLException on a database error
     */
    public static void createAndLoad(ExampleDatabase database, List<Document> documents, Embedder embedder, PrintStream out)
            throws SQLException {
        out.println("Embedding " + documents.size() + " documents with all-MiniLM-L6-v2 (in-process, "
                + Embedder.DIMENSIONS + " dimensions)");
        List<float[]> embeddings = embedder.embedAll(documents.stream().map(Document::embeddingText).toList(), out);
        try (Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, module text NOT NULL,"
                        + " package text NOT NULL, type_name text NOT NULL, kind text NOT NULL, text text NOT NULL, embedding "
                        + VectorType.VECTOR.columnDefinition(Embedder.DIMENSIONS) + " NOT NULL)");
            }
            copy(connection, documents, embeddings, out);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE " + TABLE); // fresh statistics, so the planner costs the index right
            }
        }
    }

    private static void copy(Connection connection, List<Document> documents, List<float[]> embeddings, PrintStream out)
            throws SQLException {
        out.println("Loading with COPY ... (FORMAT BINARY)");
        Progress progress = Progress.start(out, "copied", "rows", documents.size());
        try (VectorCopyWriter writer = VectorCopyWriter.into(connection, TABLE)
                .column("id", CopyType.INTEGER).column("module", CopyType.TEXT).column("package", CopyType.TEXT)
                .column("type_name", CopyType.TEXT).column("kind", CopyType.TEXT).column("text", CopyType.TEXT)
                .column("embedding", CopyType.VECTOR)
                .open()) {
            for (int i = 0; i < documents.size(); i++) {
                Document d = documents.get(i);
                writer.addRow(d.id(), d.module(), d.packageName(), d.typeName(), d.kind(), d.text(), embeddings.get(i));
                progress.update(i + 1);
            }
            progress.finish(writer.finish());
        }
    }

    /**
     * Builds {@link #COSINE_INDEX}, printing progress from {@code pg_stat_progress_create_index}.
     *
     * @param database the example's database
     * @param out where progress goes
     * @throws SQLException on a database error
     */
    public static void createIndex(ExampleDatabase database, PrintStream out) throws SQLException {
        IndexBuild.create(database, COSINE_INDEX, out);
    }
}
