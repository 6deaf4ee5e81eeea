package io.github.vectororm.examples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavadocCorpusTest {

    @Test
    void theShippedCorpusLoadsTheSameEveryTime() {
        List<Document> documents = JavadocCorpus.load();
        assertThat(documents).hasSizeGreaterThan(3000);
        assertThat(documents).extracting(Document::id).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, documents.size()).boxed().toList());
        assertThat(documents).filteredOn(d -> d.qualifiedName().equals("java.util.ArrayList")).singleElement()
                .satisfies(d -> {
                    assertThat(d.module()).isEqualTo("java.base");
                    assertThat(d.kind()).isEqualTo("class");
                    assertThat(d.text()).isEqualTo("Resizable-array implementation of the List interface.");
                });
        assertThat(documents).allMatch(d -> !d.text().isBlank() && !d.text().contains("{@") && !d.text().contains("\t"));
        assertThat(JavadocCorpus.load()).isEqualTo(documents);
        assertThat(JavadocCorpus.sample(100)).hasSize(100).isEqualTo(JavadocCorpus.sample(100))
                .first().isEqualTo(documents.getFirst());
    }

    @Test
    void firstSentenceReducesInlineTagsAndHtmlToText() {
        assertThat(JavadocFirstSentence.of("""
                 * Returns a {@code List} view, see {@link java.util.Arrays#asList(Object...)} and
                 * {@linkplain Map the <em>map</em> interface}, e.g. for tests. More text follows.
                 * @param x ignored
                """)).isEqualTo("Returns a List view, see Arrays.asList and the map interface, e.g. for tests.");
        assertThat(JavadocFirstSentence.of(" * {@summary A summary. With two sentences.} Then more.")).isEqualTo(
                "A summary. With two sentences.");
        assertThat(JavadocFirstSentence.of(" * Compares &lt;T&gt; values\n * @since 1.2")).isEqualTo("Compares <T> values");
    }

    @Test
    void builderReadsPublicTopLevelTypesFromASourceZip(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("src.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(out, "java.base/java/util/Widget.java", """
                    /* licence header */
                    package java.util;
                    /**
                     * A {@code Widget} holds parts. Second sentence.
                     */
                    @SuppressWarnings("x")
                    public final class Widget {
                        /** Not this one. */
                        public void m() {}
                    }
                    """);
            add(out, "java.base/java/util/Hidden.java", "/** Hidden things here. */\nclass Hidden {}\n");
            add(out, "java.base/jdk/internal/Internal.java", "/** Internal stuff is skipped. */\npublic class Internal {}\n");
            add(out, "java.sql/java/sql/Thing.java", "/**\n * The thing interface of the sql package.\n */\npublic interface Thing {}\n");
        }

        List<Document> documents = JavadocCorpusBuilder.read(zip);

        assertThat(documents).containsExactly(
                new Document(1, "java.base", "java.util", "Widget", "class", "A Widget holds parts."),
                new Document(2, "java.sql", "java.sql", "Thing", "interface", "The thing interface of the sql package."));
    }

    private static void add(ZipOutputStream zip, String name, String source) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream entry = zip;
        entry.write(source.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
