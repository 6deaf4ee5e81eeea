package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pgvector.PGbit;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.codec.BitCodec;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every HQL function against the server's own result for the same SQL. */
@PgVectorDatabase
class FunctionsTest {

    @Entity(name = "Point")
    @Table(name = "points")
    public static class Point {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] v;

        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        @Array(length = 3)
        float[] h;

        @JdbcTypeCode(SqlTypes.SPARSE_VECTOR_FLOAT32)
        @Array(length = 3)
        float[] s;

        @Array(length = 6)
        PGbit b;

        Point() {
        }

        Point(long id, float[] v, String bits) {
            this.id = id;
            this.v = v;
            this.h = v;
            this.s = v;
            this.b = BitCodec.parse(bits);
        }
    }

    private static final float[] PROBE = {1, 0.5f, -1};
    private static SessionFactory sessionFactory;
    private static TestDatabase db;

    @BeforeAll
    static void load(TestDatabase database) {
        db = database;
        sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", Point.class);
        sessionFactory.inTransaction(session -> {
            session.persist(new Point(1, new float[] {1, 2, 3}, "101100"));
            session.persist(new Point(2, new float[] {-1, 0.25f, 2}, "111000"));
            session.persist(new Point(3, new float[] {0, 0, 4}, "000111"));
        });
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    /** Each distance function, with a bound vector, in select, where and order by, equals the server's function. */
    @ParameterizedTest
    @ValueSource(strings = {"v", "h", "s"})
    void denseDistancesEqualTheServersFunctions(String column) throws SQLException {
        String probe = "'" + VectorCodec.format(PROBE) + "'::" + switch (column) {
            case "h" -> "halfvec";
            case "s" -> "sparsevec";
            default -> "vector";
        };
        if (column.equals("s")) {
            probe = "'{1:1,2:0.5,3:-1}/3'::sparsevec";
        }
        for (Metric metric : List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE, Metric.L1)) {
            List<String> names = new java.util.ArrayList<>(metric.queryFunctionNames());
            if (metric.functionNegates()) {
                names.add(metric.functionName());
            }
            for (String function : names) {
                Object probeValue = column.equals("s") ? io.github.vectororm.core.codec.SparsevecCodec.fromDense(PROBE) : PROBE;
                List<Object[]> rows = sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                        "select p.id, " + function + "(p." + column + ", :probe) from Point p where " + function + "(p."
                                + column + ", :probe) < 100 order by " + function + "(p." + column + ", :probe), p.id", Object[].class)
                        .setParameter("probe", column.equals("s") ? PROBE : probeValue).getResultList());
                // the server's function; the bare-operator names carry the operator's sign
                String sqlFunction = (metric.functionNegates() && !function.equals(metric.functionName()) ? "-" : "")
                        + metric.functionName();
                List<double[]> expected = server("select id, " + sqlFunction + "(" + column + ", " + probe + ") d from points order by d, id");
                assertThat(rows).as(function + " on " + column).hasSameSizeAs(expected);
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(((Number) rows.get(i)[0]).longValue()).as(function).isEqualTo((long) expected.get(i)[0]);
                    assertThat((Double) rows.get(i)[1]).as(function).isCloseTo(expected.get(i)[1], within(1e-9));
                }
            }
        }
    }

    @Test
    void bitDistancesAgainstAnotherRowsColumn() throws SQLException {
        for (Metric metric : List.of(Metric.HAMMING, Metric.JACCARD)) {
            String function = VectorFunctions.distanceFunction(metric);
            List<Object[]> rows = sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                    "select p.id, " + function + "(p.b, q.b) from Point p, Point q where q.id = 1 order by "
                            + function + "(p.b, q.b), p.id", Object[].class).getResultList());
            List<double[]> expected = server("select p.id, " + metric.functionName() + "(p.b, q.b) d from points p, points q"
                    + " where q.id = 1 order by d, p.id");
            assertThat(rows).extracting(r -> ((Number) r[0]).longValue())
                    .containsExactlyElementsOf(expected.stream().map(e -> (long) e[0]).toList());
            assertThat(rows).extracting(r -> (Double) r[1]).containsExactlyElementsOf(expected.stream().map(e -> e[1]).toList());
        }
    }

    @Test
    void vectorFunctionsEqualTheServersResults() throws SQLException {
        Object[] row = sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                "select vector_dims(p.v), vector_norm(p.v), vector_norm(p.h), vector_norm(p.s), l2_normalize(p.v),"
                        + " subvector(p.v, 2, 2), binary_quantize(p.v) from Point p where p.id = 2", Object[].class)
                .getSingleResult());
        double[] norms = server("select vector_norm(v), l2_norm(h), l2_norm(s) from points where id = 2").get(0);
        assertThat(row[0]).isEqualTo(3);
        assertThat((Double) row[1]).isCloseTo(norms[0], within(1e-9));
        assertThat((Double) row[2]).isCloseTo(norms[1], within(1e-9));
        assertThat((Double) row[3]).isCloseTo(norms[2], within(1e-9));
        assertThat((float[]) row[4]).containsExactly(serverVector("select l2_normalize(v)::text from points where id = 2"));
        assertThat((float[]) row[5]).containsExactly(0.25f, 2);
        assertThat(BitCodec.format((PGbit) row[6])).isEqualTo("011");
    }

    /** The norm's SQL name is the argument type's (VectorType.normFunction()); bit has none, here as on the server. */
    @Test
    void vectorNormTakesItsSqlNameFromTheTypeAndRefusesBitLikeTheServer() throws SQLException {
        for (String attribute : List.of("v", "h", "s")) {
            VectorType type = switch (attribute) {
                case "h" -> VectorType.HALFVEC;
                case "s" -> VectorType.SPARSEVEC;
                default -> VectorType.VECTOR;
            };
            List<Double> norms = sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                    "select vector_norm(p." + attribute + ") from Point p order by p.id", Double.class).getResultList());
            List<double[]> expected = server("select " + type.normFunction().orElseThrow() + "(" + attribute
                    + ") from points order by id");
            assertThat(norms).as(attribute).hasSameSizeAs(expected);
            for (int i = 0; i < norms.size(); i++) {
                assertThat(norms.get(i)).as(attribute).isCloseTo(expected.get(i)[0], within(1e-9));
            }
        }
        assertThatThrownBy(() -> sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                "select vector_norm(p.b) from Point p", Double.class).getResultList()))
                .isInstanceOf(VectorValidationException.class)
                .hasMessage("vector_norm: bit has no norm in pgvector; types with one: vector (vector_norm),"
                        + " halfvec (l2_norm), sparsevec (l2_norm)");
        for (String function : List.of("vector_norm", "l2_norm")) {
            assertThatThrownBy(() -> server("select " + function + "(b) from points")).as(function)
                    .isInstanceOf(SQLException.class).hasMessageContaining("does not exist");
        }
    }

    @Test
    void vectorAggregatesEqualTheServersResults() throws SQLException {
        Object[] row = sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                "select vector_avg(p.v), vector_sum(p.v) from Point p", Object[].class).getSingleResult());
        assertThat((float[]) row[0]).containsExactly(serverVector("select avg(v)::text from points"));
        assertThat((float[]) row[1]).containsExactly(serverVector("select sum(v)::text from points"));
    }

    private static float[] serverVector(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return VectorCodec.parse(rs.getString(1));
        }
    }

    private static List<double[]> server(String sql) throws SQLException {
        List<double[]> rows = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                double[] row = new double[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getDouble(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void aVectorParameterTakesOneValueSoTheQueryPlanIsCachedAcrossExecutions() {
        // the last argument of a function may take a list in HQL, which keeps a query out of the plan cache
        String hql = "select p.id from Point p order by euclidean_distance(p.v, :probe)";
        var cache = sessionFactory.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getQueryEngine()
                .getInterpretationCache();
        int before = cache.getNumberOfCachedQueryPlans();
        for (int i = 0; i < 3; i++) {
            sessionFactory.inSession(session -> {
                var query = session.createSelectionQuery(hql, Long.class).setParameter("probe", PROBE).setMaxResults(2);
                assertThat(query.getParameterMetadata().getQueryParameter("probe").allowsMultiValuedBinding()).isFalse();
                assertThat(query.getResultList()).hasSize(2);
            });
        }
        assertThat(cache.getNumberOfCachedQueryPlans()).isEqualTo(before + 1);
    }
}
