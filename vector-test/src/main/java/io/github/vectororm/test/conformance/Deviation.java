package io.github.vectororm.test.conformance;

/**
 * A deliberate difference from pgvector's answer: for the modes whose name starts with {@code modes}, the case
 * with this SQL disagrees with the server, for the reason given. A listed deviation that agrees after all fails
 * the run, so the list never outlives its reason.
 *
 * @param modes the prefix of the mode names it applies to, e.g. {@code "core client"}
 * @param sql the case's statement, verbatim
 * @param reason why the difference is deliberate
 * @since 0.1.0
 */
public record Deviation(String modes, String sql, String reason) {

    /**
     * Whether the deviation covers a case in a mode.
     *
     * @param mode the mode name
     * @param c the case
     * @return {@code true} if it applies
     */
    public boolean covers(String mode, PgVectorCase c) {
        return mode.startsWith(modes) && c.sql().equals(sql);
    }
}
