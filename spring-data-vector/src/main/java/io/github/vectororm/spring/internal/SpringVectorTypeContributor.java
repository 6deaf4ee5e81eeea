package io.github.vectororm.spring.internal;

import io.github.vectororm.hibernate.VectorOrmHibernate;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.service.ServiceRegistry;

/**
 * Registers {@link SpringVectorJavaType} with Hibernate (through {@code META-INF/services}), so an entity can
 * hold Spring Data's {@code Vector}; vector-orm's Hibernate integration maps it to a pgvector column.
 */
public final class SpringVectorTypeContributor implements TypeContributor {

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry serviceRegistry) {
        if (VectorOrmHibernate.isEnabled(serviceRegistry)) {
            contributions.contributeJavaType(SpringVectorJavaType.INSTANCE);
        }
    }
}
