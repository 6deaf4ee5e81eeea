package io.github.vectororm.jooq.internal;

import org.jooq.SQLDialect;
import org.jooq.Scope;
import org.jooq.exception.SQLDialectNotSupportedException;

/**
 * Refuses to render pgvector SQL for a dialect outside the PostgreSQL family. Not API.
 *
 * <p>{@link SQLDialect#DEFAULT} is accepted too: it is what {@code toString()} of an unattached query part
 * renders with, and failing there would only hide the SQL from a debugger.
 */
public final class PostgresDialects {

    private PostgresDialects() {
    }

    /**
     * Checks the dialect a query part is rendered or bound for.
     *
     * @param scope the render or binding context
     * @param what what is being rendered, for the message (e.g. {@code "the <-> operator"})
     * @throws SQLDialectNotSupportedException naming the dialect and what needs PostgreSQL
     */
    public static void require(Scope scope, String what) {
        SQLDialect family = scope.family();
        if (family != SQLDialect.POSTGRES && family != SQLDialect.DEFAULT) {
            throw new SQLDialectNotSupportedException("pgvector's " + what + " needs a PostgreSQL dialect (POSTGRES family),"
                    + " but this query is rendered for " + scope.dialect() + "; create the DSLContext with SQLDialect.POSTGRES");
        }
    }
}
