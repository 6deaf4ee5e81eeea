package io.github.vectororm.hibernate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Scales a {@code vector} or {@code halfvec} attribute to unit length (L2 norm 1) before it is written, in the
 * entity as well as in the row. For attributes searched by cosine distance or inner product: on unit vectors
 * {@code <#>} ranks exactly like {@code <=>} and is cheaper. A zero vector is written unchanged.
 *
 * @since 0.1.0
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Normalized {
}
