package io.github.vectororm.hibernate.conformance;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.hibernate.Normalized;
import io.github.vectororm.hibernate.VectorFunctions;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.conformance.Arg;
import io.github.vectororm.test.conformance.Call;
import io.github.vectororm.test.conformance.Differential;
import io.github.vectororm.test.conformance.NotApplicable;
import io.github.vectororm.test.conformance.PgVectorCase;
import io.github.vectororm.test.conformance.PgVectorDeviations;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.Type;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.query.SelectionQuery;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgvector's own expectations against every HQL function vector-orm registers, with the vectors as bound
 * parameters (typed by the attribute they stand for), as an attribute and a bound parameter, and as two
 * attributes of a persisted entity.
 */
@PgVectorDatabase
class HibernateConformanceTest {

    @Entity(name = "Operands")
    @Table(name = "operands")
    public static class Operands {
        @Id
        @GeneratedValue
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        float[] v;

        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        float[] h;

        PGsparsevec s;

        PGbit b;

        @JdbcTypeCode(SqlTypes.VECTOR)
        float[] v2;

        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        float[] h2;

        PGsparsevec s2;

        PGbit b2;
    }

    /** What @Normalized stores: vector-core's normalization, which must equal the server's l2_normalize. */
    @Entity(name = "NormalizedOperands")
    @Table(name = "normalized_operands")
    public static class NormalizedOperands {
        @Id
        @GeneratedValue
        Long id;

        @Normalized
        @JdbcTypeCode(SqlTypes.VECTOR)
        float[] v;

        @Normalized
        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        float[] h;
    }

    /** The server's errors are outcomes here; Hibernate logs each one as a warning, which would bury the report. */
    private static final java.util.logging.Logger SQL_WARNINGS = java.util.logging.Logger.getLogger(
            "org.hibernate.orm.jdbc.error");

    private static final Map<Arg.Kind, String> ATTRIBUTES = Map.of(Arg.Kind.VECTOR, "v", Arg.Kind.HALFVEC, "h",
            Arg.Kind.SPARSEVEC, "s", Arg.Kind.BIT, "b");

    private static SessionFactory sessionFactory;
    private final Differential differential = new Differential(VectorValidationException.class, PgVectorDeviations.ALL);

    private enum Mode { PARAMETERS, ATTRIBUTE_AND_PARAMETER, ATTRIBUTES }

