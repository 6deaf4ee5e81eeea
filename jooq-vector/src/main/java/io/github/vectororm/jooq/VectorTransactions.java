package io.github.vectororm.jooq;

import io.github.vectororm.core.SearchSettings;
import java.util.Objects;
import org.jooq.ConnectionRunnable;
import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;

/**
 * Runs jOOQ work in a transaction with pgvector {@link SearchSettings} applied to it ({@code set_config(..., true)},
 * the bindable {@code SET LOCAL}): the settings hold for the queries of that transaction and end with it, so a
 * pooled connection never carries them to its next user.
 *
 * <pre>{@code
 * SearchSettings settings = SearchSettings.builder().hnswEfSearch(100).build();
 * Result<Record> rows = VectorTransactions.withSettings(dsl, settings, tx -> tx.dsl().fetch(query));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class VectorTransactions {

    private VectorTransactions() {
    }

    /**
     * Opens a transaction (a savepoint inside an enclosing jOOQ transaction), applies the settings, runs the work
     * with the transaction's configuration and commits.
     *
     * @param dsl the context to open the transaction on
     * @param settings the settings for this transaction
     * @param work the queries, run with {@code configuration.dsl()}
     * @param <T> the result type
     * @return what the work returned
     * @throws io.github.vectororm.core.UnsupportedPgVectorFeatureException if a setting needs a newer pgvector
     * @since 0.1.0
     */
    public static <T> T withSettings(DSLContext dsl, SearchSettings settings, TransactionalCallable<T> work) {
        Objects.requireNonNull(settings, "settings");
        return withSettings(dsl, (ConnectionRunnable) settings::applyLocal, work);
    }

    /**
     * The one "open a transaction (or savepoint), apply settings, run, commit" of this module.
     *
     * @param dsl the context to open the transaction on
     * @param settings applies the settings on the transaction's connection
     * @param work the queries
     * @param <T> the result type
     * @return what the work returned
     */
    static <T> T withSettings(DSLContext dsl, ConnectionRunnable settings, TransactionalCallable<T> work) {
        Objects.requireNonNull(work, "work");
        return dsl.transactionResult(configuration -> {
            configuration.dsl().connection(settings);
            return work.run(configuration);
        });
    }
}
