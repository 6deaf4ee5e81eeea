package io.github.vectororm.springai;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A real embedding model for the tests: all-MiniLM-L6-v2 in process (384-d, unit length), behind Spring AI's
 * {@link EmbeddingModel}. Loaded once per test JVM.
 */
public final class MiniLmEmbeddingModel implements EmbeddingModel {

    /** The shared instance. */
    public static final MiniLmEmbeddingModel INSTANCE = new MiniLmEmbeddingModel();

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    private MiniLmEmbeddingModel() {
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<TextSegment> segments = request.getInstructions().stream().map(TextSegment::from).toList();
        var embeddings = model.embedAll(segments).content();
        List<Embedding> results = new ArrayList<>();
        for (int i = 0; i < embeddings.size(); i++) {
            results.add(new Embedding(embeddings.get(i).vector(), i));
        }
        return new EmbeddingResponse(results);
    }

    @Override
    public float[] embed(Document document) {
        return model.embed(document.getText()).content().vector();
    }

    @Override
    public int dimensions() {
        return 384;
    }
}
