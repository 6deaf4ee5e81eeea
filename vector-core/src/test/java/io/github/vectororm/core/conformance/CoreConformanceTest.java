package io.github.vectororm.core.conformance;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.codec.BitCodec;
import io.github.vectororm.core.codec.HalfvecCodec;
import io.github.vectororm.core.codec.SparsevecCodec;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.core.internal.SubvectorRule;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * pgvector's own expectations against vector-core: the client-side computations (Metric.distance,
 * VectorValues.l2Normalize, the subvector rule, the codecs' text and binary forms) and plain JDBC with values
 * bound through VectorValues, in text and in binary transfer.
 */
@PgVectorDatabase
class CoreConformanceTest {

    private final Differential differential = new Differential(VectorValidationException.class, PgVectorDeviations.ALL);

    @Test
    void clientComputationsAgreeWithTheServer() {
        Differential.Report report = differential.run("core client", CoreConformanceTest::client);
        System.out.println(report.summary());
        report.assertAgrees(150);
    }

    @Test
    void textCodecsAgreeWithTheServer() {
        Differential.Report report = differential.run("core text codec", c -> codec(c, false));
        System.out.println(report.summary());
        report.assertAgrees(100);
    }

    @Test
    void binaryCodecsAgreeWithTheServer() {
        Differential.Report report = differential.run("core binary codec", c -> codec(c, true));
        System.out.println(report.summary());
        report.assertAgrees(100);
    }

