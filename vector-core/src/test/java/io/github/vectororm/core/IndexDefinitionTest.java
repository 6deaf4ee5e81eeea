package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each index form executes and is chosen by the planner for the matching ORDER BY ... LIMIT query. */
@PgVectorDatabase
class IndexDefinitionTest {

    private static final int DIMS = 8;

    @BeforeAll
    static void loadData(TestDatabase db) throws SQLException {
        db.execute("create table docs (id int primary key, category int, embedding vector(" + DIMS + "), "
                + "half halfvec(" + DIMS + "), sparse sparsevec(" + DIMS + "), bits bit(" + DIMS + "))");
        Random random = new Random(1);
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("insert into docs values (?, ?, ?, ?, ?, ?)")) {
            PgVectorTypes.register(c);
            for (int i = 0; i < 2000; i++) {
                float[] v = new float[DIMS];
                boolean[] bits = new boolean[DIMS];
                for (int d = 0; d < DIMS; d++) {
                    v[d] = (float) random.nextGaussian();
                    bits[d] = v[d] > 0;
                }
                ps.setInt(1, i);
                ps.setInt(2, i % 10);
                ps.setObject(3, VectorValues.toParameter(VectorType.VECTOR, v));
                ps.setObject(4, VectorValues.toParameter(VectorType.HALFVEC, v));
                ps.setObject(5, VectorValues.toParameter(VectorType.SPARSEVEC, v));
                ps.setObject(6, VectorValues.toParameter(VectorType.BIT, bits));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        db.execute("analyze docs");
    }

    static Stream<Arguments> definitions() {
        List<Arguments> all = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            for (VectorType type : VectorType.values()) {
                String column = switch (type) {
                    case VECTOR -> "embedding";
                    case HALFVEC -> "half";
                    case SPARSEVEC -> "sparse";
                    case BIT -> "bits";
                };
                IndexedExpression expression = IndexedExpression.column(column, type, DIMS);
                for (IndexMethod method : IndexMethod.values()) {
                    if (metric.opclass(type, method).isPresent()) {
                        IndexDefinition.Builder builder = method == IndexMethod.HNSW
                                ? IndexDefinition.hnsw("docs", expression, metric).m(8).efConstruction(32)
                                : IndexDefinition.ivfflat("docs", expression, metric).lists(20);
                        all.add(Arguments.of(builder.build()));
                    }
                }
            }
        }
        all.add(Arguments.of(IndexDefinition.hnsw("docs", IndexedExpression.halfvec("embedding", DIMS), Metric.COSINE).build()));
        all.add(Arguments.of(IndexDefinition.hnsw("docs", IndexedExpression.binaryQuantize("embedding", DIMS), Metric.HAMMING).build()));
        all.add(Arguments.of(IndexDefinition.hnsw("docs", IndexedExpression.subvector("embedding", VectorType.VECTOR, 4), Metric.L2).build()));
        all.add(Arguments.of(IndexDefinition.ivfflat("docs", IndexedExpression.halfvec("embedding", DIMS), Metric.INNER_PRODUCT).lists(10).build()));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void indexIsCreatedAndUsedForItsMetric(IndexDefinition index, TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(index.createSql());
            s.execute("set local enable_seqscan = off"); // 2000 rows: make the planner's choice about the index, not the size
            String plan = explain(c, index);
            assertThat(plan).as(index.createSql()).contains("Index Scan using " + index.name());
            c.rollback();
        }
    }

