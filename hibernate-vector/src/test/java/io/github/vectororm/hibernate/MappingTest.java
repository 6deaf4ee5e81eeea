package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGbit;
import com.pgvector.PGhalfvec;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import io.github.vectororm.core.codec.SparsevecCodec;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;

/** Every supported attribute type maps to its column type, round-trips, handles null and is dirty-checked by content. */
@PgVectorDatabase
class MappingTest {

    @Entity(name = "Kinds")
    @Table(name = "kinds")
    public static class Kinds {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] floats;

        @JdbcTypeCode(SqlTypes.VECTOR_FLOAT16)
        @Array(length = 3)
        float[] halfFloats;

        @JdbcTypeCode(SqlTypes.SPARSE_VECTOR_FLOAT32)
        @Array(length = 5)
        float[] sparseFloats;

        @JdbcTypeCode(SqlTypes.VECTOR_BINARY)
        @Array(length = 4)
        boolean[] bits;

        @Array(length = 3)
        PGvector pgvector;

        @Array(length = 3)
        PGhalfvec pghalfvec;

        @Array(length = 5)
        PGsparsevec pgsparsevec;

        @Array(length = 4)
        PGbit pgbit;
    }

    private static SessionFactory sessionFactory;

    @BeforeAll
    static void create(TestDatabase db) {
        sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", Kinds.class);
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    @Test
    void columnsGetTheirPgvectorTypesWithDimensions(TestDatabase db) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select attname, format_type(atttypid, atttypmod) from pg_attribute"
                        + " where attrelid = 'kinds'::regclass and attnum > 0")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(types).containsEntry("floats", "vector(3)").containsEntry("halffloats", "halfvec(3)")
                .containsEntry("sparsefloats", "sparsevec(5)").containsEntry("bits", "bit(4)")
                .containsEntry("pgvector", "vector(3)").containsEntry("pghalfvec", "halfvec(3)")
                .containsEntry("pgsparsevec", "sparsevec(5)").containsEntry("pgbit", "bit(4)");
    }

    @Test
    void valuesRoundTripInBinaryAndUnchangedOnesAreNotUpdated() {
        Kinds kinds = new Kinds();
        kinds.id = 1L;
        kinds.floats = new float[] {1.5f, -2, 3e-5f};
        kinds.halfFloats = new float[] {0.5f, 2, -4};
        kinds.sparseFloats = new float[] {0, 1.5f, 0, 0, -2};
        kinds.bits = new boolean[] {true, false, true, true};
        kinds.pgvector = new PGvector(new float[] {1, 2, 3});
        kinds.pghalfvec = new PGhalfvec(new float[] {0.25f, 1, 2});
        kinds.pgsparsevec = SparsevecCodec.of(5, new int[] {0, 4}, new float[] {7, 8});
        kinds.pgbit = new PGbit(new boolean[] {false, true, true, false});
        sessionFactory.inTransaction(session -> session.persist(kinds));

        int before = HibernateSupport.SQL.size();
        sessionFactory.inTransaction(session -> {
            Kinds read = session.find(Kinds.class, 1L);
            assertThat(read.floats).containsExactly(1.5f, -2, 3e-5f);
            assertThat(read.halfFloats).containsExactly(0.5f, 2, -4);
            assertThat(read.sparseFloats).containsExactly(0, 1.5f, 0, 0, -2);
            assertThat(read.bits).containsExactly(true, false, true, true);
            assertThat(read.pgvector.toArray()).containsExactly(1, 2, 3);
            assertThat(read.pghalfvec.toArray()).containsExactly(0.25f, 1, 2);
            assertThat(read.pgsparsevec.getIndices()).containsExactly(0, 4);
            assertThat(read.pgsparsevec.getValues()).containsExactly(7, 8);
            assertThat(read.pgbit.toArray()).containsExactly(false, true, true, false);
            session.doWork(connection -> {
                BaseConnection base = connection.unwrap(BaseConnection.class);
                assertThat(base.binaryTransferSend(base.getTypeInfo().getPGType("vector")))
                        .as("vector parameters travel in binary").isTrue();
            });
        });
        assertThat(HibernateSupport.SQL.subList(before, HibernateSupport.SQL.size()))
                .as("loading and flushing unchanged vectors").noneMatch(sql -> sql.startsWith("update"));

        sessionFactory.inTransaction(session -> session.find(Kinds.class, 1L).floats[0] = 9f);
        sessionFactory.inTransaction(session -> {
            assertThat(session.find(Kinds.class, 1L).floats).containsExactly(9f, -2, 3e-5f);
        });
    }

    @Test
    void nullsAreWrittenAndRead() {
        Kinds empty = new Kinds();
        empty.id = 2L;
        sessionFactory.inTransaction(session -> session.persist(empty));
        sessionFactory.inTransaction(session -> {
            Kinds read = session.find(Kinds.class, 2L);
            assertThat(read.floats).isNull();
            assertThat(read.pgvector).isNull();
            assertThat(read.pgsparsevec).isNull();
            assertThat(read.bits).isNull();
        });
    }

    @Test
    void aFloatArrayParameterComparedWithAPgvectorAttributeBindsAsThatAttributesType() {
        float[][] vectors = {{1, 0, 0}, {0, 1, 0}, {0.9f, 0.1f, 0}};
        sessionFactory.inTransaction(session -> {
            for (int i = 0; i < vectors.length; i++) {
                Kinds kinds = new Kinds();
                kinds.id = 10L + i;
                kinds.pgvector = new PGvector(vectors[i]);
                kinds.pghalfvec = new PGhalfvec(vectors[i]);
                session.persist(kinds);
            }
        });
        sessionFactory.inTransaction(session -> {
            // a float[] (or double[]) parameter is typed like the PGvector attribute, not as an SQL real[] array
            assertThat(session.createSelectionQuery("select k.id from Kinds k where k.id >= 10"
                    + " order by cosine_distance(k.pgvector, :probe)", Long.class)
                    .setParameter("probe", new float[] {1, 0, 0}).setMaxResults(2).getResultList()).containsExactly(10L, 12L);
            assertThat(session.createSelectionQuery("select k.id from Kinds k where k.id >= 10"
                    + " order by l2_distance(k.pghalfvec, :probe)", Long.class)
                    .setParameter("probe", new double[] {0, 1, 0}).setMaxResults(1).getResultList()).containsExactly(11L);
        });
    }
}