    @Test
    void boundJdbcValuesAgreeWithTheServer(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            Differential.Report report = differential.run("core jdbc text", c -> jdbc(connection, c));
            System.out.println(report.summary());
            report.assertAgrees(300);
        }
    }

    @Test
    void boundJdbcValuesInBinaryAgreeWithTheServer(TestDatabase db) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                PgVectorTypes.withBinaryTransfer(db.jdbcUrl("prepareThreshold", "-1")))) {
            PgVectorTypes.registerBit(connection);
            Differential.Report report = differential.run("core jdbc binary", c -> jdbc(connection, c));
            System.out.println(report.summary());
            report.assertAgrees(300);
        }
    }

    @Test
    void boundJdbcValuesWithRegisteredTypesReadAsTextAgreeWithTheServer(TestDatabase db) throws Exception {
        // the registered classes parse what the server sends as text before a statement is prepared on the server
        try (Connection connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(db.jdbcUrl()))) {
            PgVectorTypes.registerBit(connection);
            Differential.Report report = differential.run("core jdbc registered text", c -> jdbc(connection, c));
            System.out.println(report.summary());
            report.assertAgrees(300);
        }
    }

    @Test
    void structuredSparseVectorsDifferFromTheTextInputOnlyAsListed(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            Differential.Report report = differential.run("core structured sparsevec", c -> {
                if (c.call() != Call.CAST || !"sparsevec".equals(c.target()) || c.first().kind() != Arg.Kind.TEXT) {
                    throw new NotApplicable("sparsevec text input only");
                }
                // the value as parts, in text order with zeros kept, as a user builds a PGsparsevec
                Object parts = new Arg(Arg.Kind.SPARSEVEC, c.first().text()).sparse();
                try (PreparedStatement statement = connection.prepareStatement(c.boundSql())) {
                    statement.setObject(1, VectorValues.toParameter(VectorType.SPARSEVEC, parts));
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getObject(1);
                    }
                }
            });
            System.out.println(report.summary());
            org.assertj.core.api.Assertions.assertThat(report.deviated()).hasSize(1);
            report.assertAgrees(10);
        }
    }

    @Test
    void bitValuesLongerThanABitColumnCanDeclareReachTheServer(TestDatabase db) throws Exception {
        // 83,886,088 bits: beyond bit(n)'s 83,886,080, within varbit's VARBITMAXLEN; sent in binary
        byte[] ones = new byte[10_485_761];
        java.util.Arrays.fill(ones, (byte) 0xff);
        try (Connection connection = db.connect()) {
            PgVectorTypes.registerBit(connection);
            try (PreparedStatement statement = connection.prepareStatement("SELECT hamming_distance(?, ?), length(?)")) {
                statement.setObject(1, VectorValues.toParameter(VectorType.BIT, ones));
                statement.setObject(2, VectorValues.toParameter(VectorType.BIT, new byte[ones.length]));
                statement.setObject(3, VectorValues.toParameter(VectorType.BIT, ones));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    org.assertj.core.api.Assertions.assertThat(rs.getDouble(1)).isEqualTo(83_886_088d);
                    org.assertj.core.api.Assertions.assertThat(rs.getInt(2)).isEqualTo(83_886_088);
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(BitCodec.MAX_LENGTH).as("PostgreSQL's VARBITMAXLEN")
                .isEqualTo(Integer.MAX_VALUE - 7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorType.BIT.columnDefinition(83_886_081))
                .isInstanceOf(VectorValidationException.class);
    }

    static VectorType type(Arg.Kind kind) {
        return VectorType.valueOf(kind.name());
    }

    /** The Java value a user holds for an argument of a vector type. */
    static Object javaValue(Arg arg) {
        return switch (arg.kind()) {
            case VECTOR, HALFVEC, REALS -> arg.floats();
            case DOUBLES -> arg.doubles();
            case SPARSEVEC -> arg.sparse();
            case BIT -> arg.bits();
            case INTEGER -> arg.integer();
            case TEXT -> arg.text();
        };
    }

    private static Object jdbc(Connection connection, PgVectorCase c) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(c.boundSql())) {
            for (int i = 0; i < c.args().size(); i++) {
                Arg arg = c.args().get(i);
                if (arg.kind() == Arg.Kind.INTEGER) {
                    statement.setInt(i + 1, arg.integer());
                } else if (arg.isNull()) {
                    statement.setNull(i + 1, java.sql.Types.OTHER);
                } else {
                    VectorType type = arg.kind() == Arg.Kind.TEXT || arg.kind() == Arg.Kind.REALS
                            || arg.kind() == Arg.Kind.DOUBLES ? VectorType.fromSqlName(c.target()).orElseThrow() : type(arg.kind());
                    statement.setObject(i + 1, VectorValues.toParameter(type, javaValue(arg)));
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    private static Object client(PgVectorCase c) {
        if (c.call().isDistance()) {
            Metric metric = Metric.valueOf(c.call().metric());
            double distance = c.first().kind() == Arg.Kind.BIT
                    ? metric.distance(c.first().bits(), c.second().bits())
                    : metric.distance(held(c.first()), held(c.second()));
            // the function inner_product is the positive inner product; Metric gives the operator's value
            return c.call() == Call.INNER_PRODUCT ? -distance : distance;
        }
        return switch (c.call()) {
            case L2_NORMALIZE -> {
                if (c.first().kind() == Arg.Kind.SPARSEVEC) {
                    throw new NotApplicable("vector-core normalizes dense values only");
                }
                yield VectorValues.l2Normalize(type(c.first().kind()), c.first().kind() == Arg.Kind.HALFVEC
                        ? c.first().floats() : held(c.first()));
            }
            case SUBVECTOR -> {
                float[] v = held(c.first());
                int start = c.args().get(1).integer();
                int count = c.args().get(2).integer();
                int dimensions = SubvectorRule.resultDimensions("v", v.length, start, count);
                int from = Math.max(start, 1) - 1;
                yield Arrays.copyOfRange(v, from, from + dimensions);
            }
            case CAST -> {
                if (c.typmod() >= 0) {
                    throw new NotApplicable("type modifiers are column declarations, checked by the adapters' mappings");
                }
                if (c.first().kind() == Arg.Kind.TEXT) {
                    throw new NotApplicable("text input is the codecs' mode");
                }
                Object value = c.first().kind() == Arg.Kind.HALFVEC ? held(c.first()) : javaValue(c.first());
                VectorType target = VectorType.fromSqlName(c.target()).orElseThrow();
                if (value instanceof com.pgvector.PGsparsevec sparse) {
                    SparsevecCodec.validate(sparse);
                    value = sparse.toArray();
                }
                Object parameter = VectorValues.toParameter(target, value); // validates as the client sends it
                Class<?> javaType = target == VectorType.SPARSEVEC ? com.pgvector.PGsparsevec.class : float[].class;
                yield VectorValues.fromResult(target, parameter, javaType);
            }
            default -> throw new NotApplicable(c.call() + " has no client-side computation");
        };
    }

    /** A dense value as the client holds it after reading it from a column of its type (halfvec rounded). */
    private static float[] held(Arg arg) {
        return switch (arg.kind()) {
            case HALFVEC -> HalfvecCodec.round(arg.floats());
            case SPARSEVEC -> {
                SparsevecCodec.validate(arg.sparse());
                yield arg.sparse().toArray();
            }
            default -> arg.floats();
        };
    }

    private static Object codec(PgVectorCase c, boolean binary) {
        if (c.call() != Call.CAST || c.first().kind() != Arg.Kind.TEXT || c.typmod() >= 0) {
            throw new NotApplicable("the codecs' mode reads text input without a type modifier");
        }
        String text = c.first().text();
        return switch (c.target().toLowerCase(Locale.ROOT)) {
            case "vector" -> binary ? VectorCodec.decode(VectorCodec.encode(VectorCodec.parse(text)), 0)
                    : VectorCodec.parse(VectorCodec.format(VectorCodec.parse(text)));
            case "halfvec" -> binary ? HalfvecCodec.decode(HalfvecCodec.encode(HalfvecCodec.parse(text)), 0)
                    : HalfvecCodec.parse(HalfvecCodec.format(HalfvecCodec.parse(text)));
            case "sparsevec" -> binary ? SparsevecCodec.decode(SparsevecCodec.encode(SparsevecCodec.parse(text)), 0)
                    : SparsevecCodec.parse(SparsevecCodec.format(SparsevecCodec.parse(text)));
            default -> BitCodec.parse(BitCodec.format(BitCodec.parse(text)));
        };
    }
}
