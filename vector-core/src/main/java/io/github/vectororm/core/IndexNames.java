package io.github.vectororm.core;

import java.nio.charset.StandardCharsets;

/**
 * Names the indexes the builder creates besides the declared one (a partition's index, the temporary index of a
 * rebuild): the parts joined, cut to PostgreSQL's 63 bytes on a character boundary with a hash of the whole so that
 * distinct long names stay distinct, always quoted.
 */
final class IndexNames {

    private static final int MAX_BYTES = 63;

    private IndexNames() {
    }

    /** {@code <first>_<second>}, both bare (unquoted) names. */
    static String joined(String first, String second) {
        String raw = first + "_" + second;
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            String hash = "_" + Integer.toHexString(raw.hashCode() & 0xfffffff);
            StringBuilder cut = new StringBuilder();
            int bytes = 0;
            for (int i = 0; i < raw.length(); ) {
                int cp = raw.codePointAt(i);
                int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > MAX_BYTES - hash.length()) {
                    break;
                }
                cut.appendCodePoint(cp);
                bytes += size;
                i += Character.charCount(cp);
            }
            raw = cut + hash;
        }
        return quote(raw);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
