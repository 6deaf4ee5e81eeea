package io.github.vectororm.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the README and the pages under {@code docs/} honest: their code blocks are copied from regions of test sources marked
 * {@code // tag::name[]} ... {@code // end::name[]}, which the tests compile and run, and
 * {@link #assertReadmeShows(Class, String)} and {@link #assertPageShows(String, Class, String)} fail when a page's copy
 * drifts from the test's code. Regions may nest; marker lines inside a region are left out of it.
 *
 * @since 0.1.0
 */
public final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /**
     * Asserts that the project's README.md contains, verbatim (common indentation removed), the region
     * of a test class's source between {@code // tag::<tag>[]} and {@code // end::<tag>[]}.
     *
     * @param testClass the test class whose source holds the region (under {@code src/test/java})
     * @param tag the region's name
     */
    public static void assertReadmeShows(Class<?> testClass, String tag) {
        assertPageShows("README.md", testClass, tag);
    }

    /**
     * Asserts that a documentation page of the project contains, verbatim (common indentation removed), the
     * region of a test class's source between {@code // tag::<tag>[]} and {@code // end::<tag>[]}.
     *
     * @param page the page's path relative to the project root, e.g. {@code "README.md"} or {@code "docs/core.md"}
     * @param testClass the test class whose source holds the region (under {@code src/test/java})
     * @param tag the region's name
     */
    public static void assertPageShows(String page, Class<?> testClass, String tag) {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path source = moduleDir.resolve("src/test/java").resolve(testClass.getName().replace('.', '/') + ".java");
        String snippet = snippet(read(source), tag, source);
        Path file = findProjectRoot(moduleDir).resolve(page);
        if (!Files.exists(file)) {
            throw new AssertionError("no page " + page + " in the project root (" + file + ")");
        }
        String text = read(file).replace("\r\n", "\n");
        if (!text.contains(snippet)) {
            throw new AssertionError(file + " does not show the code of " + source.getFileName() + " tag '" + tag
                    + "' verbatim; copy it into " + page + ":\n" + snippet);
        }
    }

    /**
     * The lines between the tag markers, with their common indentation removed.
     *
     * @param source the source text
     * @param tag the region's name
     * @param where the source's path, for messages
     * @return the region's text, ending with a newline
     */
    static String snippet(String source, String tag, Path where) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.equals("// tag::" + tag + "[]")) {
                inside = true;
                found = true;
            } else if (trimmed.equals("// end::" + tag + "[]")) {
                inside = false;
            } else if (inside && !isMarker(trimmed)) {
                lines.add(line.stripTrailing());
            }
        }
        if (!found || lines.isEmpty()) {
            throw new AssertionError(where + " has no region '// tag::" + tag + "[]'");
        }
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder snippet = new StringBuilder();
        for (String line : lines) {
            snippet.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return snippet.toString();
    }

    /** Another region's marker inside this one: regions may nest, and no marker is shown. */
    private static boolean isMarker(String trimmed) {
        return (trimmed.startsWith("// tag::") || trimmed.startsWith("// end::")) && trimmed.endsWith("[]");
    }

    static Path findProjectRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new AssertionError("no README.md next to mvnw above " + start);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
