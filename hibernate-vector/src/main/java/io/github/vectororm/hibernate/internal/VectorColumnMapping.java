package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.VectorType;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Where an entity's vector attribute lives in SQL, read from Hibernate's mapping, for vector-core's searches that
 * take table and column names (batch, partitioned). Not API.
 *
 * @param table the entity's table, as Hibernate qualifies it
 * @param idColumn its id column
 * @param column the attribute's column
 * @param type the attribute's pgvector type
 * @param dimensions the attribute's declared dimensions
 */
public record VectorColumnMapping(String table, String idColumn, String column, VectorType type, int dimensions) {

    /**
     * Reads the mapping of a single-table entity with a single-column id and a vector attribute with dimensions.
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass the entity type
     * @param attribute the vector attribute
     * @param purpose what needs it, for messages (e.g. "batch search")
     * @return the mapping
     * @throws IllegalArgumentException if the entity or attribute does not have that shape
     */
    public static VectorColumnMapping of(EntityManager entityManager, Class<?> entityClass, String attribute,
            String purpose) {
        EntityPersister persister = singleTable(entityManager, entityClass, purpose);
        String path = entityClass.getSimpleName() + "." + attribute;
        if (!(persister.getIdentifierMapping() instanceof BasicValuedModelPart id)) {
            throw new IllegalArgumentException(entityClass.getSimpleName() + " has a composite id; " + purpose
                    + " needs a single-column id");
        }
        if (!(persister.findAttributeMapping(attribute) instanceof BasicValuedModelPart vector)
                || !(vector.getJdbcMapping().getJdbcType() instanceof PgVectorJdbcType jdbcType)) {
            throw new IllegalArgumentException(path + " is not a pgvector attribute");
        }
        if (vector.getArrayLength() == null) {
            throw new IllegalArgumentException(path + " declares no dimensions; " + purpose
                    + " needs them (@Array(length = n))");
        }
        return new VectorColumnMapping(persister.getTableName(), id.getSelectionExpression(),
                vector.getSelectionExpression(), jdbcType.vectorType(), vector.getArrayLength());
    }

    /**
     * The table of a single-table entity, as Hibernate qualifies it.
     *
     * @param entityManager the EntityManager or Session
     * @param entityClass the entity type
     * @param purpose what needs it, for messages
     * @return the table
     * @throws IllegalArgumentException if the entity spans several tables
     */
    public static String table(EntityManager entityManager, Class<?> entityClass, String purpose) {
        return singleTable(entityManager, entityClass, purpose).getTableName();
    }

    private static EntityPersister singleTable(EntityManager entityManager, Class<?> entityClass, String purpose) {
        EntityPersister persister = entityManager.unwrap(Session.class).getSessionFactory()
                .unwrap(SessionFactoryImplementor.class).getMappingMetamodel().getEntityDescriptor(entityClass);
        if (persister.getTableNames().length != 1) {
            throw new IllegalArgumentException(entityClass.getSimpleName() + " spans " + persister.getTableNames().length
                    + " tables; " + purpose + " reads single-table entities");
        }
        return persister;
    }
}
