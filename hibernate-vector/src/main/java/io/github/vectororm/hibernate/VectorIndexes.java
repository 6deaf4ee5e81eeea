package io.github.vectororm.hibernate;

import io.github.vectororm.hibernate.internal.VectorIndexesBinder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;

/**
 * Container of repeated {@link VectorIndex} declarations on one attribute.
 *
 * @since 0.1.0
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@AttributeBinderType(binder = VectorIndexesBinder.class)
public @interface VectorIndexes {

    /** {@return the declarations} */
    VectorIndex[] value();
}
