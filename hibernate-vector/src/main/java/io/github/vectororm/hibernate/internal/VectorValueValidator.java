package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.jdbc.VectorValues;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Checks every vector attribute before its INSERT or UPDATE is sent: NaN, infinity, halfvec overflow and a
 * dimension count that differs from the column's, each named by entity and attribute. The flush stops at
 * the first bad value, so the transaction can be rolled back with nothing written.
 */
public final class VectorValueValidator implements PreInsertEventListener, PreUpdateEventListener {

    static final VectorValueValidator INSTANCE = new VectorValueValidator();
    private static final long serialVersionUID = 1L;

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        normalize(event.getPersister(), event.getEntity(), event.getState());
        check(event.getPersister(), event.getState());
        return false;
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        normalize(event.getPersister(), event.getEntity(), event.getState());
        check(event.getPersister(), event.getState());
        return false;
    }

    /**
     * Scales {@code @Normalized} attributes to unit length, in the row to be written and in the entity.
     *
     * @param persister the entity persister
     * @param entity the entity
     * @param state its attribute values, in state-array order; normalized in place
     */
    public static void normalize(EntityPersister persister, Object entity, Object[] state) {
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            int position = attribute.getStateArrayPosition();
            if (state[position] != null && attribute instanceof BasicValuedModelPart basic
                    && basic.getJdbcMapping().getJdbcType() instanceof PgVectorJdbcType jdbcType
                    && NormalizedAttributes.isNormalized(persister.getMappedClass(), attribute.getAttributeName())) {
                VectorType type = jdbcType.vectorType();
                if (type != VectorType.VECTOR && type != VectorType.HALFVEC) {
                    throw new VectorValidationException(persister.getJpaEntityName() + "." + attribute.getAttributeName()
                            + ": @Normalized applies to vector and halfvec attributes, not " + type.sqlName());
                }
                Object value = state[position];
                float[] unit;
                try { // rounds like the server's l2_normalize for the column's type (halfvec: half precision)
                    unit = VectorValues.l2Normalize(type, VectorValues.fromResult(type, jdbcType.javaValue(
                            basic.getJdbcMapping().getJavaTypeDescriptor(), value, null), float[].class));
                } catch (VectorValidationException e) {
                    throw e.withContext(persister.getJpaEntityName() + "." + attribute.getAttributeName());
                }
                @SuppressWarnings("unchecked")
                Class<Object> javaClass = (Class<Object>) basic.getJdbcMapping().getJavaTypeDescriptor().getJavaTypeClass();
                Object normalized = VectorValues.supports(type, javaClass) ? VectorValues.fromResult(type, unit, javaClass)
                        : basic.getJdbcMapping().getJavaTypeDescriptor().wrap(unit, null);
                state[position] = normalized;
                persister.setValue(entity, i, normalized);
            }
        }
    }

    /**
     * Checks the vector attributes in an entity state array.
     *
     * @param persister the entity persister
     * @param state the attribute values, in state-array order
     */
    public static void check(EntityPersister persister, Object[] state) {
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            if (attribute instanceof BasicValuedModelPart basic
                    && basic.getJdbcMapping().getJdbcType() instanceof PgVectorJdbcType jdbcType) {
                Object value = state[attribute.getStateArrayPosition()];
                if (value != null) {
                    check(persister, attribute, basic, jdbcType, value);
                }
            }
        }
    }

    private static void check(EntityPersister persister, AttributeMapping attribute, BasicValuedModelPart basic,
            PgVectorJdbcType jdbcType, Object value) {
        String path = persister.getJpaEntityName() + "." + attribute.getAttributeName();
        VectorType type = jdbcType.vectorType();
        int actual;
        try {
            Object javaValue = jdbcType.javaValue(basic.getJdbcMapping().getJavaTypeDescriptor(), value, null);
            VectorValues.toParameter(type, javaValue); // validates
            actual = VectorValues.dimensions(type, javaValue);
        } catch (VectorValidationException e) {
            throw e.withContext(path);
        }
        Integer declared = basic.getArrayLength();
        if (declared != null) {
            String table = basic.getContainingTableExpression();
            type.requireDimensions(path, actual, "column " + table.substring(table.lastIndexOf('.') + 1) + "."
                    + basic.getSelectionExpression(), declared);
        }
    }
}
