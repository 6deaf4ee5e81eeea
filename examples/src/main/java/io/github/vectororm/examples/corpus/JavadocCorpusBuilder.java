package io.github.vectororm.examples.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Regenerates the shipped corpus ({@value JavadocCorpus#RESOURCE}) from a JDK's {@code lib/src.zip}: one
 * document per public top-level type of the {@code java.*} and {@code javax.*} packages, holding the
 * first sentence of its javadoc. Output is sorted by module and qualified name, so the same JDK always
 * gives the same file.
 *
 * <p>Not needed to run the examples (the corpus ships with them); it documents where the text comes
 * from and rebuilds it for another JDK:
 * {@code bash scripts/examples.sh build-corpus [path/to/src.zip] [output.tsv]}.
 */
public final class JavadocCorpusBuilder {

    private static final Pattern SOURCE_PATH = Pattern.compile("([^/]+)/((?:javax?)/(?:[\\w/]+/)?)(\\w+)\\.java");
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
    private static final int MIN_SENTENCE_LENGTH = 12;

    private JavadocCorpusBuilder() {
    }

    /**
     * @param args optional: the src.zip (default: this JDK's) and the output file (default: the resource in this module)
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        Path srcZip = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.home"), "lib", "src.zip");
        Path output = args.length > 1 ? Path.of(args[1]) : Path.of("examples/src/main/resources", JavadocCorpus.RESOURCE);
        if (!Files.isRegularFile(srcZip)) {
            throw new IllegalArgumentException(srcZip + " does not exist: this JDK ships no sources"
                    + " (Debian: apt-get install openjdk-<N>-source); pass the path of a src.zip");
        }
        List<Document> documents = read(srcZip);
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            JavadocCorpus.write(documents, Runtime.version().feature(), writer);
        }
        System.out.println("wrote " + documents.size() + " documents from " + srcZip + " to " + output);
    }

    /**
     * Reads every public top-level java/javax type with a javadoc first sentence from a src.zip.
     *
     * @param srcZip a JDK's {@code lib/src.zip}
     * @return the documents, sorted by module and qualified name, numbered from 1
     * @throws IOException if the zip cannot be read
     */
    static List<Document> read(Path srcZip) throws IOException {
        List<Document> unnumbered = new ArrayList<>();
        try (ZipFile zip = new ZipFile(srcZip.toFile())) {
            zip.stream().forEach(entry -> parse(zip, entry).ifPresent(unnumbered::add));
        }
        unnumbered.sort(Comparator.comparing(Document::module).thenComparing(Document::qualifiedName));
        List<Document> documents = new ArrayList<>(unnumbered.size());
        for (Document d : unnumbered) {
            documents.add(new Document(documents.size() + 1, d.module(), d.packageName(), d.typeName(), d.kind(), d.text()));
        }
        return documents;
    }

    private static Optional<Document> parse(ZipFile zip, ZipEntry entry) {
        Matcher path = SOURCE_PATH.matcher(entry.getName());
        if (!path.matches() || path.group(3).equals("package-info") || path.group(3).equals("module-info")) {
            return Optional.empty();
        }
        String module = path.group(1);
        String packageName = path.group(2).replaceAll("/$", "").replace('/', '.');
        String typeName = path.group(3);
        String source;
        try (InputStream in = zip.getInputStream(entry)) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the type's own javadoc is the comment right before "public ... class|interface|enum|record|@interface Name"
        Pattern declaration = Pattern.compile("^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*"
                + "public\\s+(?:(?:abstract|final|sealed|non-sealed|strictfp|static)\\s+)*"
                + "(class|interface|enum|record|@interface)\\s+" + typeName + "\\b");
        Matcher javadoc = JAVADOC.matcher(source);
        while (javadoc.find()) {
            Matcher decl = declaration.matcher(source).region(javadoc.end(), source.length());
            if (decl.lookingAt()) {
                String sentence = JavadocFirstSentence.of(javadoc.group(1));
                if (sentence.length() < MIN_SENTENCE_LENGTH) {
                    return Optional.empty();
                }
                String kind = decl.group(1).equals("@interface") ? "annotation" : decl.group(1);
                return Optional.of(new Document(0, module, packageName, typeName, kind, sentence));
            }
        }
        return Optional.empty();
    }
}
