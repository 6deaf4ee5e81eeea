package io.github.vectororm.examples.support;

/** Console formatting shared by the examples. */
public final class Text {

    private Text() {
    }

    /**
     * @param text any text
     * @param max the longest result
     * @return the text, cut at {@code max} characters with an ellipsis if longer
     */
    public static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    /**
     * The document count asked for on the command line: the first argument if it is a number, else all.
     *
     * @param args the program's arguments
     * @return how many documents to load, {@link Integer#MAX_VALUE} for all
     */
    public static int documentLimit(String[] args) {
        return args.length > 0 ? Integer.parseInt(args[0]) : Integer.MAX_VALUE;
    }
}
