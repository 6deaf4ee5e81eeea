/**
 * Internals of the Spring AI store; not API.
 */
@NullMarked
package io.github.vectororm.springai.internal;

import org.jspecify.annotations.NullMarked;
