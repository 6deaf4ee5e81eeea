package io.github.vectororm.core.store;

import java.util.Objects;

/**
 * One document of a {@link DocumentStore}: its id, text, metadata and embedding.
 *
 * @param id the id, unique in the table
 * @param content the text, may be {@code null}
 * @param metadataJson the metadata as a JSON object's text (the adapters write it with their framework's mapper),
 *     {@code null} for none
 * @param embedding the embedding, {@code null} only in search results that did not ask for it
 * @since 0.1.0
 */
public record StoredDocument(String id, String content, String metadataJson, float[] embedding) {

    /** Checks the id. */
    public StoredDocument {
        Objects.requireNonNull(id, "document id");
    }
}
