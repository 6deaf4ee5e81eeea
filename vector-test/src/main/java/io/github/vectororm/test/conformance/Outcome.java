package io.github.vectororm.test.conformance;

import org.postgresql.util.PSQLException;

/**
 * What one call of a mode produced: a value, the server's error, the client's refusal before the database, or
 * anything else (a crash: an exception that is neither, such as {@code NumberFormatException} or a pgjdbc error
 * raised without the server).
 *
 * @param kind what happened
 * @param detail the value's canonical text, or the exception's class and message
 * @since 0.1.0
 */
public record Outcome(Kind kind, String detail) {

    /** What happened. */
    public enum Kind {
        /** A value came back. */
        VALUE,
        /** The server raised an error. */
        SERVER_ERROR,
        /** The client refused the call with vector-core's validation exception. */
        CLIENT_REFUSAL,
        /** Some other exception: never an agreement. */
        CRASH
    }

    static Outcome of(Throwable thrown, Class<? extends Throwable> refusal) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (refusal.isInstance(t)) {
                return new Outcome(Kind.CLIENT_REFUSAL, t.getMessage());
            }
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            // pgjdbc's own failures (a value class that cannot parse the server's text, say) carry no server message
            if (t instanceof PSQLException e && e.getServerErrorMessage() != null) {
                return new Outcome(Kind.SERVER_ERROR, e.getSQLState() + " " + e.getServerErrorMessage().getMessage());
            }
        }
        return new Outcome(Kind.CRASH, thrown.getClass().getName() + ": " + thrown.getMessage());
    }

    @Override
    public String toString() {
        return kind + " " + detail;
    }
}
