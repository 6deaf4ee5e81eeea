package io.github.vectororm.benchmarks.stores;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A Spring AI {@link EmbeddingModel} that answers with the corpus's precomputed vectors: the document or query a
 * text names ({@link StoreCorpus#embeddingOf}). Both Spring AI stores embed through it, so neither pays for a model
 * and both get the same vectors as the LangChain4j stores, which take embeddings directly.
 *
 * @since 0.1.0
 */
final class FixedEmbeddingModel implements EmbeddingModel {

    private final StoreCorpus corpus;

    FixedEmbeddingModel(StoreCorpus corpus) {
        this.corpus = corpus;
    }

    /** @return the corpus whose vectors it returns */
    StoreCorpus corpus() {
        return corpus;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<Embedding> embeddings = new ArrayList<>(request.getInstructions().size());
        for (String text : request.getInstructions()) {
            embeddings.add(new Embedding(corpus.embeddingOf(text), embeddings.size()));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return corpus.embeddingOf(document.getText());
    }

    @Override
    public int dimensions() {
        return corpus.dimensions();
    }
}