    private static String explain(Connection c, IndexDefinition index) throws SQLException {
        IndexedExpression e = index.expression();
        String probe = switch (e.type()) {
            case BIT -> "'" + "10110100".substring(0, e.dimensions()) + "'::bit(" + e.dimensions() + ")";
            case SPARSEVEC -> "'{1:1,3:2}/" + e.dimensions() + "'::sparsevec";
            default -> "'[" + "1,".repeat(e.dimensions() - 1) + "1]'::" + e.type().sqlName() + "(" + e.dimensions() + ")";
        };
        StringBuilder plan = new StringBuilder();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain select id from docs order by " + e.sql() + " "
                        + index.metric().operator() + " " + probe + " limit 5")) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void rendersEveryOption() {
        IndexDefinition index = IndexDefinition.hnsw("public.docs", IndexedExpression.halfvec("embedding", 3072), Metric.COSINE)
                .name("docs_half_idx").m(24).efConstruction(100).where("category = 3 and title <> 'x;y'")
                .concurrently().ifNotExists().build();
        assertThat(index.createSql()).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS docs_half_idx ON public.docs USING hnsw "
                + "((embedding::halfvec(3072)) halfvec_cosine_ops) WITH (m = 24, ef_construction = 100) "
                + "WHERE category = 3 and title <> 'x;y'");
        assertThat(index.dropSql()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS public.docs_half_idx");
        assertThat(index.requiredFeatures()).containsExactlyInAnyOrder(PgVectorFeature.HNSW, PgVectorFeature.HALFVEC);
        assertThat(IndexDefinition.ivfflat("docs", IndexedExpression.column("embedding", VectorType.VECTOR, 3), Metric.L2)
                .build().createSql()).isEqualTo("CREATE INDEX docs_embedding_ivfflat_l2_idx ON docs USING ivfflat (embedding vector_l2_ops)");
        assertThat(IndexDefinition.hnsw("\"Docs\"", IndexedExpression.column("user", VectorType.VECTOR, 3), Metric.L2)
                .build().createSql()).isEqualTo("CREATE INDEX docs_user_hnsw_l2_idx ON \"Docs\" USING hnsw (\"user\" vector_l2_ops)");
    }

    @Test
    void rendersTheSameDeclarationOnOnlyAParentAndForAPartition() {
        IndexDefinition index = IndexDefinition.hnsw("public.docs", IndexedExpression.halfvec("embedding", 3072), Metric.COSINE)
                .name("docs_half_idx").m(24).efConstruction(100).where("category = 3").concurrently().build();
        assertThat(index.createOnOnlySql()).isEqualTo("CREATE INDEX IF NOT EXISTS docs_half_idx ON ONLY public.docs USING hnsw "
                + "((embedding::halfvec(3072)) halfvec_cosine_ops) WITH (m = 24, ef_construction = 100) WHERE category = 3");
        IndexDefinition partition = index.on("public.\"Docs 2024\"", "\"Docs 2024_docs_half_idx\"");
        assertThat(partition.createSql()).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"Docs 2024_docs_half_idx\" ON"
                + " public.\"Docs 2024\" USING hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops) WITH (m = 24,"
                + " ef_construction = 100) WHERE category = 3");
        assertThat(partition.dropSql()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS public.\"Docs 2024_docs_half_idx\"");
        assertThat(index.createSql()).as("the declaration itself is unchanged").startsWith("CREATE INDEX CONCURRENTLY docs_half_idx ON public.docs");
        assertThatThrownBy(() -> index.on("docs; drop table docs", "x")).isInstanceOf(VectorValidationException.class);
        assertThatThrownBy(() -> index.on("docs_2024", "x".repeat(64))).hasMessageContaining("63-byte limit");
    }

    @Test
    void partialAndConcurrentIndexesWorkOnTheServer(TestDatabase db) throws SQLException {
        IndexDefinition partial = IndexDefinition.hnsw("docs", IndexedExpression.column("embedding", VectorType.VECTOR, DIMS),
                Metric.L2).name("docs_cat3_idx").where("category = 3").concurrently().build();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(partial.createSql()); // CONCURRENTLY: autocommit
            try (ResultSet rs = s.executeQuery("select indexdef from pg_indexes where indexname = 'docs_cat3_idx'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("USING hnsw (embedding vector_l2_ops)").contains("WHERE (category = 3)");
            }
            s.execute(partial.dropSql());
        }
    }

    @Test
    void outOfRangeParametersAreRefusedBeforeAnySql() {
        IndexedExpression column = IndexedExpression.column("embedding", VectorType.VECTOR, 384);
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.L2).m(1).build())
                .isInstanceOf(VectorValidationException.class).hasMessage("index on items.embedding: m must be 2 to 100, not 1");
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.L2).m(101).build()).hasMessageContaining("not 101");
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.L2).efConstruction(1001).build())
                .hasMessageContaining("ef_construction must be 4 to 1000, not 1001");
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.L2).m(32).efConstruction(40).build())
                .hasMessageContaining("ef_construction must be at least 2 * m = 64, not 40");
        assertThatThrownBy(() -> IndexDefinition.ivfflat("items", column, Metric.L2).lists(0).build())
                .hasMessageContaining("lists must be 1 to 32768, not 0");
        assertThatThrownBy(() -> IndexDefinition.ivfflat("items", column, Metric.L2).m(16).build())
                .hasMessageContaining("m and ef_construction are HNSW options, not IVFFlat");
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.L2).lists(10).build())
                .hasMessageContaining("lists is an IVFFlat option");
        assertThatThrownBy(() -> IndexDefinition.ivfflat("items", column, Metric.L1).build())
                .hasMessageContaining("index on items.embedding: IVFFLAT cannot index vector by L1");
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.JACCARD).build())
                .hasMessageContaining("JACCARD (<%>) does not apply to vector");
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", IndexedExpression.column("embedding", VectorType.VECTOR, 3072), Metric.L2).build())
                .hasMessageContaining("HNSW indexes vector up to 2000 dimensions, the expression embedding has 3072; index a halfvec cast");
        assertThatThrownBy(() -> IndexedExpression.column("embedding", VectorType.VECTOR, 16_001))
                .hasMessage("vector dimensions must be 1 to 16000, not 16001");
    }

    @Test
    void ivfflatSphericalOpclassesNeedMoreThanOneDimension(TestDatabase db) throws SQLException {
        IndexedExpression first = IndexedExpression.subvector("embedding", VectorType.VECTOR, 1);
        for (Metric metric : List.of(Metric.INNER_PRODUCT, Metric.COSINE)) {
            assertThatThrownBy(() -> IndexDefinition.ivfflat("docs", first, metric).lists(1).build())
                    .isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("IVFFlat with " + metric.name()).hasMessageContaining("needs more than one dimension");
        }
        // found by HostileDeclarationTest: the server refuses it too, whatever the table holds; L2 is fine
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("create index docs_first_ip on docs using ivfflat"
                    + " ((subvector(embedding, 1, 1)::vector(1)) vector_ip_ops) with (lists = 1)"))
                    .hasMessageContaining("dimensions must be greater than one for this opclass");
            IndexDefinition l2 = IndexDefinition.ivfflat("docs", first, Metric.L2).lists(1).name("docs_first_l2").build();
            s.execute(l2.createSql());
            s.execute(l2.dropSql());
        }
    }

    @Test
    void identifiersAndPredicatesCannotCarrySql() {
        IndexedExpression column = IndexedExpression.column("embedding", VectorType.VECTOR, 3);
        assertThatThrownBy(() -> IndexDefinition.hnsw("items; drop table items", column, Metric.L2).build())
                .isInstanceOf(VectorValidationException.class).hasMessageContaining("is not a plain SQL identifier");
        assertThatThrownBy(() -> IndexedExpression.column("e\"mb", VectorType.VECTOR, 3)).hasMessageContaining("not a plain SQL identifier");
        assertThatThrownBy(() -> IndexDefinition.hnsw("\"a\"b\"", column, Metric.L2).build()).hasMessageContaining("not a valid quoted identifier");
        assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.L2).name("x".repeat(64)).build())
                .hasMessageContaining("longer than PostgreSQL's 63-byte limit");
        for (String bad : List.of("a = 1; drop table items", "a = 1 -- x", "a = 1 /* x */", "a = $$x$$", "(a = 1", "a = 1)",
                "a = 'unterminated", "a = E'\\''")) {
            assertThatThrownBy(() -> IndexDefinition.hnsw("items", column, Metric.L2).where(bad).build())
                    .as(bad).isInstanceOf(VectorValidationException.class).hasMessageContaining("must be a single SQL expression");
        }
    }

    @Test
    void recommendedListsFollowPgvectorsGuidance() {
        assertThat(IndexDefinition.recommendedLists(500)).isEqualTo(1);
        assertThat(IndexDefinition.recommendedLists(100_000)).isEqualTo(100);
        assertThat(IndexDefinition.recommendedLists(1_000_000)).isEqualTo(1000);
        assertThat(IndexDefinition.recommendedLists(4_000_000)).isEqualTo(2000);
    }
}
