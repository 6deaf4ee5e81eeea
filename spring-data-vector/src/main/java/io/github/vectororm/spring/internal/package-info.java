/**
 * Implementation details of the Spring integration; not API.
 */
@NullMarked
package io.github.vectororm.spring.internal;

import org.jspecify.annotations.NullMarked;
