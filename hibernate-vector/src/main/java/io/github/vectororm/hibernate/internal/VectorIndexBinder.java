package io.github.vectororm.hibernate.internal;

import io.github.vectororm.hibernate.VectorIndex;
import org.hibernate.binder.AttributeBinder;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

/** Turns a {@link VectorIndex} on an attribute into a schema object; instantiated by Hibernate. */
public final class VectorIndexBinder implements AttributeBinder<VectorIndex> {

    /** Creates the binder. */
    public VectorIndexBinder() {
    }

    @Override
    public void bind(VectorIndex annotation, MetadataBuildingContext context, PersistentClass entity, Property property) {
        add(annotation, 0, context, entity, property);
    }

    static void add(VectorIndex annotation, int position, MetadataBuildingContext context, PersistentClass entity,
            Property property) {
        context.getMetadataCollector().addAuxiliaryDatabaseObject(
                new VectorIndexObject(entity.getJpaEntityName(), entity.getTable(), property, annotation, position));
    }
}
