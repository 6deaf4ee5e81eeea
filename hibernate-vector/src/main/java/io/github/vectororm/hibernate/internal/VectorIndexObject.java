package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.hibernate.VectorIndex;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hibernate.MappingException;
import org.hibernate.boot.model.relational.AuxiliaryDatabaseObject;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;
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
        List<Column> columns = property.getValue().getColumns();
        if (columns.size() != 1) {
            throw new MappingException(attributePath() + ": invalid @VectorIndex: a vector index needs an attribute"
                    + " mapped to exactly one column");
        }
        Column column = columns.get(0);
        VectorType type;
        try {
            type = vectorType();
        } catch (VectorValidationException e) {
            throw new MappingException(attributePath() + ": invalid @VectorIndex: " + e.getMessage(), e);
        }
        return definition(attributePath(), annotation, renderedTable,
                column.isQuoted() ? "\"" + column.getName() + "\"" : column.getName(), type, column.getArrayLength(),
                isPartitioned(table) ? table.getOptions().strip() : null);
    }

    /**
     * A declaration's validated index definition, from the mapping at bootstrap or from the runtime metamodel.
     *
     * @param attributePath {@code Entity.attribute}, for messages
     * @param annotation the declaration
     * @param renderedTable the table name as it should appear in the DDL
     * @param columnName the column as SQL (quoted where it must be)
     * @param type the column's pgvector type
     * @param dimensions its declared dimensions, or {@code null}
     * @param partitionOptions the table's {@code PARTITION BY} options where the mapping declares it partitioned (schema
     *        export would then run the DDL on the parent), else {@code null}
     * @return the definition
     * @throws MappingException naming entity, attribute and the broken rule
     */
    static IndexDefinition definition(String attributePath, VectorIndex annotation, String renderedTable,
            String columnName, VectorType type, Integer dimensions, String partitionOptions) {
        try {
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
                if (partitionOptions != null) {
                    throw new VectorValidationException("concurrently = true, but table " + renderedTable
                            + " is partitioned (@Table(options = \"" + partitionOptions + "\")) and PostgreSQL"
                            + " cannot CREATE INDEX CONCURRENTLY on a partitioned table, which schema export would run;"
                            + " remove concurrently (the index is then created on every partition, now and when partitions"
                            + " are added), or build it without blocking writes with vector-core's IndexBuilder (ON ONLY the"
                            + " parent, each partition's index built concurrently and attached)");
                }
                builder.concurrently();
            }
            return builder.ifNotExists().build();
        } catch (VectorValidationException e) {
            throw new MappingException(attributePath + ": invalid @VectorIndex: " + e.getMessage(), e);
        }
    }

    /**
     * The {@link VectorIndex} declarations of an entity's basic attributes as index definitions on its table, read
     * from the runtime metamodel (the annotations of each attribute's field or getter), in attribute order, each
     * attribute's in declaration order.
     *
     * @param sessionFactory the session factory mapping the entity
     * @param entityClass the entity type
     * @return the definitions; empty if it declares none
     * @throws MappingException for an invalid declaration
     */
    public static List<IndexDefinition> declaredOn(SessionFactoryImplementor sessionFactory, Class<?> entityClass) {
        EntityPersister persister = sessionFactory.getMappingMetamodel().getEntityDescriptor(entityClass);
        List<IndexDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            if (!(attribute.getPropertyAccess().getGetter().getMember() instanceof AnnotatedElement member)) {
                continue;
            }
            VectorIndex[] annotations = member.getAnnotationsByType(VectorIndex.class);
            if (annotations.length == 0) {
                continue;
            }
            String path = persister.getJpaEntityName() + "." + attribute.getAttributeName();
            if (!(attribute instanceof BasicValuedModelPart basic)
                    || !(basic.getJdbcMapping().getJdbcType() instanceof PgVectorJdbcType jdbcType)) {
                throw new MappingException(path + ": invalid @VectorIndex: the attribute is not mapped to a pgvector type");
            }
            for (VectorIndex annotation : annotations) {
                definitions.add(definition(path, annotation, persister.getTableName(), basic.getSelectionExpression(),
                        jdbcType.vectorType(), basic.getArrayLength(), null));
            }
        }
        return List.copyOf(definitions);
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
