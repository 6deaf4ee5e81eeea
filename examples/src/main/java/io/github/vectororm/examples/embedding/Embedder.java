package io.github.vectororm.examples.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.vectororm.examples.support.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns text into 384-dimensional embeddings with the all-MiniLM-L6-v2 sentence-transformer, run
 * in-process by ONNX Runtime from LangChain4j's jar: no network, no API key, no service.
 *
 * <p>The model returns unit-length vectors, so cosine distance, L2 distance and negative inner product
 * all rank neighbors the same way; the walk-through shows that.
 *
 * <p>Loading the model takes a second or two (the 90 MB ONNX file is read from the classpath), so create
 * one {@code Embedder} and reuse it.
 */
public final class Embedder {

    /** Dimensions of every embedding this model returns. */
    public static final int DIMENSIONS = 384;

    private static final int BATCH_SIZE = 64;

    private final EmbeddingModel model;

    private Embedder(EmbeddingModel model) {
        this.model = model;
    }

    /**
     * Loads all-MiniLM-L6-v2 from the classpath.
     *
     * @return an embedder
     */
    public static Embedder allMiniLmL6V2() {
        return new Embedder(new AllMiniLmL6V2EmbeddingModel());
    }

    /**
     * Embeds one text, e.g. a search query.
     *
     * @param text the text
     * @return its embedding, {@value #DIMENSIONS} floats
     */
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        return model.embed(text).content().vector();
    }

    /**
     * Embeds many texts in batches, printing progress such as "embedded 1200/3000 docs (40/s)".
     *
     * @param texts the texts
     * @param out where progress goes
     * @return one embedding per text, in the same order
     */
    public List<float[]> embedAll(List<String> texts, PrintStream out) {
        Progress progress = Progress.start(out, "embedded", "docs", texts.size());
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH_SIZE) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH_SIZE)).stream()
                    .map(TextSegment::from)
                    .toList();
            for (Embedding embedding : model.embedAll(batch).content()) {
                vectors.add(embedding.vector());
            }
            progress.update(vectors.size());
        }
        progress.finish(vectors.size());
        return vectors;
    }
}
