package io.github.vectororm.examples.rag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A search query and the documents a person judged relevant to it, from the labelled set shipped in this
 * module ({@value #RESOURCE}; how the labels were made is written at the top of that file).
 *
 * @param kind {@code keyword}, {@code semantic} or {@code mixed}
 * @param text the query, as a user would type it
 * @param relevant the fully qualified names of the relevant types
 */
public record LabelledQuery(String kind, String text, Set<String> relevant) {

    /** Classpath location of the labelled set: kind, query, relevant types, tab-separated. */
    public static final String RESOURCE = "eval/java-api-search-labels.tsv";

    /** The kinds of query, in the order they are reported. */
    public static final List<String> KINDS = List.of("keyword", "semantic", "mixed");

    /** Validates the fields. */
    public LabelledQuery {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + KINDS + ", not '" + kind + "'");
        }
        Objects.requireNonNull(text, "text");
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("query '" + text + "' has no relevant documents");
        }
        relevant = Set.copyOf(relevant);
    }

    /**
     * @return every labelled query, in file order
     */
    public static List<LabelledQuery> load() {
        try (InputStream in = LabelledQuery.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<LabelledQuery> queries = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": expected 3 tab-separated fields, got " + f.length + ": " + line);
                }
                queries.add(new LabelledQuery(f[0], f[1], new LinkedHashSet<>(Arrays.asList(f[2].trim().split(" +")))));
            }
            return List.copyOf(queries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
