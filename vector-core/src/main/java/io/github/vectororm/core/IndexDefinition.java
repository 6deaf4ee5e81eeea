package io.github.vectororm.core;

import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.internal.SqlPredicates;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A validated HNSW or IVFFlat index declaration and the {@code CREATE INDEX} SQL for it: the one renderer
 * the Hibernate, jOOQ and Spring adapters share.
 *
 * <pre>{@code
 * IndexDefinition index = IndexDefinition.hnsw("items", IndexedExpression.column("embedding", VectorType.VECTOR, 384), Metric.COSINE)
 *         .m(16).efConstruction(64)
 *         .build();
 * index.createSql(); // CREATE INDEX items_embedding_hnsw_cosine_idx ON items USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)
 * }</pre>
 * Parameters are range-checked, identifiers validated, the metric/type/method combination resolved to
 * its opclass; an invalid declaration throws {@link VectorValidationException} from {@link Builder#build()}.
 * A definition knows nothing of the live table: {@link IndexBuilder#verify(java.sql.Connection, IndexDefinition)}
 * checks it against the catalog (column type and dimensions; no {@code CONCURRENTLY} on a sub-partitioned table).
 * On a partitioned table the statement creates a partitioned index, which PostgreSQL builds on every partition
 * and on each partition created or attached later. PostgreSQL refuses {@code CREATE INDEX CONCURRENTLY} there, so
 * {@link IndexBuilder} builds such a declaration from {@link #createOnOnlySql()} and {@link #on(String, String)}
 * (one concurrently built index per partition, attached to the parent index).
 *
 * @since 0.1.0
 */
public final class IndexDefinition {

    /** HNSW {@code m} range. */
    public static final int MIN_M = 2;
    /** HNSW {@code m} range. */
    public static final int MAX_M = 100;
    /** HNSW {@code ef_construction} range. */
    public static final int MIN_EF_CONSTRUCTION = 4;
    /** HNSW {@code ef_construction} range. */
    public static final int MAX_EF_CONSTRUCTION = 1000;
    /** IVFFlat {@code lists} range. */
    public static final int MIN_LISTS = 1;
    /** IVFFlat {@code lists} range. */
    public static final int MAX_LISTS = 32768;
    private static final int DEFAULT_M = 16;
    private static final int DEFAULT_EF_CONSTRUCTION = 64;

    private final String table;
    private final IndexedExpression expression;
    private final Metric metric;
    private final IndexMethod method;
    private final String name;
    private final String opclass;
    private final Integer m;
    private final Integer efConstruction;
    private final Integer lists;
    private final String where;
    private final boolean concurrently;
    private final boolean ifNotExists;

    private IndexDefinition(Builder b) {
        this.table = b.table;
        this.expression = b.expression;
        this.metric = b.metric;
        this.method = b.method;
        this.m = b.m;
        this.efConstruction = b.efConstruction;
        this.lists = b.lists;
        this.concurrently = b.concurrently;
        this.ifNotExists = b.ifNotExists;
        Identifiers.qualifiedName("table", table);
        String target = Identifiers.bareName(table) + "." + expression.column();
        metric.requireAppliesTo(expression.type());
        try {
            this.opclass = metric.requireOpclass(expression.type(), method);
        } catch (VectorValidationException e) {
            throw e.withContext("index on " + target);
        }
        checkDimensions(target);
        checkOptions(target);
        this.where = b.where == null ? null : SqlPredicates.requireSingleExpression(b.where);
        this.name = b.name != null ? b.name : defaultName();
        Identifiers.identifier("index", name);
    }

    /**
     * Starts an HNSW index declaration.
     *
     * @param table the table, optionally schema-qualified
     * @param expression the indexed column or expression
     * @param metric the distance the index serves
     * @return a builder
     */
    public static Builder hnsw(String table, IndexedExpression expression, Metric metric) {
        return new Builder(IndexMethod.HNSW, table, expression, metric);
    }

    /**
     * Starts an IVFFlat index declaration. Build IVFFlat indexes after the table holds representative data.
     *
     * @param table the table, optionally schema-qualified
     * @param expression the indexed column or expression
     * @param metric the distance the index serves
     * @return a builder
     */
    public static Builder ivfflat(String table, IndexedExpression expression, Metric metric) {
        return new Builder(IndexMethod.IVFFLAT, table, expression, metric);
    }

    /**
     * pgvector's guidance for IVFFlat {@code lists}: rows / 1000 up to one million rows, sqrt(rows) above.
     *
     * @param rows the number of rows in the table
     * @return the recommended list count, within {@value #MIN_LISTS}..{@value #MAX_LISTS}
     */
    public static int recommendedLists(long rows) {
        long lists = rows <= 1_000_000 ? rows / 1000 : (long) Math.sqrt((double) rows);
        return (int) Math.max(MIN_LISTS, Math.min(MAX_LISTS, lists));
    }

    private void checkDimensions(String target) {
        VectorType type = expression.type();
        if (type != VectorType.SPARSEVEC && expression.dimensions() > type.maxIndexDimensions()) {
            String hint = type == VectorType.VECTOR
                    ? "; index a halfvec cast (up to 4000), a binary quantization or a subvector instead"
                    : "";
            throw new VectorValidationException("index on " + target + ": " + method.name() + " indexes " + type.sqlName()
                    + " up to " + type.maxIndexDimensions() + " dimensions, the expression " + expression.sql()
                    + " has " + expression.dimensions() + hint);
        }
        // IVFFlat clusters inner-product and cosine opclasses with spherical k-means, which pgvector refuses for one dimension
        if (method == IndexMethod.IVFFLAT && expression.dimensions() == 1
                && (metric == Metric.INNER_PRODUCT || metric == Metric.COSINE)) {
            throw new VectorValidationException("index on " + target + ": IVFFlat with " + metric.name() + " (" + opclass
                    + ") needs more than one dimension, the expression " + expression.sql() + " has 1");
        }
    }

    private void checkOptions(String target) {
        if (method == IndexMethod.HNSW) {
            if (lists != null) {
                throw new VectorValidationException("index on " + target + ": lists is an IVFFlat option, not HNSW");
            }
            checkRange(target, "m", m, MIN_M, MAX_M);
            checkRange(target, "ef_construction", efConstruction, MIN_EF_CONSTRUCTION, MAX_EF_CONSTRUCTION);
            int effectiveM = m != null ? m : DEFAULT_M;
            // the server checks the default ef_construction (64) too: m above 32 needs an explicit, larger one
            int effectiveEf = efConstruction != null ? efConstruction : DEFAULT_EF_CONSTRUCTION;
            if (effectiveEf < 2 * effectiveM) {
                throw new VectorValidationException("index on " + target + ": ef_construction must be at least 2 * m = "
                        + 2 * effectiveM + ", not " + effectiveEf + (efConstruction == null ? " (the server default)" : ""));
            }
        } else {
            if (m != null || efConstruction != null) {
                throw new VectorValidationException(
                        "index on " + target + ": m and ef_construction are HNSW options, not IVFFlat");
            }
            checkRange(target, "lists", lists, MIN_LISTS, MAX_LISTS);
        }
    }

    private static void checkRange(String target, String option, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new VectorValidationException("index on " + target + ": " + option + " must be " + min + " to " + max
                    + ", not " + value);
        }
    }

    private String defaultName() {
        return nameOn(table);
    }

    /** The name a declaration of this index on another table gets by default. */
    String nameOn(String otherTable) {
        String suffix = expression.nameSuffix();
        String raw = Identifiers.bareName(otherTable) + "_" + Identifiers.bareName(expression.column()) + suffix + "_"
                + method.sqlName() + "_" + metric.name().toLowerCase(Locale.ROOT) + "_idx";
        String safe = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return safe.length() <= 63 ? safe : safe.substring(0, 55) + "_" + Integer.toHexString(safe.hashCode() & 0xfffffff);
    }

    /**
     * Renders the {@code CREATE INDEX} statement as declared; on a partitioned table with {@code concurrently()} the
     * server refuses it, and {@link IndexBuilder#build} takes the {@link #createOnOnlySql() ON ONLY} route instead.
     *
     * @return the {@code CREATE INDEX} statement
     */
    public String createSql() {
        return render(concurrently, ifNotExists, false);
    }

    /**
     * Renders {@code CREATE INDEX IF NOT EXISTS <name> ON ONLY <table> ...} (never {@code CONCURRENTLY}), the still
     * invalid parent index of a partitioned table that each partition's index is then attached to.
     *
     * @return the statement, with the same method, expression, opclass, options and predicate as {@link #createSql()}
     * @since 0.1.0
     */
    public String createOnOnlySql() {
        return render(false, true, true);
    }

    /**
     * The same declaration (method, expression, opclass, options, predicate, {@code CONCURRENTLY}) for another table
     * and index name, such as one partition of a partitioned table, always with {@code IF NOT EXISTS} so that a
     * build over several tables that stopped part-way continues where it stopped.
     *
     * @param otherTable the table, optionally schema-qualified, validated like the declared one
     * @param otherName the index name, validated like the declared one
     * @return the validated definition
     * @throws VectorValidationException if the table or the name is invalid
     * @since 0.1.0
     */
    public IndexDefinition on(String otherTable, String otherName) {
        Builder copy = new Builder(method, otherTable, expression, metric).name(Objects.requireNonNull(otherName, "name"));
        copy.m = m;
        copy.efConstruction = efConstruction;
        copy.lists = lists;
        copy.where = where;
        copy.concurrently = concurrently;
        copy.ifNotExists = true;
        return copy.build();
    }

    private String render(boolean withConcurrently, boolean withIfNotExists, boolean only) {
        StringBuilder sql = new StringBuilder("CREATE INDEX ");
        if (withConcurrently) {
            sql.append("CONCURRENTLY ");
        }
        if (withIfNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(Identifiers.identifier("index", name)).append(" ON ").append(only ? "ONLY " : "")
                .append(Identifiers.qualifiedName("table", table)).append(" USING ").append(method.sqlName()).append(" (");
        sql.append(expression.isExpression() ? "(" + expression.sql() + ")" : expression.sql());
        sql.append(' ').append(opclass).append(')');
        String with = withClause();
        if (!with.isEmpty()) {
            sql.append(" WITH (").append(with).append(')');
        }
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        return sql.toString();
    }

    private String withClause() {
        StringBuilder with = new StringBuilder();
        if (m != null) {
            with.append("m = ").append(m);
        }
        if (efConstruction != null) {
            with.append(with.isEmpty() ? "" : ", ").append("ef_construction = ").append(efConstruction);
        }
        if (lists != null) {
            with.append("lists = ").append(lists);
        }
        return with.toString();
    }

    /**
     * The matching {@code DROP INDEX IF EXISTS} (schema-qualified like the table).
     *
     * @return the statement
     */
    public String dropSql() {
        return "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF EXISTS "
                + Identifiers.schemaPrefix("table", table) + Identifiers.identifier("index", name);
    }

    /**
     * Every pgvector feature this index needs, to be checked against the installed version.
     *
     * @return the features
     */
    public Set<PgVectorFeature> requiredFeatures() {
        Set<PgVectorFeature> features = EnumSet.noneOf(PgVectorFeature.class);
        if (method == IndexMethod.HNSW) {
            features.add(PgVectorFeature.HNSW);
        }
        expression.type().requiredFeature().ifPresent(features::add);
        metric.requiredFeature().ifPresent(features::add);
        features.addAll(expression.requiredFeatures()); // e.g. binary_quantize and subvector came with 0.7.0
        return features;
    }

    /** {@return the index name, given or derived} */
    public String name() {
        return name;
    }

    /** {@return the table as declared} */
    public String table() {
        return table;
    }

    /** {@return the indexed column or expression} */
    public IndexedExpression expression() {
        return expression;
    }

    /** {@return the metric the index serves} */
    public Metric metric() {
        return metric;
    }

    /** {@return HNSW or IVFFlat} */
    public IndexMethod method() {
        return method;
    }

    /** {@return the operator class, e.g. {@code vector_cosine_ops}} */
    public String opclass() {
        return opclass;
    }

    /** {@return HNSW {@code m}, if set} */
    public OptionalInt m() {
        return m == null ? OptionalInt.empty() : OptionalInt.of(m);
    }

    /** {@return HNSW {@code ef_construction}, if set} */
    public OptionalInt efConstruction() {
        return efConstruction == null ? OptionalInt.empty() : OptionalInt.of(efConstruction);
    }

    /** {@return IVFFlat {@code lists}, if set} */
    public OptionalInt lists() {
        return lists == null ? OptionalInt.empty() : OptionalInt.of(lists);
    }

    /** {@return the partial-index predicate, if any} */
    public Optional<String> where() {
        return Optional.ofNullable(where);
    }

    /** {@return whether the index is built with {@code CONCURRENTLY}} */
    public boolean concurrently() {
        return concurrently;
    }

    @Override
    public String toString() {
        return createSql();
    }

    /** Collects the options of an {@link IndexDefinition}. */
    public static final class Builder {
        private final IndexMethod method;
        private final String table;
        private final IndexedExpression expression;
        private final Metric metric;
        private String name;
        private Integer m;
        private Integer efConstruction;
        private Integer lists;
        private String where;
        private boolean concurrently;
        private boolean ifNotExists;

        private Builder(IndexMethod method, String table, IndexedExpression expression, Metric metric) {
            this.method = method;
            this.table = Objects.requireNonNull(table, "table");
            this.expression = Objects.requireNonNull(expression, "expression");
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /**
         * Sets the index name.
         *
         * @param name the index name; derived from table, column, method and metric when not given
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the HNSW option {@code m}.
         *
         * @param m HNSW: maximum connections per layer, 2 to 100 (server default 16)
         * @return this builder
         */
        public Builder m(int m) {
            this.m = m;
            return this;
        }

        /**
         * Sets the HNSW option {@code ef_construction}.
         *
         * @param efConstruction HNSW: candidate list size while building, 4 to 1000 and at least 2 * m (server default 64)
         * @return this builder
         */
        public Builder efConstruction(int efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        /**
         * Sets the IVFFlat option {@code lists}.
         *
         * @param lists IVFFlat: number of inverted lists, 1 to 32768 (server default 100); see {@link #recommendedLists(long)}
         * @return this builder
         */
        public Builder lists(int lists) {
            this.lists = lists;
            return this;
        }

        /**
         * Makes this a partial index with a {@code WHERE} condition.
         *
         * @param predicate a partial-index condition, a single SQL expression such as {@code category_id = 7}
         * @return this builder
         */
        public Builder where(String predicate) {
            this.where = predicate;
            return this;
        }

        /** {@return this builder, building without locking out writes ({@code CREATE INDEX CONCURRENTLY}, outside a transaction)} */
        public Builder concurrently() {
            this.concurrently = true;
            return this;
        }

        /** {@return this builder, rendering {@code IF NOT EXISTS}} */
        public Builder ifNotExists() {
            this.ifNotExists = true;
            return this;
        }

        /**
         * {@return the validated definition}
         * @throws VectorValidationException if any part is invalid
         */
        public IndexDefinition build() {
            return new IndexDefinition(this);
        }
    }
}
