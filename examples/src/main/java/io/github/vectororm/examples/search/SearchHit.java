package io.github.vectororm.examples.search;

/**
 * One search result: a document of the corpus and its cosine <em>distance</em> to the query
 * (0 = same direction, smaller is nearer; cosine similarity is {@code 1 - distance}).
 *
 * @param id the document id
 * @param qualifiedName the type, e.g. {@code java.nio.file.Files}
 * @param text the first sentence of its javadoc
 * @param distance the cosine distance to the query
 */
public record SearchHit(int id, String qualifiedName, String text, double distance) {
}
