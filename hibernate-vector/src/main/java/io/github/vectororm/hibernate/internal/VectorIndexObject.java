package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.hibernate.VectorIndex;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hibernate.MappingException;
import org.hibernate.boot.model.relational.AuxiliaryDatabaseObject;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.type.descriptor.jdbc.JdbcType;

/**
 * One {@link VectorIndex} declaration as a schema object created after the tables. Its definition is
 * resolved lazily, once the attribute's type and column names are final; creating is idempotent
 * ({@code IF NOT EXISTS}) and it is never dropped by schema management (dropping the table drops it), so
 * {@code update} does not rebuild an existing index. On a table declared partitioned
 * ({@code @Table(options = "PARTITION BY ...")}) the index is a partitioned index, which PostgreSQL creates on every
 * partition; {@code concurrently} is rejected there at bootstrap, since PostgreSQL refuses the plain DDL schema export
 * runs (vector-core's {@code IndexBuilder} builds such an index concurrently, partition by partition).
 */
public final class VectorIndexObject implements AuxiliaryDatabaseObject {

    private static final long serialVersionUID = 1L;
    private static final Pattern PARTITION_BY = Pattern.compile("(?i)\\bpartition\\s+by\\b");

    private final String entity;
    private final transient Table table;
    private final transient Property property;
    private final transient VectorIndex annotation;
    private final int position;

    VectorIndexObject(String entity, Table table, Property property, VectorIndex annotation, int position) {
        this.entity = entity;
        this.table = table;
        this.property = property;
        this.annotation = annotation;
        this.position = position;
    }

    /** @return {@code Entity.attribute}, for messages */
    public String attributePath() {
        return entity + "." + property.getName();
    }

    /** @return the mapped table */
    public Table table() {
        return table;
    }

    /**
     * The validated index definition.
     *
     * @param renderedTable the table name as it should appear in the DDL (schema-qualified if needed)
     * @return the definition
     * @throws MappingException naming entity, attribute and the broken rule
     */
    public IndexDefinition definition(String renderedTable) {
        try {
            List<Column> columns = property.getValue().getColumns();
            if (columns.size() != 1) {
                throw new VectorValidationException("a vector index needs an attribute mapped to exactly one column");
            }
            Column column = columns.get(0);
            String columnName = column.isQuoted() ? "\"" + column.getName() + "\"" : column.getName();
            VectorType type = vectorType();
            Integer dimensions = column.getArrayLength();
            if (dimensions == null && (type != VectorType.SPARSEVEC || annotation.expression() != VectorIndex.Expression.COLUMN)) {
                throw new VectorValidationException("the column has no declared dimension; add @Array(length = n)");
            }
            int dims = dimensions == null ? 1 : dimensions;
            IndexedExpression expression = switch (annotation.expression()) {
                case COLUMN -> IndexedExpression.column(columnName, type, dims);
                case HALFVEC -> IndexedExpression.halfvec(columnName, dims);
                case BINARY_QUANTIZE -> IndexedExpression.binaryQuantize(columnName, dims);
                case SUBVECTOR -> {
                    if (annotation.dimensions() < 1 || annotation.dimensions() > dims) {
                        throw new VectorValidationException("SUBVECTOR needs dimensions between 1 and the column's " + dims
                                + ", not " + annotation.dimensions());
                    }
                    yield IndexedExpression.subvector(columnName, type, annotation.dimensions());
                }
            };
            if (!expression.columnTypes().contains(type.sqlName())) {
                throw new VectorValidationException(annotation.expression() + " applies to "
                        + String.join(" and ", new TreeSet<>(expression.columnTypes())) + " columns, not " + type.sqlName());
            }
            IndexDefinition.Builder builder = annotation.method() == IndexMethod.HNSW
                    ? IndexDefinition.hnsw(renderedTable, expression, annotation.metric())
                    : IndexDefinition.ivfflat(renderedTable, expression, annotation.metric());
            if (annotation.m() != 0) {
                builder.m(annotation.m());
            }
            if (annotation.efConstruction() != 0) {
                builder.efConstruction(annotation.efConstruction());
            }
            if (annotation.lists() != 0) {
                builder.lists(annotation.lists());
            }
            if (!annotation.name().isEmpty()) {
                builder.name(annotation.name());
            }
            if (!annotation.where().isEmpty()) {
                builder.where(annotation.where());
            }
            if (annotation.concurrently()) {
                if (isPartitioned(table)) {
                    throw new VectorValidationException("concurrently = true, but table " + table.getName()
                            + " is partitioned (@Table(options = \"" + table.getOptions().strip() + "\")) and PostgreSQL"
                            + " cannot CREATE INDEX CONCURRENTLY on a partitioned table, which schema export would run;"
                            + " remove concurrently (the index is then created on every partition, now and when partitions"
                            + " are added), or build it without blocking writes with vector-core's IndexBuilder (ON ONLY the"
                            + " parent, each partition's index built concurrently and attached)");
                }
                builder.concurrently();
            }
            return builder.ifNotExists().build();
        } catch (VectorValidationException e) {
            throw new MappingException(attributePath() + ": invalid @VectorIndex: " + e.getMessage(), e);
        }
    }

    private static boolean isPartitioned(Table table) {
        String options = table.getOptions();
        return options != null && PARTITION_BY.matcher(options).find();
    }

    private VectorType vectorType() {
        if (property.getValue() instanceof BasicValue value) {
            JdbcType jdbcType = value.resolve().getJdbcType();
            if (jdbcType instanceof PgVectorJdbcType vector) {
                return vector.vectorType();
            }
        }
        throw new VectorValidationException("the attribute is not mapped to a pgvector type (use float[] with"
                + " @JdbcTypeCode(SqlTypes.VECTOR) and @Array(length = n), or a pgvector-java type)");
    }

    @Override
    public String getExportIdentifier() {
        return "vectororm.index." + attributePath() + "." + position;
    }

    @Override
    public boolean appliesToDialect(Dialect dialect) {
        return dialect instanceof PostgreSQLDialect;
    }

    @Override
    public boolean beforeTablesOnCreation() {
        return false;
    }

    @Override
    public String[] sqlCreateStrings(SqlStringGenerationContext context) {
        return new String[] {definition(context.format(table.getQualifiedTableName())).createSql()};
    }

    @Override
    public String[] sqlDropStrings(SqlStringGenerationContext context) {
        return new String[0];
    }
}
