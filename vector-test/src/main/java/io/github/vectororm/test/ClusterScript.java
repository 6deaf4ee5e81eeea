package io.github.vectororm.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's cluster scripts ({@code scripts/shards.sh}, ...) for a test that starts its own PostgreSQL
 * clusters; fails (never skips) with the script's output, which names what the machine lacks.
 *
 * @since 0.1.0
 */
public final class ClusterScript {

    private ClusterScript() {
    }

    /**
     * Runs the script and returns its output.
     *
     * @param script the script's name under {@code scripts/}, e.g. {@code shards.sh}
     * @param arguments its arguments, e.g. {@code start}
     * @return what it printed
     * @throws IllegalStateException if it fails or does not end within two minutes
     */
    public static String run(String script, String... arguments) {
        return run(Map.of(), script, arguments);
    }

    /**
     * Runs the script with environment variables added to this process's, e.g. {@code SHARDS_PORT} and
     * {@code SHARDS_COUNT} for {@code shards.sh}, and returns its output.
     *
     * @param environment variables to set for the script
     * @param script the script's name under {@code scripts/}, e.g. {@code shards.sh}
     * @param arguments its arguments, e.g. {@code start}
     * @return what it printed
     * @throws IllegalStateException if it fails or does not end within two minutes
     * @since 0.1.0
     */
    public static String run(Map<String, String> environment, String script, String... arguments) {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
            if (root == null) {
                throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
            }
        }
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/" + script + " " + String.join(" ", arguments) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("scripts/" + script + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running scripts/" + script, e);
        }
    }

    /**
     * The {@code name=value} lines of a script's output, e.g. the JDBC URLs {@code shards.sh start} prints.
     *
     * @param output what the script printed
     * @return the values by name, in order
     */
    public static Map<String, String> values(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.substring(0, eq).contains(" ")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }
}
