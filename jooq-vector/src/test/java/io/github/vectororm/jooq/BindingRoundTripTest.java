package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGbit;
import com.pgvector.PGhalfvec;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.jooq.bindings.BitBinding;
import io.github.vectororm.jooq.bindings.BooleanBitBinding;
import io.github.vectororm.jooq.bindings.FloatHalfvecBinding;
import io.github.vectororm.jooq.bindings.FloatVectorBinding;
import io.github.vectororm.jooq.bindings.PGhalfvecBinding;
import io.github.vectororm.jooq.bindings.PGvectorBinding;
import io.github.vectororm.jooq.bindings.SparsevecBinding;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.postgresql.PGResultSetMetaData;

/** Every binding round-trips values and nulls, in binary when the types are registered and in text otherwise. */
@PgVectorDatabase
class BindingRoundTripTest {

    private static final Table<Record> VALUES = DSL.table(DSL.name("vals"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);

    @Test
    void everyBindingRoundTripsInBinaryAndInText(TestDatabase db) throws SQLException {
        db.execute("create table vals (id int primary key, v vector(3), h halfvec(3), s sparsevec(5), b bit(4))");
        Field<float[]> v = field("v", new FloatVectorBinding());
        Field<PGvector> pv = field("v", new PGvectorBinding());
        Field<float[]> h = field("h", new FloatHalfvecBinding());
        Field<PGhalfvec> ph = field("h", new PGhalfvecBinding());
        Field<PGsparsevec> s = field("s", new SparsevecBinding());
        Field<PGbit> b = field("b", new BitBinding());
        Field<boolean[]> bb = field("b", new BooleanBitBinding());

        for (boolean binary : new boolean[] {true, false}) {
            String url = db.jdbcUrl("prepareThreshold", "-1");
            try (Connection connection = DriverManager.getConnection(binary ? PgVectorTypes.withBinaryTransfer(url) : url)) {
                List<Integer> formats = new ArrayList<>();
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                dsl.configuration().set(new ExecuteListener() {
                    @Override
                    public void fetchEnd(ExecuteContext ctx) {
                        try {
                            formats.add(ctx.resultSet().getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                dsl.deleteFrom(VALUES).execute();
                dsl.insertInto(VALUES, ID, v, h, s, b).values(1, new float[] {1.5f, -2f, 3.25f}, new float[] {0.5f, 1f, -1.5f},
                        new PGsparsevec("{1:1.5,5:-2}/5"), new PGbit(new boolean[] {true, false, true, true})).execute();
                dsl.insertInto(VALUES, ID, pv, ph, s, bb).values(2, new PGvector(new float[] {4f, 5f, 6f}), new PGhalfvec(new float[] {2f, 4f, 8f}),
                        null, new boolean[] {false, true, false, false}).execute();
                dsl.insertInto(VALUES, ID, v, h, s, b).values(3, null, null, null, null).execute();

                assertThat(dsl.select(v).from(VALUES).where(ID.eq(1)).fetchOne(v)).containsExactly(1.5f, -2f, 3.25f);
                assertThat(formats).as("result format with binary=%s", binary).containsExactly(binary ? 1 : 0);
                assertThat(dsl.select(pv).from(VALUES).where(ID.eq(2)).fetchOne(pv).toArray()).containsExactly(4f, 5f, 6f);
                assertThat(dsl.select(h).from(VALUES).where(ID.eq(1)).fetchOne(h)).containsExactly(0.5f, 1f, -1.5f);
                assertThat(dsl.select(ph).from(VALUES).where(ID.eq(2)).fetchOne(ph).toArray()).containsExactly(2f, 4f, 8f);
                PGsparsevec sparse = dsl.select(s).from(VALUES).where(ID.eq(1)).fetchOne(s);
                assertThat(sparse.getIndices()).containsExactly(0, 4);
                assertThat(sparse.getValues()).containsExactly(1.5f, -2f);
                assertThat(dsl.select(b).from(VALUES).where(ID.eq(1)).fetchOne(b).getValue()).isEqualTo("1011");
                assertThat(dsl.select(bb).from(VALUES).where(ID.eq(2)).fetchOne(bb)).containsExactly(false, true, false, false);
                Record nulls = dsl.select(v, h, s, b).from(VALUES).where(ID.eq(3)).fetchOne();
                assertThat(nulls.intoArray()).containsOnlyNulls();
                assertThat(dsl.select(s).from(VALUES).where(ID.eq(2)).fetchOne(s)).isNull();
            }
        }
    }

    @Test
    void measureBindingEncodeDecodeOf1536DimensionVectorsBinaryAgainstText(TestDatabase db) throws SQLException {
        int dimensions = 1536;
        int roundTrips = 300;
        Random random = new Random(7);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = random.nextFloat() * 2 - 1;
        }
        Field<float[]> probe = DSL.val(vector, VectorDataTypes.vector(dimensions));
        String url = db.jdbcUrl("prepareThreshold", "-1");
        double[] millis = new double[2];
        for (int round = 0; round < 2; round++) { // the first round warms up both paths
            int slot = 0;
            for (boolean binary : new boolean[] {true, false}) {
                try (Connection connection = DriverManager.getConnection(binary ? PgVectorTypes.withBinaryTransfer(url) : url)) {
                    DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                    float[] back = null;
                    long start = System.nanoTime();
                    for (int i = 0; i < roundTrips; i++) {
                        back = dsl.select(probe).fetchOne(0, float[].class); // setObject + getObject through the binding
                    }
                    millis[slot++] = (System.nanoTime() - start) / 1e6;
                    assertThat(back).containsExactly(vector);
                }
            }
        }
        System.out.printf("[measure] jOOQ binding round trip (bind + server echo + read), %d-d vector, %d queries: binary %.1f ms"
                + " (%.3f ms/query), text %.1f ms (%.3f ms/query), text/binary %.2fx%n", dimensions, roundTrips,
                millis[0], millis[0] / roundTrips, millis[1], millis[1] / roundTrips, millis[1] / millis[0]);

        // the client-side share: encode + decode without the server, as the binding does it
        int codecLoops = 5_000;
        double[] codecMillis = new double[2];
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < codecLoops; i++) {
                byte[] bytes = VectorValues.toBinary(VectorType.VECTOR, vector);
                PGvector decoded = new PGvector();
                decoded.setByteValue(bytes, 0);
                assertThat(decoded.lengthInBytes()).isEqualTo(bytes.length);
            }
            codecMillis[0] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            for (int i = 0; i < codecLoops; i++) {
                String text = VectorValues.toText(VectorType.VECTOR, vector);
                float[] decoded = VectorValues.fromResult(VectorType.VECTOR, text, float[].class);
                assertThat(decoded).hasSize(dimensions);
            }
            codecMillis[1] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("[measure] codec only, %d-d vector, %d encode+decode: binary %.1f ms (%.1f us each), text %.1f ms"
                + " (%.1f us each), text/binary %.1fx%n", dimensions, codecLoops, codecMillis[0], codecMillis[0] * 1000 / codecLoops,
                codecMillis[1], codecMillis[1] * 1000 / codecLoops, codecMillis[1] / codecMillis[0]);
    }

    private static <T, U> Field<U> field(String name, org.jooq.Binding<T, U> binding) {
        @SuppressWarnings("unchecked")
        DataType<T> declared = (DataType<T>) (binding instanceof BitBinding || binding instanceof BooleanBitBinding
                ? SQLDataType.CHAR(4) : SQLDataType.OTHER);
        return DSL.field(DSL.name(name), declared.asConvertedDataType(binding));
    }
}
