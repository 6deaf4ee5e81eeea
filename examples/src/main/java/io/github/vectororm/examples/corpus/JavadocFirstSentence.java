package io.github.vectororm.examples.corpus;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the first sentence of a javadoc comment as plain text, the way the javadoc tool's summary
 * works: up to the first period followed by white space, or up to the first block tag; {@code {@summary}}
 * wins when present. Inline tags become their text, HTML tags are dropped, entities decoded.
 */
final class JavadocFirstSentence {

    private static final Pattern LEADING_STARS = Pattern.compile("(?m)^\\s*\\*+ ?");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@[a-zA-Z]+");
    private static final Pattern SUMMARY = Pattern.compile("\\{@summary\\s+([^}]*)}");
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s*([^{}]*)}");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");
    private static final Map<String, String> ENTITIES = Map.of(
            "&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", "\"", "&nbsp;", " ", "&#064;", "@", "&#64;", "@",
            "&mdash;", "\u2014", "&ndash;", "\u2013", "&apos;", "'");

    private JavadocFirstSentence() {
    }

    /**
     * @param comment the comment body, between {@code /**} and the closing {@code *}{@code /}
     * @return the first sentence as plain text, possibly empty
     */
    static String of(String comment) {
        String body = LEADING_STARS.matcher(comment).replaceAll("");
        Matcher blockTag = BLOCK_TAG.matcher(body);
        if (blockTag.find()) {
            body = body.substring(0, blockTag.start());
        }
        Matcher summary = SUMMARY.matcher(body);
        if (summary.find()) {
            return plain(summary.group(1));
        }
        String text = plain(body);
        // "e.g. " and "i.e. " would end the sentence for the javadoc tool too; we keep reading.
        String guarded = text.replace("e.g. ", "e.g.\u0000").replace("i.e. ", "i.e.\u0000");
        Matcher end = SENTENCE_END.matcher(guarded);
        String sentence = end.find() ? guarded.substring(0, end.start() + 1) : guarded;
        return sentence.replace('\u0000', ' ').strip();
    }

    private static String plain(String html) {
        String text = html;
        // inline tags may nest ({@link Foo {@code x}} is rare but legal): resolve innermost first
        for (int pass = 0; pass < 3; pass++) {
            text = INLINE_TAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(inlineText(m.group(1), m.group(2))));
        }
        text = HTML_TAG.matcher(text).replaceAll("");
        for (Map.Entry<String, String> entity : ENTITIES.entrySet()) {
            text = text.replace(entity.getKey(), entity.getValue());
        }
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String inlineText(String tag, String argument) {
        String arg = argument.strip();
        return switch (tag) {
            case "link", "linkplain" -> linkLabel(arg);
            case "inheritDoc", "docRoot" -> "";
            case "index" -> arg.startsWith("\"") ? arg.replaceAll("^\"([^\"]*)\".*", "$1") : arg.split("\\s+", 2)[0];
            default -> arg; // code, literal, value, systemProperty, summary, return
        };
    }

    private static String linkLabel(String arg) {
        String[] parts = arg.split("\\s+", 2);
        if (parts.length == 2) {
            return parts[1];
        }
        String reference = parts[0].replaceAll("\\(.*\\)$", "");
        int hash = reference.indexOf('#');
        String type = hash >= 0 ? reference.substring(0, hash) : reference;
        String member = hash >= 0 ? reference.substring(hash + 1) : "";
        String simpleType = type.substring(type.lastIndexOf('.') + 1);
        if (member.isEmpty()) {
            return simpleType;
        }
        return simpleType.isEmpty() ? member : simpleType + "." + member;
    }
}
