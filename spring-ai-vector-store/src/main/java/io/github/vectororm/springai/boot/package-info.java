/**
 * Spring Boot auto-configuration of {@link io.github.vectororm.springai.VectorOrmVectorStore}, configured under
 * {@code vectororm.spring-ai.vectorstore}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.vectororm.springai.boot;

import org.jspecify.annotations.NullMarked;
