package io.github.vectororm.examples.anomaly;

import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.Text;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Anomaly detection: which documents do not fit the package they are in? A cake recipe is planted in one
 * package to show that it stands out; the other packages show the real API's least typical members.
 * Run: {@code bash scripts/examples.sh anomalies}.
 */
public final class AnomalyDetectionExample {

    /** The packages to inspect; the first receives the planted outlier. */
    public static final List<String> PACKAGES = List.of("java.util.concurrent", "java.time", "java.sql", "java.util.zip");

    /** The planted outlier's type name. */
    public static final String PLANTED_TYPE = "ChocolateCake";

    private static final String PLANTED_TEXT =
            "A recipe for a rich chocolate cake with butter, eggs, flour and sugar, baked for forty minutes.";
    private static final int K = 3;

    private AnomalyDetectionExample() {
    }

    /**
     * @param args optional: how many documents of the corpus to load (default: all)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("anomalies");
        run(database, JavadocCorpus.sample(Text.documentLimit(args)), Embedder.allMiniLmL6V2(), PACKAGES, System.out);
    }

    /**
     * Loads the documents plus the planted outlier (in the first package) and prints each package's outliers.
     *
     * @param database where the {@code documents} table goes
     * @param documents the corpus (or a part of it)
     * @param embedder the model
     * @param packages the groups to inspect
     * @param out where the results go
     * @return each package's outliers, farthest first
     * @throws SQLException on a database error
     */
    public static Map<String, List<CentroidOutliers.Outlier>> run(ExampleDatabase database, List<Document> documents,
            Embedder embedder, List<String> packages, PrintStream out) throws SQLException {
        List<Document> withPlanted = new ArrayList<>(documents);
        int plantedId = documents.stream().mapToInt(Document::id).max().orElse(0) + 1;
        withPlanted.add(new Document(plantedId, "planted", packages.getFirst(), PLANTED_TYPE, "class", PLANTED_TEXT));
        out.println("Planting " + packages.getFirst() + "." + PLANTED_TYPE + ": \"" + PLANTED_TEXT + "\"");
        CorpusTable.createAndLoad(database, withPlanted, embedder, out);

        Map<String, List<CentroidOutliers.Outlier>> result = new LinkedHashMap<>();
        try (Connection connection = database.connect()) {
            CentroidOutliers outliers = new CentroidOutliers(connection);
            for (String packageName : packages) {
                List<CentroidOutliers.Outlier> farthest = outliers.farthest(packageName, K);
                result.put(packageName, farthest);
                out.println();
                long members = farthest.isEmpty() ? 0 : farthest.getFirst().groupSize();
                out.println(packageName + " (" + members + " types): farthest from avg(embedding)");
                for (CentroidOutliers.Outlier outlier : farthest) {
                    out.printf(Locale.ROOT, "  %.3f  %-50s %s%n", outlier.distance(), outlier.qualifiedName(),
                            Text.abbreviate(outlier.text(), 70));
                }
            }
        }
        return result;
    }
}
