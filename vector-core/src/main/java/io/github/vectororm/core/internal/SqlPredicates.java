package io.github.vectororm.core.internal;

import io.github.vectororm.core.VectorValidationException;

/**
 * Checks the SQL predicate of a partial index before it is placed in DDL. Not API.
 *
 * <p>A predicate is SQL by nature, so it cannot be quoted; instead it must be a single expression:
 * no statement separator, no comment, no dollar quoting, balanced quotes and parentheses. That stops a
 * declaration from smuggling a second statement into schema scripts.
 */
public final class SqlPredicates {

    private SqlPredicates() {
    }

    /**
     * @param predicate the {@code WHERE} expression of a partial index
     * @return the predicate, stripped
     * @throws VectorValidationException if it is not a single, self-contained expression
     */
    public static String requireSingleExpression(String predicate) {
        if (predicate == null || predicate.isBlank()) {
            throw new VectorValidationException("partial index predicate is empty");
        }
        String p = predicate.strip();
        int depth = 0;
        boolean inString = false;
        boolean inIdentifier = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            char next = i + 1 < p.length() ? p.charAt(i + 1) : '\0';
            if (c == '\0') {
                throw reject(p, "contains a NUL character");
            }
            if (inString) {
                if (c == '\'') {
                    if (next == '\'') {
                        i++;
                    } else {
                        inString = false;
                    }
                }
                continue;
            }
            if (inIdentifier) {
                if (c == '"') {
                    if (next == '"') {
                        i++;
                    } else {
                        inIdentifier = false;
                    }
                }
                continue;
            }
            switch (c) {
                case '\'' -> inString = true;
                case '"' -> inIdentifier = true;
                case ';' -> throw reject(p, "contains ';'");
                case '$' -> throw reject(p, "contains '$' (dollar quoting or parameters)");
                case '\\' -> throw reject(p, "contains a backslash");
                case '(' -> depth++;
                case ')' -> {
                    if (--depth < 0) {
                        throw reject(p, "closes a parenthesis it did not open");
                    }
                }
                case '-' -> {
                    if (next == '-') {
                        throw reject(p, "contains a comment (--)");
                    }
                }
                case '/' -> {
                    if (next == '*') {
                        throw reject(p, "contains a comment (/*)");
                    }
                }
                default -> {
                    // part of the expression
                }
            }
        }
        if (inString || inIdentifier) {
            throw reject(p, "has an unterminated quote");
        }
        if (depth != 0) {
            throw reject(p, "has unbalanced parentheses");
        }
        return p;
    }

    private static VectorValidationException reject(String predicate, String why) {
        return new VectorValidationException("partial index predicate '" + predicate + "' " + why
                + "; it must be a single SQL expression");
    }
}
