package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGbit;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.UnsupportedPgVectorFeatureException;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
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

    /**
     * pgvector 0.7.0 added l2_normalize, binary_quantize, subvector and the {@code <+>}, {@code <~>}, {@code <%>}
     * operators: on a database reporting 0.5.0 each is refused before the query reaches the server, naming itself and
     * both versions (the server here is really 0.8.0 and would answer: a query that got through would succeed), and on
     * a connection that reads 0.7.0 they run and return the server's values.
     */
    @Test
    void functionsAndOperatorsNewerThanTheInstalledPgvectorAreRefusedBeforeTheServer(TestDatabase db) throws SQLException {
        float[] v = {1, -2, 2};
        Field<float[]> value = DSL.val(v, VectorDataTypes.vector(3));
        Field<PGbit> bits = DSL.val(new PGbit(new boolean[] {true, false, true}), VectorDataTypes.bit(3));
        Field<PGbit> other = DSL.val(new PGbit(new boolean[] {true, true, false}), VectorDataTypes.bit(3));
        Map<String, Supplier<Field<?>>> newer = new java.util.LinkedHashMap<>();
        newer.put("l2_normalize", () -> PgVectorDSL.l2Normalize(value));
        newer.put("binary_quantize", () -> PgVectorDSL.binaryQuantize(value));
        newer.put("subvector", () -> PgVectorDSL.subvector(value, 1, 2));
        newer.put("L1 distance (<+>)", () -> PgVectorDSL.l1Distance(value, new float[] {0, 0, 0}));
        newer.put("HAMMING distance (<~>)", () -> PgVectorDSL.hammingDistance(bits, other));
        newer.put("JACCARD distance (<%>)", () -> PgVectorDSL.jaccardDistance(bits, other));
        newer.put("cast to halfvec(3) (the halfvec type)", () -> PgVectorDSL.castToHalfvec(value, 3));
        newer.put("cast to sparsevec(3) (the sparsevec type)", () -> PgVectorDSL.castToSparsevec(value, 3));
        newer.put("binary_quantize(?)::bit(3) (binary_quantize/subvector/l2_normalize)", () -> PgVectorDSL.indexed(
                io.github.vectororm.core.IndexedExpression.binaryQuantize("embedding", 3), value));
        try (ScratchDatabase old = db.createScratchDatabase()) {
            try (Connection c = DriverManager.getConnection(old.jdbcUrl())) {
                DSLContext ctx = DSL.using(c, SQLDialect.POSTGRES);
                ctx.execute("create extension vector");
                ctx.execute("update pg_extension set extversion = '0.5.0' where extname = 'vector'");
                newer.forEach((what, field) -> assertThatThrownBy(() -> ctx.select(field.get()).fetch())
                        .as(what).isInstanceOf(UnsupportedPgVectorFeatureException.class)
                        .hasMessageStartingWith(what + ": pgvector 0.7.0 or newer is required, but the database has pgvector 0.5.0"));
                assertThat(ctx.select(PgVectorDSL.castToBit(bits, 3)).fetchOne().value1().toString())
                        .as("bit is PostgreSQL's own").isEqualTo("101");
                assertThat(ctx.select(PgVectorDSL.vectorDims(value), PgVectorDSL.l2Distance(value, new float[] {0, 0, 0}))
                        .fetchOne().intoArray()).as("vector_dims and <-> are in every pgvector").containsExactly(3, 3.0);
                assertThat(ctx.render(ctx.select(PgVectorDSL.l2Normalize(value)))).as("rendering to text is not gated")
                        .isEqualTo("select l2_normalize(cast(? as vector))");
                ctx.execute("update pg_extension set extversion = '0.7.0' where extname = 'vector'");
            }
            try (Connection c = DriverManager.getConnection(old.jdbcUrl())) { // the version is read once per connection
                DSLContext ctx = DSL.using(c, SQLDialect.POSTGRES);
                assertThat(ctx.select(PgVectorDSL.l2Normalize(value)).fetchOne().value1()).containsExactly(1f / 3, -2f / 3, 2f / 3);
                assertThat(ctx.select(PgVectorDSL.binaryQuantize(value)).fetchOne().value1().toString()).isEqualTo("101");
                assertThat(ctx.select(PgVectorDSL.subvector(value, 2, 2)).fetchOne().value1()).containsExactly(-2f, 2f);
                assertThat(ctx.select(PgVectorDSL.l1Distance(value, new float[] {0, 0, 0})).fetchOne().value1()).isEqualTo(5.0);
                assertThat(ctx.select(PgVectorDSL.hammingDistance(bits, other)).fetchOne().value1()).isEqualTo(2.0);
                assertThat(ctx.select(PgVectorDSL.jaccardDistance(bits, other)).fetchOne().value1()).isEqualTo(1 - 1 / 3.0);
                assertThat(ctx.select(PgVectorDSL.castToHalfvec(value, 3)).fetchOne().value1()).containsExactly(1f, -2f, 2f);
            }
        }
    }
}
