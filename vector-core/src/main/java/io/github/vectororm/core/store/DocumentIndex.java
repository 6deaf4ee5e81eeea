package io.github.vectororm.core.store;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.search.TwoStageSearch;
import java.util.Optional;

/**
 * The vector index of a {@link DocumentStore}: none, HNSW or IVFFlat with their parameters, over the embedding
 * column itself, over its halfvec cast (half the size; indexes {@code vector} up to 4,000 dimensions) or over its
 * binary quantization (one bit per dimension, Hamming distance, up to 64,000 dimensions; searched in two stages,
 * a shortlist from the index re-ranked by the exact distance).
 *
 * <pre>{@code
 * DocumentIndex index = DocumentIndex.hnsw().m(16).efConstruction(64).halfvec().build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DocumentIndex {

    /** What the index covers. */
    public enum Form {
        /** The embedding column. */
        COLUMN,
        /** {@code embedding::halfvec(n)}. */
        HALFVEC,
        /** {@code binary_quantize(embedding)::bit(n)}, searched in two stages. */
        BINARY_QUANTIZED
    }

    /** The shortlist of a binary-quantized search when none is given. */
    public static final int DEFAULT_SHORTLIST = 200;

    private static final DocumentIndex NONE = new DocumentIndex(null, Form.COLUMN, null, null, null, DEFAULT_SHORTLIST);

    private final IndexMethod method;
    private final Form form;
    private final Integer m;
    private final Integer efConstruction;
    private final Integer lists;
    private final int shortlist;

    private DocumentIndex(IndexMethod method, Form form, Integer m, Integer efConstruction, Integer lists, int shortlist) {
        this.method = method;
        this.form = form;
        this.m = m;
        this.efConstruction = efConstruction;
        this.lists = lists;
        this.shortlist = shortlist;
    }

    /** {@return no index: every search is exact} */
    public static DocumentIndex none() {
        return NONE;
    }

    /** {@return a builder of an HNSW index} */
    public static Builder hnsw() {
        return new Builder(IndexMethod.HNSW);
    }

    /** {@return a builder of an IVFFlat index (build it after loading representative data)} */
    public static Builder ivfflat() {
        return new Builder(IndexMethod.IVFFLAT);
    }

    /** {@return HNSW or IVFFlat, empty for no index} */
    public Optional<IndexMethod> method() {
        return Optional.ofNullable(method);
    }

    /** {@return what the index covers} */
    public Form form() {
        return form;
    }

    /** {@return the first-stage candidates of a binary-quantized search} */
    public int shortlist() {
        return shortlist;
    }

    /**
     * The expression the index covers, which searches order by.
     *
     * @param table the document table
     * @return the expression
     */
    public IndexedExpression expression(DocumentTable table) {
        return switch (form) {
            case COLUMN -> table.embedding();
            case HALFVEC -> IndexedExpression.halfvec(table.embeddingColumn(), table.dimensions());
            case BINARY_QUANTIZED -> IndexedExpression.binaryQuantize(table.embeddingColumn(), table.dimensions());
        };
    }

    /**
     * The index declaration for a table and the metric searches use, validated by {@link IndexDefinition}: a binary
     * quantization is indexed for {@link Metric#HAMMING}, the others for the metric itself.
     *
     * @param table the document table
     * @param metric the metric searches rank by
     * @return the declaration ({@code IF NOT EXISTS}), empty for no index
     * @throws VectorValidationException if pgvector cannot index the combination
     */
    public Optional<IndexDefinition> definition(DocumentTable table, Metric metric) {
        if (method == null) {
            return Optional.empty();
        }
        IndexedExpression expression = expression(table);
        Metric indexed = form == Form.BINARY_QUANTIZED ? Metric.HAMMING : metric;
        IndexDefinition.Builder builder = method == IndexMethod.HNSW ? IndexDefinition.hnsw(table.table(), expression, indexed)
                : IndexDefinition.ivfflat(table.table(), expression, indexed);
        if (m != null) {
            builder.m(m);
        }
        if (efConstruction != null) {
            builder.efConstruction(efConstruction);
        }
        if (lists != null) {
            builder.lists(lists);
        }
        return Optional.of(builder.ifNotExists().build());
    }

    @Override
    public String toString() {
        return method == null ? "no index" : method + " " + form + (m != null ? " m=" + m : "")
                + (efConstruction != null ? " ef_construction=" + efConstruction : "") + (lists != null ? " lists=" + lists : "");
    }

    /**
     * Collects the options of a {@link DocumentIndex}: each is range-checked (with {@link IndexDefinition}'s limits) as it
     * is set, and their combination with the table when the store is built.
     */
    public static final class Builder {
        private final IndexMethod method;
        private Form form = Form.COLUMN;
        private Integer m;
        private Integer efConstruction;
        private Integer lists;
        private int shortlist = DEFAULT_SHORTLIST;

        private Builder(IndexMethod method) {
            this.method = method;
        }

        /**
         * Sets HNSW {@code m}.
         *
         * @param m 2 to 100 (server default 16)
         * @return this builder
         */
        public Builder m(int m) {
            this.m = range("m", m, IndexDefinition.MIN_M, IndexDefinition.MAX_M);
            return this;
        }

        /**
         * Sets HNSW {@code ef_construction}.
         *
         * @param efConstruction 4 to 1000, at least 2 * m (server default 64)
         * @return this builder
         */
        public Builder efConstruction(int efConstruction) {
            this.efConstruction = range("ef_construction", efConstruction, IndexDefinition.MIN_EF_CONSTRUCTION,
                    IndexDefinition.MAX_EF_CONSTRUCTION);
            return this;
        }

        /**
         * Sets IVFFlat {@code lists}.
         *
         * @param lists 1 to 32768 (server default 100)
         * @return this builder
         */
        public Builder lists(int lists) {
            this.lists = range("lists", lists, IndexDefinition.MIN_LISTS, IndexDefinition.MAX_LISTS);
            return this;
        }

        /**
         * Sets what the index covers.
         *
         * @param form the column, its halfvec cast or its binary quantization
         * @return this builder
         */
        public Builder form(Form form) {
            this.form = java.util.Objects.requireNonNull(form, "form");
            return this;
        }

        /**
         * Indexes {@code embedding::halfvec(n)}.
         *
         * @return this builder
         */
        public Builder halfvec() {
            return form(Form.HALFVEC);
        }

        /**
         * Indexes {@code binary_quantize(embedding)::bit(n)} and searches in two stages.
         *
         * @param shortlist candidates the first stage keeps for the exact re-rank, 1 to
         *     {@value TwoStageSearch#MAX_SHORTLIST_SIZE} (a search for more than this many keeps as many as it asks)
         * @return this builder
         */
        public Builder binaryQuantized(int shortlist) {
            if (shortlist < 1 || shortlist > TwoStageSearch.MAX_SHORTLIST_SIZE) {
                throw new VectorValidationException("shortlist must be 1 to " + TwoStageSearch.MAX_SHORTLIST_SIZE
                        + ", not " + shortlist);
            }
            this.shortlist = shortlist;
            return form(Form.BINARY_QUANTIZED);
        }

        /** Checks an option as soon as it is set, so that a caller can name where the value came from. */
        private static int range(String option, int value, int min, int max) {
            if (value < min || value > max) {
                throw new VectorValidationException(option + " must be " + min + " to " + max + ", not " + value);
            }
            return value;
        }

        /** {@return the index} */
        public DocumentIndex build() {
            if (method == IndexMethod.HNSW && lists != null) {
                throw new VectorValidationException("lists is an IVFFlat option, not HNSW");
            }
            if (method == IndexMethod.IVFFLAT && (m != null || efConstruction != null)) {
                throw new VectorValidationException("m and ef_construction are HNSW options, not IVFFlat");
            }
            return new DocumentIndex(method, form, m, efConstruction, lists, shortlist);
        }
    }
}
