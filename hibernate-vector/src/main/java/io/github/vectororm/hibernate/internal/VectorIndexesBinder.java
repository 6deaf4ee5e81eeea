package io.github.vectororm.hibernate.internal;

import io.github.vectororm.hibernate.VectorIndexes;
import org.hibernate.binder.AttributeBinder;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

/** Binds each of several {@link io.github.vectororm.hibernate.VectorIndex} declarations; instantiated by Hibernate. */
public final class VectorIndexesBinder implements AttributeBinder<VectorIndexes> {

    /** Creates the binder. */
    public VectorIndexesBinder() {
    }

    @Override
    public void bind(VectorIndexes annotation, MetadataBuildingContext context, PersistentClass entity, Property property) {
        for (int i = 0; i < annotation.value().length; i++) {
            VectorIndexBinder.add(annotation.value()[i], i, context, entity, property);
        }
    }
}
