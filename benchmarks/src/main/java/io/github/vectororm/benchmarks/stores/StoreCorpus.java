package io.github.vectororm.benchmarks.stores;

import io.github.vectororm.benchmarks.harness.LatentVectors;
import io.github.vectororm.benchmarks.harness.VectorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documents every store of the comparison holds: a UUID id, a short text that names the document's position,
 * one metadata key {@value #KEY} with {@value #CATEGORIES} values of 10 % each, and a {@link LatentVectors} embedding
 * (the k-NN tables' generator, so the vectors have an embedding's low intrinsic dimension). Query texts name their
 * query vector the same way, so a fixed embedding model can answer both ({@link FixedEmbeddingModel}).
 *
 * @since 0.1.0
 */
public final class StoreCorpus {

    /** The metadata key. */
    public static final String KEY = "category";
    /** Distinct values of the key, each on 10 % of the documents. */
    public static final int CATEGORIES = 10;
    /** The value the filtered search keeps. */
    public static final String FILTER_VALUE = category(3);

    private static final Pattern DOCUMENT = Pattern.compile("Passage #(\\d+)");
    private static final Pattern QUERY = Pattern.compile("Question #(\\d+)");

    private final float[][] vectors;
    private final float[][] queries;
    private final double[] norms;

    private StoreCorpus(float[][] vectors, float[][] queries) {
        this.vectors = vectors;
        this.queries = queries;
        this.norms = new double[vectors.length];
        for (int row = 0; row < vectors.length; row++) {
            norms[row] = norm(vectors[row]);
        }
    }

    /**
     * Generates the corpus.
     *
     * @param rows documents
     * @param dimensions embedding dimensions
     * @param queries query vectors
     * @return the corpus
     */
    public static StoreCorpus generate(int rows, int dimensions, int queries) {
        LatentVectors generator = LatentVectors.of(dimensions);
        return new StoreCorpus(generator.vectors(VectorData.ROW_SEED, rows), generator.vectors(VectorData.QUERY_SEED,
                queries));
    }

    /** @return documents */
    public int rows() {
        return vectors.length;
    }

    /** @return embedding dimensions */
    public int dimensions() {
        return vectors[0].length;
    }

    /** @return query vectors */
    public int queries() {
        return queries.length;
    }

    /**
     * @param row a document's position
     * @return its id, a UUID (PgVectorStore's and PgVectorEmbeddingStore's id type)
     */
    public static String id(int row) {
        return new UUID(0x7A0_57A6EL, row).toString();
    }

    /**
     * @param row a document's position
     * @return its text
     */
    public static String text(int row) {
        return "Passage #" + row + " of the synthetic corpus";
    }

    /**
     * @param query a query's position
     * @return its text
     */
    public static String queryText(int query) {
        return "Question #" + query;
    }

    /**
     * @param row a document's position
     * @return its metadata value
     */
    public static String categoryOf(int row) {
        return category(row % CATEGORIES);
    }

    private static String category(int value) {
        return String.format(Locale.ROOT, "c%d", value);
    }

    /**
     * @param row a document's position
     * @return its embedding (shared, not to be modified)
     */
    public float[] vector(int row) {
        return vectors[row];
    }

    /**
     * @param query a query's position
     * @return its vector (shared, not to be modified)
     */
    public float[] query(int query) {
        return queries[query];
    }

    /**
     * The vector for a document's or query's text, as a fixed embedding model answers.
     *
     * @param text a text of {@link #text(int)} or {@link #queryText(int)}, possibly with metadata around it
     * @return its vector
     * @throws IllegalArgumentException for another text
     */
    public float[] embeddingOf(String text) {
        Matcher query = QUERY.matcher(text);
        if (query.find()) {
            return queries[Integer.parseInt(query.group(1))];
        }
        Matcher document = DOCUMENT.matcher(text);
        if (document.find()) {
            return vectors[Integer.parseInt(document.group(1))];
        }
        throw new IllegalArgumentException("not a text of the corpus: " + text);
    }

    /**
     * The exact top k by cosine distance, in double precision over the stored vectors: the recall reference.
     *
     * @param query a query's position
     * @param k how many
     * @param filtered whether only documents of {@link #FILTER_VALUE} count
     * @return the ids, nearest first
     */
    public List<String> exactTop(int query, int k, boolean filtered) {
        float[] q = queries[query];
        double qNorm = norm(q);
        int[] best = new int[k];
        double[] bestDistance = new double[k];
        java.util.Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
        for (int row = filtered ? 3 : 0; row < vectors.length; row += filtered ? CATEGORIES : 1) {
            float[] v = vectors[row];
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += (double) v[d] * q[d];
            }
            double distance = 1 - dot / (qNorm * norms[row]);
            if (distance < bestDistance[k - 1]) {
                int at = k - 1;
                while (at > 0 && bestDistance[at - 1] > distance) {
                    bestDistance[at] = bestDistance[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                bestDistance[at] = distance;
                best[at] = row;
            }
        }
        List<String> ids = new ArrayList<>(k);
        for (int i = 0; i < k && Double.isFinite(bestDistance[i]); i++) {
            ids.add(id(best[i]));
        }
        return ids;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
