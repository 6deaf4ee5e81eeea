/**
 * Spring Boot auto-configuration and Spring Data JPA repository support for pgvector.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.vectororm.spring;

import org.jspecify.annotations.NullMarked;
