package io.github.vectororm.core.search;

import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where hybrid search finds the text: a {@code tsvector} column, or {@code to_tsvector} over text columns.
 * A GIN index must be on the same column or expression ({@link #ginIndexSql(String, String)}) to be used.
 *
 * @since 0.1.0
 */
public final class TextSource {

    private static final Pattern CONFIG = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String config;
    private final String documentSql;

    private TextSource(String config, String documentSql) {
        if (!CONFIG.matcher(config).matches()) {
            throw new VectorValidationException("text search configuration '" + config
                    + "' is not a configuration name such as english or simple");
        }
        this.config = config;
        this.documentSql = documentSql;
    }

    /**
     * A stored {@code tsvector} column (e.g. a generated column).
     *
     * @param config the text search configuration queries are parsed with, e.g. {@code english}
     * @param tsvectorColumn the column
     * @return the source
     */
    public static TextSource tsvectorColumn(String config, String tsvectorColumn) {
        return new TextSource(config, Identifiers.identifier("column", tsvectorColumn));
    }

    /**
     * {@code to_tsvector('config', coalesce(a, '') || ' ' || coalesce(b, ''))} over text columns.
     *
     * @param config the text search configuration, e.g. {@code english}
     * @param textColumns the columns holding the text
     * @return the source
     */
    public static TextSource document(String config, String... textColumns) {
        if (textColumns.length == 0) {
            throw new VectorValidationException("a text document needs at least one column");
        }
        String text = Arrays.stream(textColumns).map(c -> "coalesce(" + Identifiers.identifier("column", c) + ", '')")
                .collect(Collectors.joining(" || ' ' || "));
        return new TextSource(config, "to_tsvector('" + config + "', " + text + ")");
    }

    /** {@return the {@code tsvector} expression} */
    public String documentSql() {
        return documentSql;
    }

    /** {@return the text search configuration name} */
    public String config() {
        return config;
    }

    /**
     * The GIN index that serves this source's {@code @@} matches.
     *
     * @param indexName the index name
     * @param table the table
     * @return {@code CREATE INDEX IF NOT EXISTS ... USING gin (...)}
     */
    public String ginIndexSql(String indexName, String table) {
        return "CREATE INDEX IF NOT EXISTS " + Identifiers.identifier("index", indexName) + " ON "
                + Identifiers.qualifiedName("table", table) + " USING gin ((" + documentSql + "))";
    }
}
