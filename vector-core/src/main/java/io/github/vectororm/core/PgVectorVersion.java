package io.github.vectororm.core;

import java.util.Objects;

/**
 * A pgvector extension version such as {@code 0.8.0}, as {@code pg_extension.extversion} reports it.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 * @since 0.1.0
 */
public record PgVectorVersion(int major, int minor, int patch) implements Comparable<PgVectorVersion> {

    /**
     * Parses {@code major.minor[.patch]}; a suffix such as {@code -dev} is ignored.
     *
     * @param text the version text
     * @return the version
     * @throws IllegalArgumentException if the text is not a version
     */
    public static PgVectorVersion parse(String text) {
        Objects.requireNonNull(text, "version");
        String[] parts = text.strip().split("[-+ ]", 2)[0].split("\\.");
        try {
            if (parts.length < 2 || parts.length > 3) {
                throw new NumberFormatException();
            }
            return new PgVectorVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    parts.length == 3 ? Integer.parseInt(parts[2]) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a pgvector version (expected e.g. 0.8.0)");
        }
    }

    /**
     * Whether this version is the same as or newer than another.
     *
     * @param other the version to compare with
     * @return {@code true} if {@code this >= other}
     */
    public boolean isAtLeast(PgVectorVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(PgVectorVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