    @BeforeAll
    static void start(TestDatabase db) throws Exception {
        SQL_WARNINGS.setLevel(java.util.logging.Level.OFF);
        db.execute("create sequence operands_seq increment by 50", "create sequence normalized_operands_seq increment by 50",
                "create table normalized_operands (id bigint primary key, v vector, h halfvec)",
                "create table operands (id bigint primary key, v vector, h halfvec, s sparsevec, b varbit,"
                        + " v2 vector, h2 halfvec, s2 sparsevec, b2 varbit)");
        Configuration configuration = new Configuration().addAnnotatedClass(Operands.class)
                .addAnnotatedClass(NormalizedOperands.class);
        configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, db.jdbcUrl());
        configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, db.schema());
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        sessionFactory = configuration.buildSessionFactory();
    }

    @AfterAll
    static void stop() {
        sessionFactory.close();
    }

    @Test
    void boundParametersAgreeWithTheServer() {
        check("hibernate parameters", Mode.PARAMETERS);
    }

    @Test
    void anAttributeAndABoundParameterAgreeWithTheServer() {
        check("hibernate attribute and parameter", Mode.ATTRIBUTE_AND_PARAMETER);
    }

    @Test
    void twoAttributesAgreeWithTheServer() {
        check("hibernate attributes", Mode.ATTRIBUTES);
    }

    @Test
    void normalizedAttributesAgreeWithTheServersL2Normalize() {
        Differential.Report report = differential.run("hibernate @Normalized", c -> {
            if (c.call() != Call.L2_NORMALIZE || c.first().kind() == Arg.Kind.SPARSEVEC) {
                throw new NotApplicable("@Normalized normalizes vector and halfvec attributes");
            }
            NormalizedOperands row = new NormalizedOperands();
            boolean half = c.first().kind() == Arg.Kind.HALFVEC;
            if (half) {
                row.h = c.first().floats();
            } else {
                row.v = c.first().floats();
            }
            sessionFactory.inTransaction(session -> session.persist(row));
            // what the database holds, read back in a new session
            return sessionFactory.fromTransaction(session -> {
                NormalizedOperands stored = session.find(NormalizedOperands.class, row.id);
                return half ? stored.h : stored.v;
            });
        });
        System.out.println(report.summary());
        report.assertAgrees(10);
    }

    private void check(String name, Mode mode) {
        Differential.Report report = differential.run(name, c -> call(mode, c));
        System.out.println(report.summary());
        report.assertAgrees(150);
    }

    private static Object call(Mode mode, PgVectorCase c) {
        if (c.call().isAggregate()) {
            return aggregate(mode, c);
        }
        String function = function(c);
        Operands row = new Operands();
        StringBuilder arguments = new StringBuilder();
        for (int i = 0; i < c.args().size(); i++) {
            Arg arg = c.args().get(i);
            arguments.append(i > 0 ? ", " : "");
            if (arg.kind() == Arg.Kind.INTEGER) {
                arguments.append(":p").append(i);
            } else if (mode == Mode.PARAMETERS || (mode == Mode.ATTRIBUTE_AND_PARAMETER && i > 0)) {
                arguments.append(":p").append(i);
            } else {
                String attribute = ATTRIBUTES.get(arg.kind()) + (i > 0 ? "2" : "");
                set(row, attribute, javaValue(arg));
                arguments.append("o.").append(attribute);
            }
        }
        boolean stored = !arguments.toString().startsWith(":p") || c.args().size() > 1 && mode != Mode.PARAMETERS;
        String hql = "select " + function + "(" + arguments + ")" + (stored ? " from Operands o where o.id = :id" : "");
        return sessionFactory.fromTransaction(session -> {
            if (stored) {
                session.persist(row);
                session.flush();
            }
            SelectionQuery<Object> query = session.createSelectionQuery(hql, Object.class);
            if (stored) {
                query.setParameter("id", row.id);
            }
            for (int i = 0; i < c.args().size(); i++) {
                Arg arg = c.args().get(i);
                if (arg.kind() == Arg.Kind.INTEGER) {
                    query.setParameter("p" + i, arg.integer());
                } else if (hql.contains(":p" + i)) {
                    bind(query, "p" + i, arg);
                }
            }
            return query.getSingleResult();
        });
    }

    /** vector_avg or vector_sum over persisted rows, one per argument. */
    private static Object aggregate(Mode mode, PgVectorCase c) {
        if (mode != Mode.ATTRIBUTES) {
            throw new NotApplicable("an aggregate runs over stored attributes");
        }
        String attribute = ATTRIBUTES.get(Arg.Kind.valueOf(c.target().toUpperCase(java.util.Locale.ROOT)));
        return sessionFactory.fromTransaction(session -> {
            java.util.List<Long> ids = new java.util.ArrayList<>();
            for (Arg arg : c.args()) {
                Operands row = new Operands();
                set(row, attribute, javaValue(arg));
                session.persist(row);
                ids.add(row.id);
            }
            session.flush();
            String hql = "select vector_" + c.call().function() + "(o." + attribute + ") from Operands o where "
                    + (ids.isEmpty() ? "o.id < 0" : "o.id in :ids");
            SelectionQuery<Object> query = session.createSelectionQuery(hql, Object.class);
            if (!ids.isEmpty()) {
                query.setParameter("ids", ids);
            }
            return query.getSingleResult();
        });
    }

    /** A parameter typed by the attribute it stands for, as a user binds a probe vector. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void bind(SelectionQuery<Object> query, String name, Arg arg) {
        Type type = sessionFactory.getMetamodel().entity(Operands.class).getSingularAttribute(ATTRIBUTES.get(arg.kind())).getType();
        query.setParameter(name, javaValue(arg), type);
    }

    private static String function(PgVectorCase c) {
        if (c.call() == Call.CAST) {
            throw new NotApplicable("HQL has no pgvector casts");
        }
        if (c.call().operator() != null) {
            return VectorFunctions.distanceFunction(Metric.valueOf(c.call().metric()));
        }
        return c.call().function(); // the HQL names are the SQL names; inner_product is the positive product
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

    private static void set(Operands row, String attribute, Object value) {
        switch (attribute) {
            case "v" -> row.v = (float[]) value;
            case "h" -> row.h = (float[]) value;
            case "s" -> row.s = (PGsparsevec) value;
            case "b" -> row.b = (PGbit) value;
            case "v2" -> row.v2 = (float[]) value;
            case "h2" -> row.h2 = (float[]) value;
            case "s2" -> row.s2 = (PGsparsevec) value;
            default -> row.b2 = (PGbit) value;
        }
    }
}
