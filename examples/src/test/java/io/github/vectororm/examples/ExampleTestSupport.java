package io.github.vectororm.examples;

import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** What the example tests share: one embedder per JVM, corpus subsets, captured output. */
public final class ExampleTestSupport {

    /** The model; loading it takes a second or two, so the test classes share it. */
    public static final Embedder EMBEDDER = Embedder.allMiniLmL6V2();

    private ExampleTestSupport() {
    }

    /**
     * @param packages package names
     * @return the corpus documents of those packages, in corpus order
     */
    public static List<Document> documentsOf(String... packages) {
        Set<String> wanted = Set.of(packages);
        return JavadocCorpus.load().stream().filter(d -> wanted.contains(d.packageName())).toList();
    }

    /** A PrintStream whose text can be read back. */
    public static final class CapturedOutput {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        /** @return the stream to print to */
        public PrintStream stream() {
            return stream;
        }

        /** @return what was printed, also echoed to the test log */
        public String text() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            System.out.print(text);
            return text;
        }
    }
}
