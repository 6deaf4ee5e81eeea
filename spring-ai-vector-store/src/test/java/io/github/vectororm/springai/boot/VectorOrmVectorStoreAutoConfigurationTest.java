package io.github.vectororm.springai.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.store.DocumentIndex;
import io.github.vectororm.springai.MiniLmEmbeddingModel;
import io.github.vectororm.springai.VectorOrmVectorStore;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration on the server: properties reach the table, the index and the searches; it backs off when asked. */
@PgVectorDatabase
class VectorOrmVectorStoreAutoConfigurationTest {

    private static TestDatabase db;

    @BeforeAll
    static void database(TestDatabase database) {
        db = database;
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VectorOrmVectorStoreAutoConfiguration.class))
                .withBean(DataSource.class, db::dataSource)
                .withBean(EmbeddingModel.class, () -> MiniLmEmbeddingModel.INSTANCE);
    }

    @Test
    void propertiesDeclareTheTableTheIndexAndTheSearchSettings() {
        runner().withPropertyValues("vectororm.spring-ai.vectorstore.table=configured",
                "vectororm.spring-ai.vectorstore.initialize-schema=true",
                "vectororm.spring-ai.vectorstore.metric=inner-product",
                "vectororm.spring-ai.vectorstore.index.type=hnsw",
                "vectororm.spring-ai.vectorstore.index.form=halfvec",
                "vectororm.spring-ai.vectorstore.index.m=8",
                "vectororm.spring-ai.vectorstore.index.ef-construction=40",
                "vectororm.spring-ai.vectorstore.search.ef-search=64",
                "vectororm.spring-ai.vectorstore.search.iterative-scan=relaxed-order",
                "vectororm.spring-ai.vectorstore.copy-threshold=2").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(VectorStore.class);
                    VectorOrmVectorStore store = context.getBean(VectorOrmVectorStore.class);
                    assertThat(store.documentStore().table().dimensions()).as("from the model").isEqualTo(384);
                    assertThat(store.documentStore().metric()).isEqualTo(Metric.INNER_PRODUCT);
                    assertThat(indexDefinition("configured")).contains("USING hnsw")
                            .contains("((embedding)::halfvec(384)) halfvec_ip_ops").contains("m='8'")
                            .contains("ef_construction='40'");
                    store.add(List.of(new Document("a", "penguins on the ice", Map.of("k", 1)),
                            new Document("b", "bread in the oven", Map.of("k", 2))));
                    assertThat(store.similaritySearch(SearchRequest.builder().query("penguin").topK(1).build()))
                            .extracting(Document::getId).containsExactly("a");
                    var query = io.github.vectororm.core.store.DocumentQuery.nearest(new float[384], 1).build();
                    assertThat(store.documentStore().settings(query).parameters())
                            .containsEntry("hnsw.ef_search", "64").containsEntry("hnsw.iterative_scan", "relaxed_order");
                });
    }

    @Test
    void defaultsAreHnswCosineOverAVectorColumnWithoutCreatingTheSchema() {
        runner().run(context -> {
            VectorOrmVectorStore store = context.getBean(VectorOrmVectorStore.class);
            assertThat(store.documentStore().metric()).isEqualTo(Metric.COSINE);
            assertThat(store.documentStore().table().table()).isEqualTo("vector_store");
            assertThat(store.documentStore().table().type()).isEqualTo(VectorType.VECTOR);
            assertThat(store.documentStore().index().form()).isEqualTo(DocumentIndex.Form.COLUMN);
            assertThat(store.documentStore().indexDefinition().orElseThrow().createSql()).contains("vector_cosine_ops");
            assertThat(tableExists("vector_store")).as("initialize-schema is off by default").isFalse();
        });
    }

    @Test
    void aBinaryQuantizedIndexAndAHalfvecColumnAreOnePropertyAway() {
        runner().withPropertyValues("vectororm.spring-ai.vectorstore.table=bq", "vectororm.spring-ai.vectorstore.initialize-schema=true",
                "vectororm.spring-ai.vectorstore.vector-type=halfvec", "vectororm.spring-ai.vectorstore.index.form=binary-quantized",
                "vectororm.spring-ai.vectorstore.index.shortlist=20").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(indexDefinition("bq")).contains("binary_quantize(embedding))::bit(384)) bit_hamming_ops");
                    assertThat(columnType("bq")).isEqualTo("halfvec(384)");
                });
    }

    @Test
    void anInvalidValueFailsStartupNamingTheProperty() {
        runner().withPropertyValues("vectororm.spring-ai.vectorstore.index.m=1").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("m must be 2 to 100, not 1"));
        runner().withPropertyValues("vectororm.spring-ai.vectorstore.index.m=1").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("vectororm.spring-ai.vectorstore.index.m = 1"));
        runner().withPropertyValues("vectororm.spring-ai.vectorstore.search.ef-search=0").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("vectororm.spring-ai.vectorstore.search.ef-search = 0")
                        .hasStackTraceContaining("1 to 1000"));
        runner().withPropertyValues("vectororm.spring-ai.vectorstore.index.type=ivfflat",
                "vectororm.spring-ai.vectorstore.metric=l1").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("IVFFLAT cannot index vector by L1"));
    }

    @Test
    void backsOffWhenDisabledOrDefinedByTheApplicationOrWithoutAModel() {
        runner().withPropertyValues("vectororm.spring-ai.vectorstore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
        runner().withBean("own", VectorOrmVectorStore.class, () -> VectorOrmVectorStore.builder(db.dataSource(),
                MiniLmEmbeddingModel.INSTANCE).table("own").build())
                .run(context -> assertThat(context).hasSingleBean(VectorOrmVectorStore.class).hasBean("own"));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(VectorOrmVectorStoreAutoConfiguration.class))
                .withBean(DataSource.class, db::dataSource)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VectorStore.class));
    }

    @Test
    void propertyMetadataDescribesEveryProperty() throws IOException {
        try (InputStream metadata = VectorOrmVectorStoreAutoConfiguration.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).isNotNull();
            String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
            for (String property : List.of("table", "dimensions", "vector-type", "metric", "initialize-schema",
                    "create-extension", "copy-threshold", "index.type", "index.form", "index.m", "index.ef-construction",
                    "index.lists", "index.shortlist", "search.ef-search", "search.iterative-scan", "search.probes")) {
                assertThat(json).contains("\"vectororm.spring-ai.vectorstore." + property + "\"");
            }
        }
    }

    private static String indexDefinition(String table) throws SQLException {
        return single("select indexdef from pg_indexes where tablename = ? and indexdef like '%USING hnsw%'"
                + " or tablename = ? and indexdef like '%USING ivfflat%'", table, table);
    }

    private static String columnType(String table) throws SQLException {
        return single("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = to_regclass(?)"
                + " and attname = ?", table, "embedding");
    }

    private static boolean tableExists(String table) throws SQLException {
        return single("select (to_regclass(?) is not null)::text", table).equals("true");
    }

    private static String single(String sql, String... parameters) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }
}
