package io.github.vectororm.examples.embedding;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/** The examples' in-process model behind Spring AI's {@link EmbeddingModel}, for Spring AI's {@code VectorStore}. */
public final class SpringAiEmbeddingModel implements EmbeddingModel {

    private final Embedder embedder;

    /**
     * @param embedder the model
     */
    public SpringAiEmbeddingModel(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<Embedding> embeddings = new ArrayList<>();
        List<String> texts = request.getInstructions();
        for (int i = 0; i < texts.size(); i++) {
            embeddings.add(new Embedding(embedder.embed(texts.get(i)), i));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return embedder.embed(document.getText());
    }

    @Override
    public int dimensions() {
        return Embedder.DIMENSIONS;
    }
}
