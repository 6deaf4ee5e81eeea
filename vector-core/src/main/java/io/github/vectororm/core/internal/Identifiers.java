package io.github.vectororm.core.internal;

import io.github.vectororm.core.VectorValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates SQL identifiers before they reach DDL. Not API.
 *
 * <p>Accepted: a plain identifier ({@code items}, rendered as written so PostgreSQL folds it the same way
 * it folded the table's own DDL), a double-quoted one ({@code "Items"}, embedded quotes doubled), and for
 * tables a schema-qualified pair of these. Reserved words written plainly are quoted. Anything else is
 * refused, so no identifier can carry SQL.
 */
public final class Identifiers {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final int MAX_BYTES = 63;
    /** PostgreSQL's reserved key words (those that cannot be a table or column name unquoted). */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
            "variadic", "when", "where", "window", "with");

    private Identifiers() {
    }

    /**
     * Renders one identifier (no schema part).
     *
     * @param what what the identifier names, for the message (e.g. "column")
     * @param identifier the identifier as declared
     * @return SQL text for it
     */
    public static String identifier(String what, String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new VectorValidationException(what + " name is missing");
        }
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            String inner = identifier.substring(1, identifier.length() - 1);
            if (inner.isEmpty() || inner.replace("\"\"", "").contains("\"") || inner.indexOf('\0') >= 0) {
                throw new VectorValidationException(what + " name " + identifier
                        + " is not a valid quoted identifier (embedded quotes must be doubled)");
            }
            checkLength(what, identifier, inner.replace("\"\"", "\""));
            return identifier;
        }
        if (!PLAIN.matcher(identifier).matches()) {
            throw new VectorValidationException(what + " name '" + identifier
                    + "' is not a plain SQL identifier (letters, digits, _ and $, not starting with a digit);"
                    + " write it double-quoted if it really contains other characters");
        }
        checkLength(what, identifier, identifier);
        String folded = identifier.toLowerCase(Locale.ROOT);
        return RESERVED.contains(folded) ? "\"" + folded + "\"" : identifier;
    }

    /**
     * Renders a possibly schema-qualified name such as {@code public.items}.
     *
     * @param what what the name names, for the message (e.g. "table")
     * @param name the name as declared
     * @return SQL text for it
     */
    public static String qualifiedName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new VectorValidationException(what + " name is missing");
        }
        int dot = splitPoint(name);
        if (dot < 0) {
            return identifier(what, name);
        }
        return identifier("schema of " + what, name.substring(0, dot)) + "." + identifier(what, name.substring(dot + 1));
    }

    /**
     * The rendered schema of a qualified name followed by a dot, or an empty string when unqualified: an
     * index lives in its table's schema, so its DROP must name that schema.
     */
    public static String schemaPrefix(String what, String name) {
        int dot = splitPoint(name);
        return dot < 0 ? "" : identifier("schema of " + what, name.substring(0, dot)) + ".";
    }

    /** The position of the dot separating schema and name, outside quotes; -1 if none. */
    private static int splitPoint(String name) {
        boolean quoted = false;
        int dot = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                if (dot >= 0) {
                    throw new VectorValidationException("name '" + name + "' has more than one '.'; expected schema.name");
                }
                dot = i;
            }
        }
        return dot;
    }

    /** The unqualified, unquoted, case-folded form, e.g. for building an index name. */
    public static String bareName(String name) {
        int dot = splitPoint(name);
        String last = dot < 0 ? name : name.substring(dot + 1);
        return last.startsWith("\"") ? last.substring(1, last.length() - 1).replace("\"\"", "\"")
                : last.toLowerCase(Locale.ROOT);
    }

    private static void checkLength(String what, String declared, String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new VectorValidationException(what + " name " + declared + " is longer than PostgreSQL's "
                    + MAX_BYTES + "-byte limit (it would be truncated silently)");
        }
    }
}
