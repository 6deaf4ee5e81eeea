package io.github.vectororm.test.conformance;

/**
 * Thrown by a mode of a {@link Differential} run for a case it cannot express (a function the adapter does not
 * expose, a literal no Java value can hold); the case is counted as skipped with this message, never as agreeing.
 *
 * @since 0.1.0
 */
public final class NotApplicable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Names why the case does not apply.
     *
     * @param reason why the case does not apply
     */
    public NotApplicable(String reason) {
        super(reason, null, false, false);
    }
}
