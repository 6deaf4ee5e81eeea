package io.github.vectororm.core.search;

/**
 * How hybrid search turns the user's query text into the {@code tsquery} its text side matches with. The text
 * is always a bound parameter; the configuration comes from the {@link TextSource}.
 *
 * @since 0.1.0
 */
public enum TextMatch {

    /**
     * Web-search syntax, {@code websearch_to_tsquery}: every word must occur, {@code "quoted phrases"},
     * {@code or} and {@code -exclusions} work as in a search engine. Precise, but a long natural-language
     * question often matches no document at all, and then the text side adds nothing to the fusion.
     */
    ALL_TERMS {
        @Override
        String tsquerySql(String config) {
            return "websearch_to_tsquery('" + config + "', ?)";
        }
    },

    /**
     * Any of the query's words may match ({@code plainto_tsquery} with its {@code &} turned into {@code |}):
     * documents sharing more, and rarer, words rank higher through {@code ts_rank_cd}. Suits natural-language
     * queries, where the vector side already supplies the precision; query syntax is not interpreted.
     */
    ANY_TERM {
        @Override
        String tsquerySql(String config) {
            // plainto_tsquery joins lexemes with ' & ' only, and a lexeme never holds a space;
            // CAST(...) rather than ::, since the expression stands in a FROM list
            return "cast(replace(plainto_tsquery('" + config + "', ?)::text, ' & ', ' | ') as tsquery)";
        }
    };

    /** @return a {@code tsquery} expression usable in a FROM list, with one parameter: the query text */
    abstract String tsquerySql(String config);
}
