package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pgvector.PGvector;
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
import org.junit.jupiter.api.Test;

/** @Normalized stores unit vectors, checked with the server's own vector_norm, on persist, update and bulk load. */
@PgVectorDatabase
class NormalizedTest {

    @Entity(name = "Unit")
    @Table(name = "units")
    public static class Unit {
        @Id
        Long id;

        @Normalized
        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] embedding;

        @Normalized
        @Array(length = 2)
        PGvector other;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] raw;
    }

    @Test
    void vectorsAreStoredWithUnitNorm(TestDatabase db) throws SQLException {
        try (SessionFactory sf = HibernateSupport.sessionFactory(db, "create-drop", Unit.class)) {
            Unit unit = new Unit();
            unit.id = 1L;
            unit.embedding = new float[] {3, 4, 0};
            unit.other = new PGvector(new float[] {0, 5});
            unit.raw = new float[] {3, 4, 0};
            sf.inTransaction(session -> session.persist(unit));
            assertThat(unit.embedding).containsExactly(0.6f, 0.8f, 0f);
            double[] stored = norms(db, 1);
            assertThat(stored[0]).isCloseTo(1.0, within(1e-6));
            assertThat(stored[1]).isCloseTo(1.0, within(1e-6));
            assertThat(stored[2]).as("an attribute without @Normalized is left alone").isEqualTo(5.0);

            sf.inTransaction(session -> session.find(Unit.class, 1L).embedding = new float[] {0, 0, 2});
            sf.inTransaction(session -> assertThat(session.find(Unit.class, 1L).embedding).containsExactly(0, 0, 1));

            Unit bulk = new Unit();
            bulk.id = 2L;
            bulk.embedding = new float[] {1, 1, 1};
            bulk.other = new PGvector(new float[] {2, 0});
            sf.inTransaction(session -> VectorBulkLoader.copy(session, Unit.class, List.of(bulk)));
            double[] norms = norms(db, 2);
            assertThat(norms[0]).isCloseTo(1.0, within(1e-6));
            assertThat(norms[1]).isCloseTo(1.0, within(1e-6));
        }
    }

    private static double[] norms(TestDatabase db, long id) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select vector_norm(embedding), vector_norm(other), coalesce(vector_norm(raw), 0) from units where id = " + id)) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
        }
    }
}
