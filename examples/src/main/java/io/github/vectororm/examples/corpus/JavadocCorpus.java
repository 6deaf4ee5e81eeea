package io.github.vectororm.examples.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples' corpus: the public types of the Java SE API ({@code java.*} and {@code javax.*}), each
 * with the first sentence of its javadoc, as shipped in this module ({@value #RESOURCE}).
 *
 * <p>The text comes from the OpenJDK sources ({@code lib/src.zip} of a JDK), licensed under the GNU
 * General Public License version 2 with the Classpath Exception; see {@code corpus/NOTICE} beside it.
 * {@link JavadocCorpusBuilder} regenerates it. Loading is deterministic: same file, same order, same ids.
 */
public final class JavadocCorpus {

    /** Classpath location of the corpus, a tab-separated file with a header line. */
    public static final String RESOURCE = "corpus/java-se-api-first-sentences.tsv";

    private static final String HEADER = "id\tmodule\tpackage\ttype\tkind\ttext";

    private JavadocCorpus() {
    }

    /**
     * @return every document, in file order (module, then qualified name)
     */
    public static List<Document> load() {
        try (InputStream in = JavadocCorpus.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Document> documents = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.equals(HEADER)) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalStateException(RESOURCE + ": expected 6 tab-separated fields, got " + f.length + ": " + line);
                }
                documents.add(new Document(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5]));
            }
            return List.copyOf(documents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * A deterministic subset spread over the whole corpus (every n-th document), for quick runs and tests.
     *
     * @param size how many documents, at most
     * @return the subset, in corpus order
     */
    public static List<Document> sample(int size) {
        List<Document> all = load();
        if (size >= all.size()) {
            return all;
        }
        List<Document> sample = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            sample.add(all.get((int) ((long) i * all.size() / size)));
        }
        return sample;
    }

    static void write(List<Document> documents, int jdkFeatureVersion, Writer writer) throws IOException {
        writer.write("# First sentences of the javadoc of the public java.* and javax.* types of OpenJDK " + jdkFeatureVersion
                + " (lib/src.zip).\n# License: GPL-2.0 WITH Classpath-exception-2.0, see corpus/NOTICE."
                + " Regenerate with JavadocCorpusBuilder.\n");
        writer.write(HEADER + "\n");
        for (Document d : documents) {
            writer.write(d.id() + "\t" + d.module() + "\t" + d.packageName() + "\t" + d.typeName() + "\t" + d.kind()
                    + "\t" + d.text().replace('\t', ' ') + "\n");
        }
    }
}
