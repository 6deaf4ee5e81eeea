package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.codec.BitCodec;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client-side rendering of each metric agrees with the server's operator and function. */
@PgVectorDatabase
class MetricTest {

    private static final Random RANDOM = new Random(7);

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "INNER_PRODUCT", "COSINE", "L1"})
    void denseMetricMatchesServerOperatorAndFunction(Metric metric, TestDatabase db) throws SQLException {
        for (VectorType type : new VectorType[] {VectorType.VECTOR, VectorType.HALFVEC, VectorType.SPARSEVEC}) {
            for (int trial = 0; trial < 20; trial++) {
                float[] a = randomVector(1 + RANDOM.nextInt(300), type);
                float[] b = randomVector(a.length, type);
                double client = metric.distance(a, b);
                double[] server = serverDistances(db, metric, type, a, b);
                assertThat(server[0]).as("%s %s operator", metric, type).isCloseTo(client, within(1e-5 * Math.max(1, Math.abs(client))));
                double function = metric.functionNegates() ? -server[1] : server[1];
                assertThat(function).as("%s %s function", metric, type).isCloseTo(server[0], within(1e-9 * Math.max(1, Math.abs(client))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"HAMMING", "JACCARD"})
    void bitMetricMatchesServerOperatorAndFunction(Metric metric, TestDatabase db) throws SQLException {
        for (int trial = 0; trial < 20; trial++) {
            boolean[] a = randomBits(1 + RANDOM.nextInt(200));
            boolean[] b = randomBits(a.length);
            try (Connection c = db.connect();
                    PreparedStatement ps = c.prepareStatement("select ?::bit(" + a.length + ") " + metric.operator()
                            + " ?::bit(" + a.length + "), " + metric.functionName() + "(?::bit(" + a.length + "), ?::bit("
                            + a.length + "))")) {
                for (int i = 0; i < 2; i++) {
                    ps.setString(1 + 2 * i, BitCodec.format(BitCodec.of(a)));
                    ps.setString(2 + 2 * i, BitCodec.format(BitCodec.of(b)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getDouble(1)).isEqualTo(metric.distance(a, b));
                    assertThat(rs.getDouble(2)).isEqualTo(rs.getDouble(1));
                }
            }
        }
    }

    @Test
    void allZeroBitsHaveJaccardDistanceOne() {
        assertThat(Metric.JACCARD.distance(new boolean[3], new boolean[3])).isEqualTo(1.0);
    }

    @Test
    void opclassesFollowPgvectorsTable() {
        assertThat(Metric.COSINE.requireOpclass(VectorType.HALFVEC, IndexMethod.HNSW)).isEqualTo("halfvec_cosine_ops");
        assertThat(Metric.INNER_PRODUCT.requireOpclass(VectorType.SPARSEVEC, IndexMethod.HNSW)).isEqualTo("sparsevec_ip_ops");
        assertThat(Metric.L1.requireOpclass(VectorType.VECTOR, IndexMethod.HNSW)).isEqualTo("vector_l1_ops");
        assertThat(Metric.HAMMING.requireOpclass(VectorType.BIT, IndexMethod.IVFFLAT)).isEqualTo("bit_hamming_ops");
        assertThat(Metric.JACCARD.requireOpclass(VectorType.BIT, IndexMethod.HNSW)).isEqualTo("bit_jaccard_ops");
        assertThat(Metric.L2.opclass(VectorType.SPARSEVEC, IndexMethod.IVFFLAT)).isEmpty();
    }

    @Test
    void invalidCombinationsNameTheValidOnes() {
        assertThatThrownBy(() -> Metric.L1.requireOpclass(VectorType.VECTOR, IndexMethod.IVFFLAT))
                .isInstanceOf(VectorValidationException.class)
                .hasMessageContaining("IVFFLAT cannot index vector by L1")
                .hasMessageContaining("vector_l2_ops (L2), vector_ip_ops (INNER_PRODUCT), vector_cosine_ops (COSINE)")
                .hasMessageContaining("L1 is indexable with: HNSW vector_l1_ops, HNSW halfvec_l1_ops, HNSW sparsevec_l1_ops");
        assertThatThrownBy(() -> Metric.JACCARD.requireAppliesTo(VectorType.VECTOR))
                .hasMessage("JACCARD (<%>) does not apply to vector; metrics for vector: L2 <->, INNER_PRODUCT <#>, COSINE <=>, L1 <+>");
        assertThatThrownBy(() -> Metric.L2.distance(new float[2], new float[3])).hasMessageContaining("different vector dimensions 2 and 3");
    }

    /** Each metric's operator function, per column type, is the one the server's catalog defines the operator by. */
    @Test
    void operatorFunctionsAreTheServersOperatorDefinitions(TestDatabase db) throws SQLException {
        int checked = 0;
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("select p.proname from pg_operator o join pg_proc p on p.oid = o.oprcode"
                        + " where o.oprname = ? and o.oprleft = ?::regtype and o.oprright = ?::regtype")) {
            for (Metric metric : Metric.values()) {
                for (VectorType type : VectorType.values()) {
                    if (!metric.appliesTo(type)) {
                        assertThatThrownBy(() -> metric.operatorFunction(type)).isInstanceOf(VectorValidationException.class);
                        continue;
                    }
                    ps.setString(1, metric.operator());
                    ps.setString(2, type.sqlName());
                    ps.setString(3, type.sqlName());
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as("%s on %s", metric, type).isTrue();
                        assertThat(metric.operatorFunction(type)).as("%s on %s", metric, type).isEqualTo(rs.getString(1));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(14);
    }

    /** The function a name in queryFunctionNames() stands for is the operator; the one of functionName() may negate it. */
    @Test
    void functionSignsAgreeWithTheServer(TestDatabase db) throws SQLException {
        float[] a = {1, 2, 3};
        float[] b = {-1, 0.5f, 2};
        for (Metric metric : new Metric[] {Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE, Metric.L1}) {
            double[] server = serverDistances(db, metric, VectorType.VECTOR, a, b);
            assertThat(server[1]).as("%s", metric).isEqualTo(metric.functionNegates() ? -server[0] : server[0]);
        }
        assertThat(Metric.values()).filteredOn(Metric::functionNegates).containsExactly(Metric.INNER_PRODUCT);
    }

    @Test
    void queryFunctionNamesAreUniqueAndIncludeSpringDataJpasNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Metric metric : Metric.values()) {
            assertThat(metric.queryFunctionNames()).first().isEqualTo(metric.queryFunctionName());
            for (String name : metric.queryFunctionNames()) {
                assertThat(names.add(name)).as(name).isTrue();
            }
            assertThat(metric.queryFunctionNames().contains(metric.functionName())).isNotEqualTo(metric.functionNegates());
        }
        // what Spring Data JPA's JpaQueryCreator emits for derived ...Near queries
        assertThat(names).contains("cosine_distance", "euclidean_distance", "taxicab_distance", "hamming_distance",
                "negative_inner_product");
        assertThat(Metric.INNER_PRODUCT.scoringFunctionName()).isEqualTo("DOT_PRODUCT");
        assertThat(Metric.L2.scoringFunctionName()).isEqualTo("EUCLIDEAN");
    }

    private static double[] serverDistances(TestDatabase db, Metric metric, VectorType type, float[] a, float[] b)
            throws SQLException {
        String cast = "::" + type.sqlName();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("select ?" + cast + " " + metric.operator() + " ?" + cast + ", "
                        + metric.functionName() + "(?" + cast + ", ?" + cast + ")")) {
            PgVectorTypes.register(c);
            for (int i = 0; i < 2; i++) {
                ps.setObject(1 + 2 * i, VectorValues.toParameter(type, a));
                ps.setObject(2 + 2 * i, VectorValues.toParameter(type, b));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2)};
            }
        }
    }

    /** Random values; for halfvec already rounded, so client and server compute on the same numbers. */
    private static float[] randomVector(int dimensions, VectorType type) {
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            v[i] = RANDOM.nextInt(10) == 0 ? 0f : (float) RANDOM.nextGaussian();
        }
        return type == VectorType.HALFVEC ? io.github.vectororm.core.codec.HalfvecCodec.round(v) : v;
    }

    private static boolean[] randomBits(int length) {
        boolean[] bits = new boolean[length];
        for (int i = 0; i < length; i++) {
            bits[i] = RANDOM.nextBoolean();
        }
        return bits;
    }
}
