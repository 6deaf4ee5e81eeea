package io.github.vectororm.core;

/**
 * A vector value or declaration that pgvector would reject, caught before it reaches the server.
 * The message names what was wrong, the value seen and the value expected.
 *
 * @since 0.1.0
 */
public class VectorValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Sets what is wrong, naming the expected and the actual value.
     *
     * @param message what is wrong, naming the expected and the actual value
     */
    public VectorValidationException(String message) {
        super(message);
    }

    /**
     * The same problem with its context prepended, e.g. the entity attribute or column it concerns.
     *
     * @param context where the value came from, e.g. {@code "Item.embedding"}
     * @return a new exception whose message starts with the context
     */
    public VectorValidationException withContext(String context) {
        VectorValidationException e = new VectorValidationException(context + ": " + getMessage());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
