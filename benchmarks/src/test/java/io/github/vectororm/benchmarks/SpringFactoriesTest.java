package io.github.vectororm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shaded benchmarks.jar keeps one {@code META-INF/spring.factories}, this module's: it must hold every entry of
 * every other one on the classpath, or Spring Boot in the forked JVMs would miss listeners, initializers or
 * vector-orm's repository fragment.
 */
class SpringFactoriesTest {

    @Test
    void theMergedFileHoldsEveryEntryOfTheClasspath() throws IOException {
        Set<String> own = null;
        Set<String> all = new HashSet<>();
        Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring.factories");
        while (files.hasMoreElements()) {
            URL url = files.nextElement();
            Set<String> entries = entries(url);
            if (url.toString().contains("/benchmarks/target/classes/")) {
                own = entries;
            } else {
                all.addAll(entries);
            }
        }
        assertThat(own).as("benchmarks' own spring.factories").isNotNull();
        assertThat(own).as("add the missing entries to benchmarks/src/main/resources/META-INF/spring.factories")
                .containsAll(all);
    }

    private static Set<String> entries(URL url) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        }
        Set<String> entries = new HashSet<>();
        for (String key : properties.stringPropertyNames()) {
            Arrays.stream(properties.getProperty(key).split(",")).map(String::strip).filter(v -> !v.isEmpty())
                    .forEach(v -> entries.add(key.strip() + "=" + v));
        }
        return entries;
    }
}
