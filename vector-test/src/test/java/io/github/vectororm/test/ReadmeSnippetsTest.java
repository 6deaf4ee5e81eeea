package io.github.vectororm.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeSnippetsTest {

    private static final String SOURCE = String.join("\n",
            "class X {",
            "    void m() {",
            "        // tag::outer[]",
            "        int a = 1;",
            "        // tag::inner[]",
            "        int b = 2;",
            "        // end::inner[]",
            "        int c = 3;",
            "        // end::outer[]",
            "    }",
            "}");

    @Test
    void nestedRegionsLeaveTheirMarkersOut() {
        assertEquals("int a = 1;\nint b = 2;\nint c = 3;\n", ReadmeSnippets.snippet(SOURCE, "outer", Path.of("X.java")));
        assertEquals("int b = 2;\n", ReadmeSnippets.snippet(SOURCE, "inner", Path.of("X.java")));
    }

    @Test
    void aMissingRegionFails() {
        assertThrows(AssertionError.class, () -> ReadmeSnippets.snippet(SOURCE, "none", Path.of("X.java")));
    }

    @Test
    void aMissingPageFails() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ReadmeSnippets.assertPageShows("docs/no-such-page.md", ReadmeSnippetsTest.class, "none"));
        assertEquals(true, error.getMessage().contains("has no region") || error.getMessage().contains("no page"));
    }
}
