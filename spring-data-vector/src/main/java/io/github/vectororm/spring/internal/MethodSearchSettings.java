package io.github.vectororm.spring.internal;

import io.github.vectororm.core.SearchSettings;

/**
 * The search settings {@link VectorSearchSettingsInterceptor} resolved for the repository method running on this
 * thread ({@code vectororm.search.*} defaults with the method's or repository's {@code @VectorSearchSettings} over
 * them), for the fragment methods that must know them: the interceptor applies them with {@code SET LOCAL} on the
 * coordinator, which postgres_fdw's sessions on the shards do not see, so a per-partition search checks them against
 * the shards' server options first.
 */
final class MethodSearchSettings {

    private static final ThreadLocal<SearchSettings> CURRENT = new ThreadLocal<>();

    private MethodSearchSettings() {
    }

    /** @return the settings of the repository method running on this thread; none outside one */
    static SearchSettings current() {
        SearchSettings settings = CURRENT.get();
        return settings == null ? SearchSettings.none() : settings;
    }

    /**
     * Makes the settings current for a method call; the caller restores the previous ones with {@link #restore}.
     *
     * @param settings the method's settings
     * @return the settings current before, for {@link #restore}
     */
    static SearchSettings enter(SearchSettings settings) {
        SearchSettings previous = CURRENT.get();
        CURRENT.set(settings);
        return previous;
    }

    /** @param previous what {@link #enter} returned */
    static void restore(SearchSettings previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
