package io.github.vectororm.hibernate.internal;

import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.jdbc.Work;

/**
 * "Open a transaction if none, apply settings, run, commit" for a Hibernate session, written once: transaction-scoped
 * search settings ({@code set_config(..., true)}) last only as long as a transaction.
 */
public final class SessionTransactions {

    private SessionTransactions() {
    }

    /**
     * In the session's transaction (a resource-local one, or the JTA or Spring transaction the session is joined
     * to), applies the settings and runs the work there: that transaction is neither committed nor rolled back here,
     * and the settings last until it ends. Otherwise begins a transaction, applies, runs and commits it (rolls it back
     * on failure). A Spring shared EntityManager refuses {@code getTransaction()}, but is joined to the transaction
     * it runs in, so joined-ness is asked first.
     *
     * @param session the session
     * @param settings applies the settings on the session's connection
     * @param work the queries
     * @param <R> the result type
     * @return what the work returned
     */
    public static <R> R withSettings(Session session, Work settings, Supplier<R> work) {
        if (session.isJoinedToTransaction() || session.getTransaction().isActive()) {
            session.doWork(settings);
            return work.get();
        }
        Transaction transaction = session.getTransaction();
        transaction.begin();
        try {
            session.doWork(settings);
            R result = work.get();
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            if (transaction.isActive()) {
                try {
                    transaction.rollback();
                } catch (RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        }
    }
}
