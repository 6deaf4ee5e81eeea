package io.github.vectororm.examples.animals;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.IndexBuild;
import io.github.vectororm.examples.support.SearchTransaction;
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
import org.postgresql.util.PGobject;

/**
 * The pgvector walk-through with real embeddings: forty animals, the animals nearest to "shark" by each of
 * pgvector's three dense distances, then the same search through an HNSW index, exact and approximate
 * side by side with the plan each one used. Run: {@code bash scripts/examples.sh animals}.
 */
public final class AnimalsWalkthrough {

    /** The animal whose neighbors are shown. */
    public static final String QUERY_ANIMAL = "shark";

    /** The metrics compared: their operators are {@code <->}, {@code <#>} and {@code <=>}. */
    public static final List<Metric> METRICS = List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE);

    private static final int K = 5;

    /** On a 40-row table the planner rightly prefers a sequential scan: forbid it to show the index path. */
    private static final boolean INDEX_ONLY = true;
    private static final boolean ANY_PLAN = false;
    private static final IndexDefinition INDEX = IndexDefinition
            .hnsw("animals", IndexedExpression.column("embedding", VectorType.VECTOR, Embedder.DIMENSIONS), Metric.COSINE)
            .build();

    /**
     * A neighbor of the query animal.
     *
     * @param name the animal
     * @param marine whether it lives in the sea
     * @param distance the metric's value ({@code <#>} gives the negative inner product)
     */
    public record Neighbor(String name, boolean marine, double distance) {
    }

    /**
     * What the walk-through found.
     *
     * @param version the installed pgvector
     * @param exact the exact neighbors by each metric, without an index
     * @param approximate the neighbors by cosine distance through the HNSW index
     * @param exactPlan the plan of the exact cosine query, one node per line
     * @param indexPlan the plan of the indexed cosine query
     */
    public record Result(PgVectorVersion version, Map<Metric, List<Neighbor>> exact, List<Neighbor> approximate,
            String exactPlan, String indexPlan) {
    }

    private AnimalsWalkthrough() {
    }

    /**
     * @param args none
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        run(ExampleDatabase.forExample("animals"), Embedder.allMiniLmL6V2(), System.out);
    }

    /**
     * Runs the walk-through in a database whose search path holds no {@code animals} table yet.
     *
     * @param database the example's database
     * @param embedder the model
     * @param out where the walk-through prints
     * @return what it found
     * @throws SQLException on a database error
     */
    public static Result run(ExampleDatabase database, Embedder embedder, PrintStream out) throws SQLException {
        try (Connection connection = database.connect()) {
            // 1. The extension, and a clear error if the server's pgvector is too old for HNSW
            PgVectorVersion version = PgVectorExtension.create(connection);
            PgVectorExtension.require(connection, Set.of(PgVectorFeature.HNSW));
            out.println("pgvector " + version + " is installed (HNSW needs 0.5.0, iterative scans 0.8.0)");

            // 2. A table of animals with real embeddings, bulk-loaded in binary
            createAndLoad(connection, embedder, out);
            int sharkId = idOf(connection, QUERY_ANIMAL);
            float[] shark = embeddingOf(connection, sharkId);

            // 3. Exact nearest neighbors by each metric: no index yet, so a sequential scan
            Map<Metric, List<Neighbor>> exact = new EnumMap<>(Metric.class);
            for (Metric metric : METRICS) {
                exact.put(metric, nearest(connection, metric, SearchSettings.none(), ANY_PLAN, sharkId, shark));
            }
            printSideBySide(out, "Nearest to \"" + QUERY_ANIMAL + "\" (exact, no index), by each distance:",
                    METRICS.stream().map(m -> m.name() + " " + m.operator()).toList(), new ArrayList<>(exact.values()));
            out.println("The three agree: all-MiniLM-L6-v2 returns unit vectors, for which L2, inner product and cosine"
                    + " rank alike.\n<#> is the NEGATIVE inner product (smaller is nearer); cosine similarity = 1 - (<=>).");

            // 4. The same cosine search through an HNSW index
            out.println();
            IndexBuild.create(database, INDEX, out);
            String exactPlan = plan(connection, SearchSettings.builder().exact(true).build(), ANY_PLAN, sharkId, shark);
            List<Neighbor> approximate = nearest(connection, Metric.COSINE, SearchSettings.none(), INDEX_ONLY, sharkId, shark);
            String indexPlan = plan(connection, SearchSettings.none(), INDEX_ONLY, sharkId, shark);
            printSideBySide(out, "Exact vs approximate (HNSW, hnsw.ef_search = 40), cosine distance:",
                    List.of("exact: " + firstNode(exactPlan), "HNSW: " + firstNode(indexPlan)),
                    List.of(exact.get(Metric.COSINE), approximate));
            long same = approximate.stream().filter(exact.get(Metric.COSINE)::contains).count();
            out.println(same + " of " + K + " approximate neighbors are exact ones. On 40 rows the index finds the true"
                    + " neighbors; the recall example measures the trade-off on thousands.");
            return new Result(version, exact, approximate, exactPlan, indexPlan);
        }
    }

    private static void createAndLoad(Connection connection, Embedder embedder, PrintStream out) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE animals (id int PRIMARY KEY, name text NOT NULL UNIQUE, description text NOT NULL,"
                    + " marine boolean NOT NULL, embedding " + VectorType.VECTOR.columnDefinition(Embedder.DIMENSIONS) + " NOT NULL)");
        }
        out.println("Embedding " + Animal.ALL.size() + " animals (\"name: description\") with all-MiniLM-L6-v2");
        List<float[]> embeddings = embedder.embedAll(Animal.ALL.stream().map(Animal::embeddingText).toList(), out);
        try (VectorCopyWriter writer = VectorCopyWriter.into(connection, "animals")
                .column("id", CopyType.INTEGER).column("name", CopyType.TEXT).column("description", CopyType.TEXT)
                .column("marine", CopyType.BOOLEAN).column("embedding", CopyType.VECTOR)
                .open()) {
            for (int i = 0; i < Animal.ALL.size(); i++) {
                Animal animal = Animal.ALL.get(i);
                writer.addRow(i + 1, animal.name(), animal.description(), animal.marine(), embeddings.get(i));
            }
            out.println("Loaded " + writer.finish() + " animals with COPY (FORMAT BINARY)");
        }
        out.println();
    }

    private static int idOf(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM animals WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no animal named " + name);
                }
                return rs.getInt(1);
            }
        }
    }

    private static float[] embeddingOf(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT embedding FROM animals WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return VectorValues.fromResult(VectorType.VECTOR, rs.getObject(1), float[].class);
            }
        }
    }

    private static String nearestSql(Metric metric) {
        return "SELECT name, marine, embedding " + metric.operator() + " ? AS distance FROM animals WHERE id <> ?"
                + " ORDER BY embedding " + metric.operator() + " ? LIMIT ?";
    }

    private static List<Neighbor> nearest(Connection connection, Metric metric, SearchSettings settings, boolean indexOnly,
            int excludedId,
            float[] query) throws SQLException {
        return SearchTransaction.run(connection, settings, indexOnly, () -> {
            List<Neighbor> neighbors = new ArrayList<>(K);
            try (PreparedStatement statement = prepare(connection, nearestSql(metric), excludedId, query);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    neighbors.add(new Neighbor(rs.getString("name"), rs.getBoolean("marine"), rs.getDouble("distance")));
                }
            }
            return neighbors;
        });
    }

    private static String plan(Connection connection, SearchSettings settings, boolean indexOnly, int excludedId,
            float[] query)
            throws SQLException {
        return SearchTransaction.run(connection, settings, indexOnly, () -> {
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement statement = prepare(connection, "EXPLAIN (COSTS OFF) " + nearestSql(Metric.COSINE),
                    excludedId, query); ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1).strip()).append('\n');
                }
            }
            return plan.toString();
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, int excludedId, float[] query)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        PGobject vector = VectorValues.toParameter(VectorType.VECTOR, query);
        statement.setObject(1, vector);
        statement.setInt(2, excludedId);
        statement.setObject(3, vector);
        statement.setInt(4, K);
        return statement;
    }

    /** The scan node of a plan: "Index Scan using animals_embedding_hnsw_cosine_idx" or "Seq Scan". */
    static String firstNode(String plan) {
        return plan.lines().map(l -> l.replaceFirst("^->\\s*", "").replaceFirst(" on animals$", ""))
                .filter(l -> l.contains("Scan")).findFirst().orElse(plan.strip());
    }

    private static void printSideBySide(PrintStream out, String title, List<String> headers, List<List<Neighbor>> columns) {
        out.println(title);
        int width = 34;
        StringBuilder header = new StringBuilder();
        for (String h : headers) {
            header.append(String.format(Locale.ROOT, "  %-" + width + "s", h));
        }
        out.println(header.toString().stripTrailing());
        for (int row = 0; row < K; row++) {
            StringBuilder line = new StringBuilder();
            for (List<Neighbor> column : columns) {
                String cell = "";
                if (row < column.size()) {
                    Neighbor n = column.get(row);
                    cell = String.format(Locale.ROOT, "%d. %-12s %8.4f %s", row + 1, n.name(), n.distance(), n.marine() ? "(sea)" : "");
                }
                line.append(String.format(Locale.ROOT, "  %-" + width + "s", cell));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
