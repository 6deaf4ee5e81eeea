package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's pool opened its connections before a migration created the extension (here: on the same single
 * pooled connection): persisting and searching still work, because the binder repairs pgjdbc's cached type miss.
 */
@PgVectorDatabase
class ConnectionBeforeExtensionTest {

    @Entity(name = "LateItem")
    @Table(name = "late_items")
    public static class LateItem {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        float[] embedding;
    }

    @Test
    void persistsAndSearchesOnAConnectionOpenedBeforeCreateExtension(TestDatabase db) throws SQLException {
        try (ScratchDatabase scratch = db.createScratchDatabase();
                SessionFactory sf = HibernateSupport.sessionFactory(PgVectorTypes.withBinaryTransfer(scratch.jdbcUrl()),
                        Map.of(AvailableSettings.HBM2DDL_AUTO, "none", AvailableSettings.POOL_SIZE, "1"),
                        LateItem.class)) {
            // the pool's only connection already looked the type up (datatype.vector in the URL) and missed
            sf.inTransaction(session -> session.createNativeQuery("select 1", Integer.class).getSingleResult());
            sf.inTransaction(session -> {
                session.createNativeMutationQuery("create extension vector").executeUpdate();
                session.createNativeMutationQuery("create table late_items (id bigint primary key, embedding vector(3))")
                        .executeUpdate();
            });
            sf.inTransaction(session -> {
                for (long i = 0; i < 3; i++) {
                    LateItem item = new LateItem();
                    item.id = i;
                    item.embedding = new float[] {i, 0, 0};
                    session.persist(item);
                }
            });
            List<Nearest<LateItem>> hits = sf.fromTransaction(session -> VectorSearch
                    .nearest(session, LateItem.class, "embedding", Metric.L2).to(new float[] {2, 0, 0}).limit(2).list());
            assertThat(hits).extracting(h -> h.entity().id).containsExactly(2L, 1L);
        }
    }
}
