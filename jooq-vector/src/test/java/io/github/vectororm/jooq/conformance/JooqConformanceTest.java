package io.github.vectororm.jooq.conformance;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.jooq.PgVectorDSL;
import io.github.vectororm.jooq.VectorDataTypes;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.conformance.Arg;
import io.github.vectororm.test.conformance.Call;
import io.github.vectororm.test.conformance.Differential;
import io.github.vectororm.test.conformance.NotApplicable;
import io.github.vectororm.test.conformance.PgVectorCase;
import io.github.vectororm.test.conformance.PgVectorDeviations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgvector's own expectations against every PgVectorDSL function, in each way a value reaches it: bound values
 * (text and binary transfer), inlined literals, and a column holding the first argument with the second bound
 * through the {@code (Field, U)} overloads.
 */
@PgVectorDatabase
class JooqConformanceTest {

    private static final Table<Record> VALUES = DSL.table(DSL.name("conformance_values"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Map<Arg.Kind, String> COLUMNS = Map.of(Arg.Kind.VECTOR, "v", Arg.Kind.HALFVEC, "h",
            Arg.Kind.SPARSEVEC, "s", Arg.Kind.BIT, "b");

    private static Connection connection;
    private static Connection binaryConnection;
    private static DSLContext dsl;
    private static DSLContext binaryDsl;
    private final Differential differential = new Differential(VectorValidationException.class, PgVectorDeviations.ALL);

    private enum Mode { BOUND, INLINE, COLUMN }

    @BeforeAll
    static void connect(TestDatabase db) throws Exception {
        db.execute("create table conformance_values (id serial primary key, v vector, h halfvec, s sparsevec, b varbit)");
        connection = db.connect();
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        binaryConnection = DriverManager.getConnection(io.github.vectororm.core.jdbc.PgVectorTypes.withBinaryTransfer(
                db.jdbcUrl("prepareThreshold", "-1")));
        io.github.vectororm.core.jdbc.PgVectorTypes.registerBit(binaryConnection);
        binaryDsl = DSL.using(binaryConnection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
        binaryConnection.close();
    }

    @Test
    void boundValuesAgreeWithTheServer() {
        check("jooq bound", dsl, Mode.BOUND);
    }

    @Test
    void boundValuesInBinaryAgreeWithTheServer() {
        check("jooq bound binary", binaryDsl, Mode.BOUND);
    }

    @Test
    void boundValuesWithRegisteredTypesReadAsTextAgreeWithTheServer(TestDatabase db) throws Exception {
        // pgvector-java's classes registered, results still in text (no server-prepared statement yet)
        try (Connection registered = DriverManager.getConnection(
                io.github.vectororm.core.jdbc.PgVectorTypes.withBinaryTransfer(db.jdbcUrl()))) {
            io.github.vectororm.core.jdbc.PgVectorTypes.registerBit(registered);
            check("jooq bound registered text", DSL.using(registered, SQLDialect.POSTGRES), Mode.BOUND);
        }
    }

    @Test
    void inlinedValuesAgreeWithTheServer() {
        check("jooq inline", dsl, Mode.INLINE);
    }

    @Test
    void aColumnAndABoundValueAgreeWithTheServer() {
        check("jooq column", dsl, Mode.COLUMN);
    }

    private void check(String name, DSLContext context, Mode mode) {
        Differential.Report report = differential.run(name, c -> call(context, mode, c));
        System.out.println(report.summary());
        report.assertAgrees(200);
    }

    /** The row holding the first argument in COLUMN mode. */
    private static Integer row;

    private static Object call(DSLContext context, Mode mode, PgVectorCase c) {
        if (c.call().isAggregate()) {
            return aggregate(context, mode, c);
        }
        row = null;
        Field<?> result = field(context, mode, c);
        return row == null ? context.select(result).fetchOne(0)
                : context.select(result).from(VALUES).where(ID.eq(row)).fetchOne(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field<?> field(DSLContext context, Mode mode, PgVectorCase c) {
        if (c.call() == Call.CAST) {
            return cast(context, mode, c);
        }
        Field first = operand(context, mode, c.first(), true);
        if (c.call().isDistance()) {
            Metric metric = Metric.valueOf(c.call().metric());
            Field<Double> distance = mode == Mode.COLUMN
                    ? toValue(metric, first, javaValue(c.second()))
                    : toField(metric, first, operand(context, mode, c.second(), false));
            // the function inner_product is the positive inner product; PgVectorDSL offers the operator <#>
            return c.call() == Call.INNER_PRODUCT ? distance.neg() : distance;
        }
        return switch (c.call()) {
            case VECTOR_DIMS -> PgVectorDSL.vectorDims(first);
            case VECTOR_NORM, L2_NORM -> {
                VectorType type = kindType(c.first().kind());
                String expected = c.call() == Call.VECTOR_NORM ? "vector_norm" : "l2_norm";
                if (type.normFunction().isPresent() && !type.normFunction().get().equals(expected)) {
                    throw new NotApplicable("vectorNorm picks the type's own norm function");
                }
                yield PgVectorDSL.vectorNorm(first);
            }
            case L2_NORMALIZE -> PgVectorDSL.l2Normalize(first);
            case BINARY_QUANTIZE -> PgVectorDSL.binaryQuantize(first);
            case SUBVECTOR -> PgVectorDSL.subvector(first, c.args().get(1).integer(), c.args().get(2).integer());
            default -> throw new NotApplicable(c.call() + " is not in PgVectorDSL");
        };
    }

    /** avg or sum over the rows: bound or inlined in a derived table, or stored in the table's column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object aggregate(DSLContext context, Mode mode, PgVectorCase c) {
        Arg.Kind kind = Arg.Kind.valueOf(c.target().toUpperCase(java.util.Locale.ROOT));
        DataType type = dataType(kind);
        if (mode == Mode.COLUMN) {
            Field column = DSL.field(DSL.name(COLUMNS.get(kind)), type);
            java.util.List<Integer> ids = new java.util.ArrayList<>();
            for (Arg arg : c.args()) {
                ids.add((Integer) context.insertInto(VALUES).set(column, javaValue(arg)).returning(ID).fetchOne().get(ID));
            }
            Field result = c.call() == Call.AVG ? PgVectorDSL.avg(column) : PgVectorDSL.sum(column);
            return context.select(result).from(VALUES).where(ids.isEmpty() ? DSL.falseCondition() : ID.in(ids)).fetchOne(0);
        }
        org.jooq.Select<?> rows = null;
        for (Arg arg : c.args()) {
            Field value = mode == Mode.INLINE ? DSL.inline(javaValue(arg), type) : DSL.val(javaValue(arg), type);
            org.jooq.Select<?> one = DSL.select(value.as("v"));
            rows = rows == null ? one : ((org.jooq.Select) rows).unionAll(one);
        }
        if (rows == null) {
            rows = DSL.select(DSL.val(null, type).as("v")).where(DSL.falseCondition());
        }
        Field v = DSL.field(DSL.name("t", "v"), type);
        Field result = c.call() == Call.AVG ? PgVectorDSL.avg(v) : PgVectorDSL.sum(v);
        return context.select(result).from(rows.asTable("t")).fetchOne(0);
    }

    @SuppressWarnings("unchecked")
    private static <U> Field<Double> toValue(Metric metric, Field<U> a, Object b) {
        return PgVectorDSL.distance(metric, a, (U) b);
    }

    @SuppressWarnings("unchecked")
    private static <U> Field<Double> toField(Metric metric, Field<U> a, Field<?> b) {
        return PgVectorDSL.distance(metric, a, (Field<U>) b);
    }

    private static Field<?> cast(DSLContext context, Mode mode, PgVectorCase c) {
        if (c.typmod() < 0) {
            throw new NotApplicable("PgVectorDSL's casts name the dimensions");
        }
        Field<?> value = switch (c.first().kind()) {
            case REALS -> mode == Mode.INLINE ? DSL.inline(boxed(c.first().floats()), SQLDataType.REAL.array())
                    : DSL.val(boxed(c.first().floats()), SQLDataType.REAL.array());
            case DOUBLES -> mode == Mode.INLINE ? DSL.inline(boxed(c.first().doubles()), SQLDataType.DOUBLE.array())
                    : DSL.val(boxed(c.first().doubles()), SQLDataType.DOUBLE.array());
            case TEXT -> throw new NotApplicable("text input reaches jOOQ through a binding, not a cast");
            default -> operand(context, mode, c.first(), true);
        };
        return switch (c.target()) {
            case "vector" -> PgVectorDSL.castToVector(value, c.typmod());
            case "halfvec" -> PgVectorDSL.castToHalfvec(value, c.typmod());
            default -> throw new NotApplicable("PgVectorDSL has no cast to " + c.target());
        };
    }

    /** The argument as a field: a bound value, an inlined one, or (first argument in COLUMN mode) a stored column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field operand(DSLContext context, Mode mode, Arg arg, boolean first) {
        if (arg.kind() == Arg.Kind.TEXT || arg.kind() == Arg.Kind.INTEGER || arg.kind() == Arg.Kind.REALS
                || arg.kind() == Arg.Kind.DOUBLES) {
            throw new NotApplicable("PgVectorDSL takes vector-typed operands, not " + arg.kind());
        }
        DataType type = dataType(arg.kind());
        Object value = javaValue(arg);
        return switch (mode) {
            case BOUND -> DSL.val(value, type);
            case INLINE -> DSL.inline(value, type);
            case COLUMN -> {
                if (!first) {
                    yield DSL.val(value, type);
                }
                Field column = DSL.field(DSL.name(COLUMNS.get(arg.kind())), type);
                row = (Integer) context.insertInto(VALUES).set(column, value).returning(ID).fetchOne().get(ID);
                yield column;
            }
        };
    }

    private static DataType<?> dataType(Arg.Kind kind) {
        return switch (kind) {
            case VECTOR -> VectorDataTypes.vector();
            case HALFVEC -> VectorDataTypes.of(VectorType.HALFVEC, 0, float[].class);
            case SPARSEVEC -> VectorDataTypes.of(VectorType.SPARSEVEC, 0, PGsparsevec.class);
            default -> VectorDataTypes.of(VectorType.BIT, 0, PGbit.class);
        };
    }

    private static VectorType kindType(Arg.Kind kind) {
        return VectorType.valueOf(kind.name());
    }

    private static Object javaValue(Arg arg) {
        if (arg.isNull()) {
            return null;
        }
        return switch (arg.kind()) {
            case VECTOR, HALFVEC -> arg.floats();
            case SPARSEVEC -> arg.sparse();
            case BIT -> arg.bit();
            default -> throw new NotApplicable("no vector value: " + arg.kind());
        };
    }

    private static Float[] boxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static Double[] boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
