package io.github.vectororm.jooq;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.jooq.internal.PostgresDialects;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.CustomQueryPart;

/**
 * pgvector DDL as executable jOOQ {@link Query} objects: the extension bootstrap and HNSW/IVFFlat indexes, the SQL
 * of both coming from vector-core ({@link PgVectorExtension#CREATE_SQL}, {@link IndexDefinition#createSql()}).
 * A vector column is added with jOOQ's own DDL and a {@link VectorDataTypes} type:
 * {@code dsl.alterTable(t).addColumn(DSL.field(DSL.name("embedding"), VectorDataTypes.vector(3)))}.
 *
 * @since 0.1.0
 */
public final class VectorDdl {

    private VectorDdl() {
    }

    /**
     * {@code CREATE EXTENSION IF NOT EXISTS vector}.
     *
     * @param dsl the context to run it on
     * @return the query; call {@code execute()}
     * @since 0.1.0
     */
    public static Query createExtension(DSLContext dsl) {
        return verbatim(dsl, "extension bootstrap", PgVectorExtension.CREATE_SQL);
    }

    /**
     * Creates the extension if missing and returns the installed version, checking that it has the features asked for.
     *
     * @param dsl the context to run it on
     * @param features features the application will use (may be none)
     * @return the installed version
     * @throws io.github.vectororm.core.UnsupportedPgVectorFeatureException naming the feature and both versions
     * @since 0.1.0
     */
    public static PgVectorVersion installExtension(DSLContext dsl, PgVectorFeature... features) {
        return dsl.connectionResult(connection -> {
            PgVectorExtension.create(connection);
            return PgVectorExtension.require(connection, java.util.List.of(features));
        });
    }

    /**
     * The index's {@code CREATE INDEX} statement.
     *
     * @param dsl the context to run it on
     * @param index the validated index definition
     * @return the query; call {@code execute()} ({@code CONCURRENTLY} must run outside a transaction)
     * @since 0.1.0
     */
    public static Query createIndex(DSLContext dsl, IndexDefinition index) {
        Objects.requireNonNull(index, "index");
        return verbatim(dsl, "index " + index.name(), index.createSql());
    }

    /**
     * The index's {@code DROP INDEX IF EXISTS} statement.
     *
     * @param dsl the context to run it on
     * @param index the index definition
     * @return the query; call {@code execute()}
     * @since 0.1.0
     */
    public static Query dropIndex(DSLContext dsl, IndexDefinition index) {
        Objects.requireNonNull(index, "index");
        return verbatim(dsl, "index " + index.name(), index.dropSql());
    }

    private static Query verbatim(DSLContext dsl, String what, String sql) {
        // rendered as written, so no character of vector-core's SQL is taken for a jOOQ template or bind marker
        return dsl.query("{0}", CustomQueryPart.of(ctx -> {
            PostgresDialects.require(ctx, what);
            ctx.sql(sql);
        }));
    }
}
