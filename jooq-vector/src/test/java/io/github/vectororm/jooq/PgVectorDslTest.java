package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLDialectNotSupportedException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every PgVectorDSL function against the server's own result for the same raw SQL, and the refusals. */
@PgVectorDatabase
class PgVectorDslTest {

    private static final Table<Record> ITEMS = DSL.table(DSL.name("items"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<float[]> V = DSL.field(DSL.name("v"), VectorDataTypes.vector(3));
    private static final Field<float[]> H = DSL.field(DSL.name("h"), VectorDataTypes.halfvec(3));
    private static final Field<PGsparsevec> S = DSL.field(DSL.name("s"), VectorDataTypes.sparsevec(5));
    private static final Field<PGbit> B = DSL.field(DSL.name("b"), VectorDataTypes.bit(4));
    private static final float[] PROBE = {0.5f, -1f, 2f};
    private static final String PROBE_SQL = "'[0.5,-1,2]'::vector";

    private static Connection connection;
    private static DSLContext dsl;

    @BeforeAll
    static void createItems(TestDatabase db) throws SQLException {
        db.execute("create table items (id int primary key, v vector(3), h halfvec(3), s sparsevec(5), b bit(4))",
                "insert into items values (1, '[1,2,3]', '[1,2,3]', '{1:1,4:-2}/5', '1010'),"
                        + " (2, '[-1,0.5,4]', '[-1,0.5,4]', '{2:3}/5', '0110'), (3, '[0,0,1]', '[0,0,1]', '{5:1}/5', '1111')");
        connection = db.connect();
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    /**
     * pg_cast is the source of truth: each cast of the DSL is accepted for exactly the column types the server casts to
     * the target (then it returns the server's value), and refused before the server otherwise.
     */
    @Test
    void castsAcceptExactlyWhatTheServerCasts() throws SQLException {
        java.util.Map<Field<?>, Integer> columns = new java.util.LinkedHashMap<>();
        columns.put(V, 3);
        columns.put(H, 3);
        columns.put(S, 5);
        columns.put(B, 4);
        int casts = 0;
        for (java.util.Map.Entry<Field<?>, Integer> column : columns.entrySet()) {
            Field<?> source = column.getKey();
            int n = column.getValue();
            for (VectorType target : VectorType.values()) {
                String raw = "select cast(" + source.getName() + " as " + target.sqlName() + "(" + n + "))::text from items order by id";
                List<String> server = serverCast(raw);
                java.util.function.Supplier<Field<?>> cast = () -> switch (target) {
                    case VECTOR -> PgVectorDSL.castToVector(source, n);
                    case HALFVEC -> PgVectorDSL.castToHalfvec(source, n);
                    case SPARSEVEC -> PgVectorDSL.castToSparsevec(source, n);
                    case BIT -> PgVectorDSL.castToBit(source, n);
                };
                if (server == null) {
                    assertThatThrownBy(cast::get).as(raw).isInstanceOf(VectorValidationException.class)
                            .hasMessageStartingWith("cannot cast " + source.getName() + " (" + VectorDataTypes.vectorTypeOf(source)
                                    .orElseThrow().sqlName() + ") to " + target.sqlName() + "; " + target.sqlName() + " casts from ");
                } else {
                    Field<String> text = DSL.field("cast({0} as text)", String.class, cast.get());
                    assertThat(dsl.select(text).from(ITEMS).orderBy(ID).fetch(text)).as(raw).containsExactlyElementsOf(server);
                    casts++;
                }
            }
        }
        assertThat(casts).as("vector, halfvec and sparsevec cast to one another, bit to bit").isEqualTo(10);
    }

    /** The server's text results of a cast, or null if the server has no such cast. */
    private static List<String> serverCast(String sql) throws SQLException {
        try {
            return rawStrings(sql);
        } catch (org.postgresql.util.PSQLException e) {
            if ("42846".equals(e.getSQLState())) { // cannot cast type
                return null;
            }
            throw e;
        }
    }

    @Test
    void distancesRenderTheBareOperatorAndEqualTheServersResult() throws SQLException {
        for (Metric metric : List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE, Metric.L1)) {
            Field<Double> distance = PgVectorDSL.distance(metric, V, PROBE);
            assertThat(DSL.using(SQLDialect.POSTGRES).render(distance))
                    .isEqualTo("(\"v\" " + metric.operator() + " cast(? as vector))");
            assertThat(dsl.select(distance).from(ITEMS).orderBy(ID).fetch(distance))
                    .as(metric.name()).containsExactlyElementsOf(rawDoubles("select v " + metric.operator() + " " + PROBE_SQL + " from items order by id"));
            Field<Double> halfDistance = PgVectorDSL.distance(metric, H, PROBE);
            assertThat(dsl.select(halfDistance).from(ITEMS).orderBy(ID).fetch(halfDistance)).as("halfvec " + metric)
                    .containsExactlyElementsOf(rawDoubles("select h " + metric.operator() + " '[0.5,-1,2]'::halfvec from items order by id"));
        }
        assertThat(dsl.select(PgVectorDSL.l2Distance(V, PROBE)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select l2_distance(v, " + PROBE_SQL + ") from items order by id"));
        assertThat(dsl.select(PgVectorDSL.negativeInnerProduct(V, PROBE)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select -inner_product(v, " + PROBE_SQL + ") from items order by id"));
        assertThat(dsl.select(PgVectorDSL.cosineDistance(V, PROBE)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select cosine_distance(v, " + PROBE_SQL + ") from items order by id"));
        assertThat(dsl.select(PgVectorDSL.l1Distance(V, PROBE)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select l1_distance(v, " + PROBE_SQL + ") from items order by id"));
        // field to field, and a value against the Java oracle
        Field<float[]> v2 = DSL.field(DSL.name("v2"), VectorDataTypes.vector(3));
        assertThat(dsl.select(PgVectorDSL.l2Distance(V, V)).from(ITEMS).fetch(0, Double.class)).containsOnly(0.0);
        assertThat(DSL.using(SQLDialect.POSTGRES).render(PgVectorDSL.cosineDistance(V, v2))).isEqualTo("(\"v\" <=> \"v2\")");
        assertThat(dsl.select(PgVectorDSL.l1Distance(V, PROBE)).from(ITEMS).where(ID.eq(1)).fetchOne(0, Double.class))
                .isEqualTo(Metric.L1.distance(new float[] {1, 2, 3}, PROBE));
    }

    @Test
    void bitDistancesEqualTheServersResult() throws SQLException {
        PGbit probe = new PGbit(new boolean[] {true, true, false, false});
        assertThat(DSL.using(SQLDialect.POSTGRES).render(PgVectorDSL.hammingDistance(B, probe)))
                .isEqualTo("(\"b\" <~> cast(? as varbit))");
        assertThat(dsl.select(PgVectorDSL.hammingDistance(B, probe)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select b <~> '1100' from items order by id"))
                .containsExactly(2.0, 2.0, 2.0);
        assertThat(dsl.select(PgVectorDSL.jaccardDistance(B, probe)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select b <%> '1100' from items order by id"));
        assertThat(dsl.select(PgVectorDSL.hammingDistance(B, B)).from(ITEMS).fetch(0, Double.class)).containsOnly(0.0);
    }

    @Test
    void subvectorAcceptsWhatTheServerAcceptsWithBoundValues() throws SQLException {
        float[] five = {1, 2, 3, 4, 5};
        int[][] accepted = {{-1, 3}, {3, Integer.MAX_VALUE}, {1, 5}, {5, 1}, {Integer.MIN_VALUE + 3, Integer.MAX_VALUE}};
        for (int[] c : accepted) {
            float[] viaJooq = dsl.select(PgVectorDSL.subvector(DSL.val(five, VectorDataTypes.vector(5)), c[0], c[1])).fetchOne(0, float[].class);
            assertVectorsEqual(List.of(viaJooq), "select subvector('[1,2,3,4,5]'::vector, " + c[0] + ", " + c[1] + ")::text");
        }
        // refused for every value by the server, so refused by the client, naming the value in text form
        for (int[] c : new int[][] {{1, 0}, {-1, 2}, {0, 1}, {Integer.MIN_VALUE + 2, Integer.MAX_VALUE}}) {
            assertThatThrownBy(() -> rawStrings("select subvector('[1,2,3,4,5]'::vector, " + c[0] + ", " + c[1] + ")::text"))
                    .hasMessageContaining("at least 1 dimension");
            assertThatThrownBy(() -> PgVectorDSL.subvector(DSL.val(five, VectorDataTypes.vector(5)), c[0], c[1]))
                    .isInstanceOf(io.github.vectororm.core.VectorValidationException.class)
                    .hasMessageContaining("[1.0,2.0,3.0,4.0,5.0]").hasMessageNotContaining("[F@");
        }
    }

    @Test
    void functionsEqualTheServersResult() throws SQLException {
        assertThat(dsl.select(PgVectorDSL.vectorDims(V)).from(ITEMS).orderBy(ID).fetch(0, Integer.class)).containsExactly(3, 3, 3);
        assertThat(dsl.select(PgVectorDSL.vectorNorm(V)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select vector_norm(v) from items order by id"));
        assertThat(DSL.using(SQLDialect.POSTGRES).render(PgVectorDSL.vectorNorm(H))).isEqualTo("l2_norm(\"h\")");
        assertThat(dsl.select(PgVectorDSL.vectorNorm(H)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select l2_norm(h) from items order by id"));
        assertThat(dsl.select(PgVectorDSL.vectorNorm(S)).from(ITEMS).orderBy(ID).fetch(0, Double.class))
                .containsExactlyElementsOf(rawDoubles("select l2_norm(s) from items order by id"));

        assertVectorsEqual(dsl.select(PgVectorDSL.l2Normalize(V)).from(ITEMS).orderBy(ID).fetch(0, float[].class),
                "select l2_normalize(v)::text from items order by id");
        assertVectorsEqual(dsl.select(PgVectorDSL.subvector(V, 2, 2)).from(ITEMS).orderBy(ID).fetch(0, float[].class),
                "select subvector(v, 2, 2)::text from items order by id");
        assertVectorsEqual(List.of(dsl.select(PgVectorDSL.avg(V)).from(ITEMS).fetchOne(0, float[].class)), "select avg(v)::text from items");
        assertVectorsEqual(List.of(dsl.select(PgVectorDSL.sum(V)).from(ITEMS).fetchOne(0, float[].class)), "select sum(v)::text from items");
        assertVectorsEqual(dsl.select(PgVectorDSL.castToVector(H, 3)).from(ITEMS).orderBy(ID).fetch(0, float[].class),
                "select h::vector(3)::text from items order by id");
        assertVectorsEqual(dsl.select(PgVectorDSL.castToHalfvec(V, 3)).from(ITEMS).orderBy(ID).fetch(0, float[].class),
                "select v::halfvec(3)::vector::text from items order by id");

        Field<PGbit> quantized = PgVectorDSL.castToBit(PgVectorDSL.binaryQuantize(V), 3);
        assertThat(DSL.using(SQLDialect.POSTGRES).render(quantized)).isEqualTo("cast(binary_quantize(\"v\") as bit(3))");
        List<String> viaJooq = dsl.select(quantized).from(ITEMS).orderBy(ID).fetch(quantized).stream().map(PGbit::getValue).toList();
        assertThat(viaJooq).containsExactlyElementsOf(rawStrings("select binary_quantize(v)::bit(3)::text from items order by id"))
                .containsExactly("111", "011", "001");
        assertThat(dsl.select(PgVectorDSL.binaryQuantize(V)).from(ITEMS).where(ID.eq(2)).fetchOne(0, PGbit.class).getValue()).isEqualTo("011");
    }

    @Test
    void anotherDialectFailsNamingIt() {
        assertThatThrownBy(() -> DSL.using(SQLDialect.MYSQL).render(DSL.select(PgVectorDSL.l2Distance(V, PROBE))))
                .isInstanceOf(SQLDialectNotSupportedException.class).hasMessageContaining("MYSQL").hasMessageContaining("<->");
        assertThatThrownBy(() -> DSL.using(SQLDialect.H2).render(DSL.select(DSL.val(PROBE, VectorDataTypes.vector(3)))))
                .isInstanceOf(SQLDialectNotSupportedException.class).hasMessageContaining("H2").hasMessageContaining("vector bind value");
        assertThatThrownBy(() -> DSL.using(SQLDialect.H2).render(DSL.select(PgVectorDSL.vectorNorm(H))))
                .isInstanceOf(SQLDialectNotSupportedException.class).hasMessageContaining("H2").hasMessageContaining("l2_norm");
        IndexDefinition index = IndexDefinition.hnsw("items", IndexedExpression.column("v", VectorType.VECTOR, 3), Metric.L2).build();
        assertThatThrownBy(() -> VectorDdl.createIndex(DSL.using(SQLDialect.MYSQL), index).getSQL())
                .isInstanceOf(SQLDialectNotSupportedException.class).hasMessageContaining("MYSQL");
    }

    @Test
    void invalidValuesAreRefusedBeforeAnySqlIsSent() {
        AtomicInteger executed = new AtomicInteger();
        DSLContext counting = DSL.using(connection, SQLDialect.POSTGRES);
        counting.configuration().set(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                executed.incrementAndGet();
            }
        });
        Throwable nan = catchRoot(() -> counting.select(PgVectorDSL.l2Distance(V, new float[] {1f, Float.NaN, 0f})).fetch());
        assertThat(nan).isInstanceOf(VectorValidationException.class).hasMessageContaining("NaN");
        Throwable dims = catchRoot(() -> counting.insertInto(ITEMS, ID, V).values(9, new float[] {1f, 2f}).execute());
        assertThat(dims).isInstanceOf(VectorValidationException.class).hasMessage("value has 2 dimensions, the column is vector(3)");
        assertThat(executed).as("statements that reached execution").hasValue(0);

        assertThatThrownBy(() -> PgVectorDSL.hammingDistance(V, PROBE)).isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("v: HAMMING (<~>) does not apply to vector");
        assertThatThrownBy(() -> PgVectorDSL.l2Distance(DSL.field(DSL.name("untyped"), Object.class), (Object) PROBE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("untyped").hasMessageContaining("not a pgvector type");
        assertThatThrownBy(() -> PgVectorDSL.vectorDims(S)).isInstanceOf(VectorValidationException.class).hasMessageContaining("sparsevec");
    }

    @Test
    void aDimensionMismatchTheClientCannotSeeIsTheServersClearError() {
        Field<float[]> anyDimensions = DSL.field(DSL.name("v"), VectorDataTypes.vector());
        assertThatThrownBy(() -> dsl.insertInto(ITEMS, ID, anyDimensions).values(10, new float[] {1f, 2f}).execute())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("expected 3 dimensions, not 2");
        assertThatThrownBy(() -> dsl.select(PgVectorDSL.l2Distance(anyDimensions, new float[] {1f, 2f})).from(ITEMS).fetch())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("different vector dimensions 3 and 2");
    }

    @Test
    void inlinedValuesRenderAsCastLiterals() {
        Field<Double> distance = PgVectorDSL.l2Distance(V, PROBE);
        String inlined = DSL.using(SQLDialect.POSTGRES).renderInlined(DSL.select(distance).from(ITEMS).where(ID.eq(1)));
        assertThat(inlined).contains("(\"v\" <-> cast('[0.5,-1.0,2.0]' as vector))");
        assertThat(dsl.fetchValue(inlined)).isEqualTo(dsl.select(distance).from(ITEMS).where(ID.eq(1)).fetchOne(distance));
    }

    private static Throwable catchRoot(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            Throwable t = e;
            while (!(t instanceof VectorValidationException) && t.getCause() != null) {
                t = t.getCause();
            }
            return t;
        }
        throw new AssertionError("expected an exception");
    }

    private static void assertVectorsEqual(List<float[]> viaJooq, String rawSql) throws SQLException {
        List<String> raw = rawStrings(rawSql);
        assertThat(viaJooq).hasSameSizeAs(raw);
        for (int i = 0; i < raw.size(); i++) {
            assertThat(viaJooq.get(i)).as(rawSql + " row " + i).containsExactly(VectorCodec.parse(raw.get(i)));
        }
    }

    private static List<Double> rawDoubles(String sql) throws SQLException {
        List<Double> values = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getDouble(1));
            }
        }
        return values;
    }

    private static List<String> rawStrings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
