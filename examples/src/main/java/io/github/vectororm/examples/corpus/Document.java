package io.github.vectororm.examples.corpus;

/**
 * One document of the corpus: a public type of the Java SE API and the first sentence of its javadoc.
 *
 * @param id a stable id: the position in the corpus file, from 1
 * @param module the JDK module, e.g. {@code java.base}
 * @param packageName the package, e.g. {@code java.util}
 * @param typeName the simple (top-level) type name, e.g. {@code ArrayList}
 * @param kind {@code class}, {@code interface}, {@code enum}, {@code record} or {@code annotation}
 * @param text the first sentence of the type's javadoc, as plain text
 */
public record Document(int id, String module, String packageName, String typeName, String kind, String text) {

    /** @return the fully qualified type name, e.g. {@code java.util.ArrayList} */
    public String qualifiedName() {
        return packageName + "." + typeName;
    }

    /** @return what is embedded: the type name and its sentence, e.g. "ArrayList: Resizable-array implementation ..." */
    public String embeddingText() {
        return typeName + ": " + text;
    }
}
