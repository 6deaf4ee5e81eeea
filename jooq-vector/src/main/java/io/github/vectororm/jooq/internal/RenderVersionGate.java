package io.github.vectororm.jooq.internal;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Context;
import org.jooq.ExecuteContext;
import org.jooq.exception.DataAccessException;

/**
 * Checks, while an executing query is rendered, that the installed pgvector has what a field needs (a function or an
 * operator newer than the oldest supported pgvector), so that the query is refused before it reaches the server. The
 * version is the one vector-core reads once per physical connection ({@link PgVectorExtension#require}): no round trip
 * per query. A query rendered to text only ({@code getSQL()}, {@code toString()}) runs nowhere and is not gated. Not API.
 */
public final class RenderVersionGate {

    private RenderVersionGate() {
    }

    /**
     * Applies a requirement to the installed version of the connection the query is executed on.
     *
     * @param ctx the render context
     * @param requirement throws {@link io.github.vectororm.core.UnsupportedPgVectorFeatureException} for a version that
     *     lacks what is rendered
     */
    public static void check(Context<?> ctx, Consumer<PgVectorVersion> requirement) {
        ExecuteContext execute = ctx.executeContext();
        Connection connection = execute == null ? null : execute.connection();
        if (connection == null) {
            return;
        }
        PgVectorVersion installed;
        try {
            installed = PgVectorExtension.require(connection, List.of());
        } catch (SQLException e) {
            throw new DataAccessException("vector-orm could not read the installed pgvector version: " + e.getMessage(), e);
        }
        requirement.accept(installed);
    }
}
