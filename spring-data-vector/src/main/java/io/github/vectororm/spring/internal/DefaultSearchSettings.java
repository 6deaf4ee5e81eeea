package io.github.vectororm.spring.internal;

import io.github.vectororm.core.SearchSettings;

/**
 * The {@code vectororm.search.*} settings as a bean (a holder, so that no bare {@link SearchSettings} bean is
 * claimed in the application's context).
 *
 * @param settings the settings applied to every repository vector query
 */
public record DefaultSearchSettings(SearchSettings settings) {
}
