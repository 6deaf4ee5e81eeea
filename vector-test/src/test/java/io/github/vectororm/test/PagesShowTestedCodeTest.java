package io.github.vectororm.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java code block of README.md and the pages under docs/ is a tagged region of a test source (which the build
 * compiles and runs), so no page shows code that was never executed; the tests name which regions a page copies.
 */
class PagesShowTestedCodeTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("(?m)^\\s*// tag::([\\w.-]+)\\[]\\s*$");

    @Test
    void everyJavaBlockIsATestRegion() throws IOException {
        Path root = ReadmeSnippets.findProjectRoot(Path.of("").toAbsolutePath());
        Set<String> regions = regions(root);
        assertThat(regions).as("tagged regions in the project's test sources").isNotEmpty();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> untested = new ArrayList<>();
        int blocks = 0;
        for (Path page : pages) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(page).replace("\r\n", "\n"));
            while (block.find()) {
                blocks++;
                if (!regions.contains(block.group(1))) {
                    untested.add(root.relativize(page) + ":\n" + block.group(1));
                }
            }
        }
        assertThat(blocks).as("Java blocks found").isGreaterThan(5);
        assertThat(untested).as("Java blocks that are no test's tagged region (tag it in a test and copy it)").isEmpty();
    }

    private static Set<String> regions(Path root) throws IOException {
        Set<String> regions = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/")
                    && !p.toString().contains("/target/")).toList()) {
                String source = Files.readString(file).replace("\r\n", "\n");
                Matcher tag = TAG.matcher(source);
                while (tag.find()) {
                    regions.add(ReadmeSnippets.snippet(source, tag.group(1), file));
                }
            }
        }
        return regions;
    }
}
