package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** jOOQ on a connection opened before {@code CREATE EXTENSION vector}: the binding repairs pgjdbc's type cache. */
@PgVectorDatabase
class ConnectionBeforeExtensionTest {

    private static final Table<Record> ITEMS = DSL.table(DSL.name("items"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(3));
    private static final Field<float[]> HALF = DSL.field(DSL.name("half"), VectorDataTypes.halfvec(3));

    @Test
    void insertsAndSearchesAfterTheExtensionIsCreatedOnTheSameConnection(TestDatabase db) throws SQLException {
        try (ScratchDatabase scratch = db.createScratchDatabase();
                Connection c = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(scratch.jdbcUrl()))) {
            DSLContext ctx = DSL.using(c, SQLDialect.POSTGRES);
            ctx.execute("create extension vector");
            ctx.execute("create table items (id int, embedding vector(3), half halfvec(3))");
            ctx.insertInto(ITEMS, ID, EMBEDDING, HALF)
                    .values(1, new float[] {1, 0, 0}, new float[] {1, 0, 0})
                    .values(2, new float[] {0, 1, 0}, new float[] {0, 1, 0})
                    .execute();
            Integer nearest = ctx.select(ID).from(ITEMS)
                    .orderBy(PgVectorDSL.l2Distance(EMBEDDING, new float[] {0, 0.9f, 0}))
                    .limit(1)
                    .fetchOne(ID);
            assertThat(nearest).isEqualTo(2);
            assertThat(ctx.select(HALF).from(ITEMS).where(ID.eq(1)).fetchOne(HALF)).containsExactly(1f, 0f, 0f);
        }
    }

    @Test
    void withoutTheExtensionTheBindingSaysToCreateIt(TestDatabase db) throws SQLException {
        try (ScratchDatabase scratch = db.createScratchDatabase();
                Connection c = DriverManager.getConnection(scratch.jdbcUrl())) {
            DSLContext ctx = DSL.using(c, SQLDialect.POSTGRES);
            assertThatThrownBy(() -> ctx.select(DSL.val(new float[] {1, 2}, VectorDataTypes.vector(2))).fetch())
                    .hasStackTraceContaining("type vector does not exist in database ")
                    .hasStackTraceContaining("create the pgvector extension first");
        }
    }
}
