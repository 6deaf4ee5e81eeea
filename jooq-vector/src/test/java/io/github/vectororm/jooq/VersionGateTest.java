package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.Metric;
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

/** On a pgvector older than a k-NN query needs, the query is refused naming both versions, before the server sees it. */
@PgVectorDatabase
class VersionGateTest {

    private static final Table<Record> ITEMS = DSL.table(DSL.name("items"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(3));

    @Test
    void l1NearestNeighborsOnPgvector050AreRefused(TestDatabase db) throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase();
                Connection c = DriverManager.getConnection(old.jdbcUrl())) {
            DSLContext ctx = DSL.using(c, SQLDialect.POSTGRES);
            ctx.execute("create extension vector");
            ctx.execute("update pg_extension set extversion = '0.5.0' where extname = 'vector'");
            ctx.execute("create table items (id int, embedding vector(3))");
            ctx.insertInto(ITEMS, ID, EMBEDDING).values(1, new float[] {1, 2, 3}).execute();

            assertThatThrownBy(() -> NearestNeighbors.of(ITEMS, EMBEDDING, Metric.L1, new float[] {1, 2, 3})
                    .select(ID).limit(1).fetch(ctx))
                    .hasStackTraceContaining("L1 distance (<+>): pgvector 0.7.0 or newer is required, but the database"
                            + " has pgvector 0.5.0");
            assertThat(NearestNeighbors.of(ITEMS, EMBEDDING, Metric.L2, new float[] {1, 2, 3}).select(ID).limit(1).fetch(ctx))
                    .as("L2 is in every pgvector").hasSize(1);
        }
    }

    /** A pgvector 0.5.0 catalog has no halfvec type: binding a halfvec value says which version it needs. */
    @Test
    void halfvecValuesOnPgvector050AreRefusedNamingBothVersions(TestDatabase db) throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase();
                Connection c = DriverManager.getConnection(old.jdbcUrl())) {
            DSLContext ctx = DSL.using(c, SQLDialect.POSTGRES);
            ctx.execute("create extension vector");
            // what 0.5.0 installs has no type named halfvec (renamed here: dropping it would drop the extension)
            ctx.execute("alter type halfvec rename to halfvec_of_a_later_release");
            ctx.execute("update pg_extension set extversion = '0.5.0' where extname = 'vector'");
            Field<float[]> half = DSL.field(DSL.name("h"), VectorDataTypes.halfvec(3));
            assertThatThrownBy(() -> ctx.select(DSL.val(new float[] {1, 2, 3}, half.getDataType())).fetch())
                    .hasStackTraceContaining("the halfvec type: pgvector 0.7.0 or newer is required, but the database"
                            + " has pgvector 0.5.0");
        }
    }
}
