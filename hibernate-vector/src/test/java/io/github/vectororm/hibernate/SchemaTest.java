package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.Metric;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** @VectorIndex through Hibernate's schema management: create, update, validate, scripts, bad declarations. */
@PgVectorDatabase
class SchemaTest {

    @Entity(name = "Doc")
    @Table(name = "docs")
    public static class Doc {
        @Id
        Long id;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 8)
        @VectorIndex(metric = Metric.COSINE, m = 8, efConstruction = 32)
        @VectorIndex(metric = Metric.L2, method = IndexMethod.IVFFLAT, lists = 4)
        @VectorIndex(metric = Metric.INNER_PRODUCT, expression = VectorIndex.Expression.HALFVEC)
        @VectorIndex(metric = Metric.HAMMING, expression = VectorIndex.Expression.BINARY_QUANTIZE)
        @VectorIndex(metric = Metric.L1, expression = VectorIndex.Expression.SUBVECTOR, dimensions = 4)
        @VectorIndex(metric = Metric.L2, name = "docs_category3_idx", where = "category = 3")
        float[] embedding;
    }

    /** The state of the table before an update adds the vector column. */
    @Entity(name = "Note")
    @Table(name = "notes")
    public static class Note {
        @Id
        Long id;

        String body;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.COSINE)
        float[] embedding;
    }

    @Test
    void createBuildsEveryIndexFormAndThePlannerUsesEach(TestDatabase db) throws SQLException {
        try (SessionFactory sf = HibernateSupport.sessionFactory(db, "create-drop", Doc.class)) {
            sf.inTransaction(session -> {
                java.util.Random random = new java.util.Random(3);
                for (long i = 0; i < 300; i++) {
                    Doc doc = new Doc();
                    doc.id = i;
                    doc.category = (int) (i % 10);
                    doc.embedding = new float[8];
                    for (int d = 0; d < 8; d++) {
                        doc.embedding[d] = (float) random.nextGaussian();
                    }
                    session.persist(doc);
                }
            });
            Map<String, String> expectations = new LinkedHashMap<>();
            String probe = "'[1,1,1,1,1,1,1,1]'::vector(8)";
            expectations.put("docs_embedding_hnsw_cosine_idx", "embedding <=> " + probe);
            expectations.put("docs_embedding_ivfflat_l2_idx", "embedding <-> " + probe);
            expectations.put("docs_embedding_halfvec_hnsw_inner_product_idx", "embedding::halfvec(8) <#> " + probe + "::halfvec(8)");
            expectations.put("docs_embedding_bq_hnsw_hamming_idx", "binary_quantize(embedding)::bit(8) <~> binary_quantize(" + probe + ")::bit(8)");
            expectations.put("docs_embedding_sub4_hnsw_l1_idx", "subvector(embedding, 1, 4)::vector(4) <+> '[1,1,1,1]'::vector(4)");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("set local enable_seqscan = off");
                for (Map.Entry<String, String> e : expectations.entrySet()) {
                    assertThat(plan(s, "select id from docs order by " + e.getValue() + " limit 5"))
                            .as(e.getKey()).contains("Index Scan using " + e.getKey());
                }
                assertThat(plan(s, "select id from docs where category = 3 order by embedding <-> " + probe + " limit 5"))
                        .contains("docs_category3_idx");
                c.rollback();
            }
        }
    }

    @Test
    void scriptsContainTheExtensionBeforeTablesAndTheIndexesAfter(TestDatabase db, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("create.sql");
        Map<String, Object> settings = Map.of(
                AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, "create",
                AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_CREATE_TARGET, script.toString(),
                AvailableSettings.HBM2DDL_DELIMITER, ";");
        HibernateSupport.sessionFactory(db, settings, Doc.class).close();
        String sql = Files.readString(script);
        assertThat(sql).contains("CREATE EXTENSION IF NOT EXISTS vector;");
        assertThat(sql.indexOf("CREATE EXTENSION")).isLessThan(sql.indexOf("create table"));
        assertThat(sql.indexOf("create table")).isLessThan(sql.indexOf("CREATE INDEX"));
        assertThat(sql).contains("embedding vector(8)")
                .contains("CREATE INDEX IF NOT EXISTS docs_embedding_hnsw_cosine_idx ON " + db.schema()
                        + ".docs USING hnsw (embedding vector_cosine_ops) WITH (m = 8, ef_construction = 32);")
                .contains("USING hnsw ((binary_quantize(embedding)::bit(8)) bit_hamming_ops)")
                .contains("WHERE category = 3;");
        // the script is ready for a migration tool: it runs as is
        db.execute(sql.replace(";\n", ";").split(";"));
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_indexes where tablename = 'docs' and indexdef like '%USING hnsw%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
        db.execute("drop table docs");
    }

    @Test
    void updateAddsTheMissingColumnAndIndexThenLeavesThemAlone(TestDatabase db) throws SQLException {
        db.execute("create table notes (id bigint primary key, body varchar(255))", "insert into notes values (1, 'kept')");
        HibernateSupport.sessionFactory(db, "update", Note.class).close();
        long indexOid;
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select format_type(atttypid, atttypmod) from pg_attribute"
                        + " where attrelid = 'notes'::regclass and attname = 'embedding'")) {
            assertThat(rs.next()).as("embedding column added").isTrue();
            assertThat(rs.getString(1)).isEqualTo("vector(3)");
        }
        indexOid = indexOid(db, "notes_embedding_hnsw_cosine_idx");
        assertThat(indexOid).as("index created").isPositive();

        HibernateSupport.sessionFactory(db, "update", Note.class).close();
        assertThat(indexOid(db, "notes_embedding_hnsw_cosine_idx")).as("second update keeps the same index").isEqualTo(indexOid);
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select body from notes")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }

        db.execute("drop index notes_embedding_hnsw_cosine_idx");
        assertThatThrownBy(() -> HibernateSupport.sessionFactory(db, "validate", Note.class))
                .hasStackTraceContaining("Schema validation: missing vector index [notes_embedding_hnsw_cosine_idx]"
                        + " on table [notes] declared by Note.embedding");
        HibernateSupport.sessionFactory(db, "update", Note.class).close();
        HibernateSupport.sessionFactory(db, "validate", Note.class).close();
        db.execute("drop table notes");
    }

    @Entity(name = "BadMetric")
    public static class BadMetric {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.JACCARD)
        float[] embedding;
    }

    @Entity(name = "BadM")
    public static class BadM {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3)
        @VectorIndex(metric = Metric.L2, m = 200)
        float[] embedding;
    }

    @Entity(name = "TooWide")
    public static class TooWide {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 3072)
        @VectorIndex(metric = Metric.COSINE)
        float[] embedding;
    }

    @Entity(name = "NotAVector")
    public static class NotAVector {
        @Id
        Long id;

        @VectorIndex(metric = Metric.COSINE)
        String text;
    }

    /** pgvector casts sparsevec to halfvec(n), so a half-precision index over a sparse column is valid. */
    @Entity(name = "SparseHalf")
    @Table(name = "sparse_half")
    public static class SparseHalf {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.SPARSE_VECTOR_FLOAT32)
        @Array(length = 5)
        @VectorIndex(metric = Metric.COSINE, expression = VectorIndex.Expression.HALFVEC)
        float[] embedding;
    }

    /** There is no binary_quantize(sparsevec). */
    @Entity(name = "SparseQuantized")
    public static class SparseQuantized {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.SPARSE_VECTOR_FLOAT32)
        @Array(length = 5)
        @VectorIndex(metric = Metric.HAMMING, expression = VectorIndex.Expression.BINARY_QUANTIZE)
        float[] embedding;
    }

    @Test
    void aHalfvecIndexOverASparseColumnIsBuiltAsTheServerAllows(TestDatabase db) throws SQLException {
        try (SessionFactory sf = HibernateSupport.sessionFactory(db, "create-drop", SparseHalf.class);
                Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select indexdef from pg_indexes where tablename = 'sparse_half'"
                        + " and indexname like '%halfvec%'")) {
            assertThat(rs.next()).as("the halfvec index over sparse_half.embedding exists").isTrue();
            assertThat(rs.getString(1)).contains("((embedding)::halfvec(5)) halfvec_cosine_ops");
        }
    }

    @Test
    void invalidDeclarationsFailTheBootstrapNamingEntityAttributeAndRule(TestDatabase db) {
        assertThatThrownBy(() -> HibernateSupport.sessionFactory(db, "none", SparseQuantized.class))
                .hasStackTraceContaining("SparseQuantized.embedding: invalid @VectorIndex: BINARY_QUANTIZE applies to"
                        + " halfvec and vector columns, not sparsevec");
        assertThatThrownBy(() -> HibernateSupport.sessionFactory(db, "none", BadMetric.class))
                .hasStackTraceContaining("BadMetric.embedding: invalid @VectorIndex: JACCARD (<%>) does not apply to vector");
        assertThatThrownBy(() -> HibernateSupport.sessionFactory(db, "none", BadM.class))
                .hasStackTraceContaining("BadM.embedding: invalid @VectorIndex: index on")
                .hasStackTraceContaining("m must be 2 to 100, not 200");
        assertThatThrownBy(() -> HibernateSupport.sessionFactory(db, "none", TooWide.class))
                .hasStackTraceContaining("TooWide.embedding: invalid @VectorIndex")
                .hasStackTraceContaining("HNSW indexes vector up to 2000 dimensions, the expression embedding has 3072");
        assertThatThrownBy(() -> HibernateSupport.sessionFactory(db, "none", NotAVector.class))
                .hasStackTraceContaining("NotAVector.text: invalid @VectorIndex: the attribute is not mapped to a pgvector type");
    }

    private static long indexOid(TestDatabase db, String name) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(to_regclass('" + name + "')::oid, 0)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String plan(Statement s, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("explain " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
