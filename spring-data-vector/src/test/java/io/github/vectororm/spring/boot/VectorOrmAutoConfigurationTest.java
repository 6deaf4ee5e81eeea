package io.github.vectororm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.spring.VectorOrmAutoConfiguration;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ScratchDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.core.BaseConnection;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The auto-configuration against real databases: extension, binary transfer, property and version checks. */
@PgVectorDatabase
@ExtendWith(OutputCaptureExtension.class)
class VectorOrmAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, VectorOrmAutoConfiguration.class));

    @Test
    void createsTheExtensionWhenTheDataSourceStartsUnlessTurnedOff(TestDatabase db) throws SQLException {
        try (ScratchDatabase fresh = db.createScratchDatabase()) {
            runner.withPropertyValues("spring.datasource.url=" + fresh.jdbcUrl(), "vectororm.create-extension=false")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        context.getBean(DataSource.class).getConnection().close();
                        assertThat(extensionVersion(fresh.jdbcUrl())).isNull();
                    });
            runner.withPropertyValues("spring.datasource.url=" + fresh.jdbcUrl()).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(io.github.vectororm.core.PgVectorVersion.parse(extensionVersion(fresh.jdbcUrl())).isAtLeast(
                        io.github.vectororm.core.PgVectorVersion.parse("0.8.0"))).as("the created extension is pgvector 0.8.0 or newer").isTrue();
            });
        }
    }

    @Test
    void vectorsTravelInBinaryOnTheHikariPool(TestDatabase db) {
        runner.withPropertyValues("spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.hikari.data-source-properties.prepareThreshold=-1").run(context -> {
                    HikariDataSource dataSource = context.getBean(HikariDataSource.class);
                    assertThat(dataSource.getDataSourceProperties()).containsAllEntriesOf(PgVectorTypes.connectionProperties());
                    assertThat(formatOfAVectorResult(dataSource)).as("binary send and receive").containsExactly(true, 1);
                });
        runner.withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "vectororm.binary-transfer=false",
                "spring.datasource.hikari.data-source-properties.prepareThreshold=-1").run(context ->
                        assertThat(formatOfAVectorResult(context.getBean(DataSource.class)))
                                .as("text without the registration").containsExactly(false, 0));
    }

    /** A Hikari pool behind Spring's proxies, or any wrapper that says so, gets the binary set-up like a bare one. */
    @Test
    void aHikariPoolBehindAProxyIsUnwrappedAndTravelsInBinary(TestDatabase db, CapturedOutput output) {
        List<java.util.function.Function<HikariDataSource, DataSource>> proxies = List.of(
                TransactionAwareDataSourceProxy::new, LazyConnectionDataSourceProxy::new, DelegatingDataSource::new,
                VectorOrmAutoConfigurationTest::wrapperOnly);
        for (var proxy : proxies) {
            HikariDataSource pool = new HikariDataSource(); // not started until its first connection
            pool.setJdbcUrl(db.jdbcUrl());
            pool.addDataSourceProperty("prepareThreshold", "-1");
            DataSource dataSource = proxy.apply(pool);
            runner.withBean(DataSource.class, () -> dataSource).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(pool.getDataSourceProperties()).as(dataSource.toString())
                        .containsAllEntriesOf(PgVectorTypes.connectionProperties());
                assertThat(formatOfAVectorResult(context.getBean(DataSource.class)))
                        .as(dataSource + ": binary send and receive").containsExactly(true, 1);
            });
            pool.close();
        }
        assertThat(output.getAll()).doesNotContain("did not set up binary transfer");
    }

    /** Where the set-up cannot be done, the startup says what was not done and how to do it. */
    @Test
    void withoutHikariOrWithAStartedPoolTheStartupWarnsWhatWasNotDone(TestDatabase db, CapturedOutput output) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.addDataSourceProperty("prepareThreshold", "-1");
        try (HikariDataSource started = new HikariDataSource(config)) { // this constructor starts the pool
            // without the extension step, which registers the types on the one connection it uses
            runner.withPropertyValues("vectororm.create-extension=false")
                    .withBean(DataSource.class, () -> new TransactionAwareDataSourceProxy(started)).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(started.getDataSourceProperties()).doesNotContainKeys("datatype.vector");
                assertThat(formatOfAVectorResult(context.getBean(DataSource.class))).as("text").containsExactly(false, 0);
            });
        }
        assertThat(output.getAll()).contains("vector-orm did not set up binary transfer of pgvector values for DataSource"
                + " dataSource: its Hikari pool").contains("had already started")
                .contains("spring.datasource.hikari.data-source-properties");
        org.postgresql.ds.PGSimpleDataSource plain = new org.postgresql.ds.PGSimpleDataSource();
        plain.setUrl(db.jdbcUrl());
        runner.withBean(DataSource.class, () -> plain).run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getAll()).contains("for DataSource dataSource: it is not a Hikari pool, nor a proxy whose"
                + " isWrapperFor(HikariDataSource.class) is true").contains("datatype.vector=");
    }

    /** A wrapper of no Spring type that only answers isWrapperFor/unwrap, as tracing libraries' proxies do. */
    private static DataSource wrapperOnly(DataSource target) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isWrapperFor")) {
                        return ((Class<?>) args[0]).isInstance(target) || target.isWrapperFor((Class<?>) args[0]);
                    }
                    if (method.getName().equals("unwrap")) {
                        return ((Class<?>) args[0]).isInstance(target) ? target : target.unwrap((Class<?>) args[0]);
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aMisconfiguredSearchPropertyFailsTheStartupNamingIt(TestDatabase db) {
        assertStartupFailure(db.jdbcUrl(), "vectororm.search.ef-search=0",
                "vectororm.search.ef-search = 0 is invalid: hnsw.ef_search must be 1 to 1000, not 0");
        assertStartupFailure(db.jdbcUrl(), "vectororm.search.ef-search=5000",
                "vectororm.search.ef-search = 5000 is invalid: hnsw.ef_search must be 1 to 1000, not 5000");
        assertStartupFailure(db.jdbcUrl(), "vectororm.search.ivfflat-iterative-scan=strict-order",
                "vectororm.search.ivfflat-iterative-scan = STRICT_ORDER is invalid: ivfflat.iterative_scan supports off and"
                        + " relaxed_order, not strict_order");
        assertStartupFailure(db.jdbcUrl(), "vectororm.search.iterative-scan=sideways",
                "Failed to bind properties under 'vectororm.search.iterative-scan' to io.github.vectororm.core.IterativeScan");
        runner.withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "vectororm.search.iterative-scan=relaxed-order",
                "vectororm.search.ef-search=100").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aPgvectorTooOldForTheConfiguredSettingsFailsTheStartup(TestDatabase db) throws SQLException {
        try (ScratchDatabase old = db.createScratchDatabase()) {
            try (Connection c = DriverManager.getConnection(old.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create extension vector");
                s.execute("update pg_extension set extversion = '0.7.4' where extname = 'vector'");
            }
            assertStartupFailure(old.jdbcUrl(), "vectororm.search.iterative-scan=relaxed-order",
                    "vectororm.search settings {hnsw.iterative_scan=relaxed_order} cannot be used: iterative index scans:"
                            + " pgvector 0.8.0 or newer is required, but the database has pgvector 0.7.4");
            runner.withPropertyValues("spring.datasource.url=" + old.jdbcUrl(), "vectororm.search.ef-search=100")
                    .run(context -> assertThat(context).as("ef_search needs no 0.8 feature").hasNotFailed());
        }
    }

    @Test
    void hibernatesSchemaScriptsCarryTheVectorIndexesForAMigration(TestDatabase db) throws Exception {
        java.nio.file.Path script = java.nio.file.Files.createTempFile("vectororm-create", ".sql");
        try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(
                io.github.vectororm.spring.docs.DocsApplication.class).properties(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.jpa.hibernate.ddl-auto=none",
                "spring.jpa.properties.hibernate.default_schema=" + db.schema(),
                "spring.jpa.properties.jakarta.persistence.schema-generation.scripts.action=create",
                "spring.jpa.properties.jakarta.persistence.schema-generation.scripts.create-target=" + script).run()) {
            String ddl = java.nio.file.Files.readString(script).toLowerCase(java.util.Locale.ROOT);
            assertThat(ddl).contains("create extension if not exists vector")
                    .containsPattern("create index if not exists docs_embedding_hnsw_cosine_idx on \\S*docs using hnsw"
                            + " \\(embedding vector_cosine_ops\\)")
                    .contains("docs_embedding_hnsw_l2_idx");
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
    }

    /** A test class as a user writes it: the pgvector image with Boot's service connection. */
    static class UsesPgvectorContainer {
        // what Boot deduces from the image pgvector/pgvector:0.8.0-pg17 (DatabaseLocator.IMAGE), spelled out because deducing it asks Docker
        @ServiceConnection(name = "pgvector/pgvector")
        static PostgreSQLContainer postgres = new PostgreSQLContainer(io.github.vectororm.test.internal.DatabaseLocator.IMAGE);
    }

    @Test
    void bootsServiceConnectionTakesAPgvectorContainerWithoutDocker() {
        assertThatThrownBy(() -> new PostgreSQLContainer("someone/else:1")).hasMessageContaining("is a compatible substitute for 'postgres'");
        ContextCustomizerFactory factory = SpringFactoriesLoader.loadFactories(ContextCustomizerFactory.class, null).stream()
                .filter(f -> f.getClass().getSimpleName().equals("ServiceConnectionContextCustomizerFactory")).findFirst()
                .orElseThrow();
        String aot = System.setProperty("spring.aot.processing", "true"); // skips the image lookup that needs Docker
        try {
            ContextCustomizer customizer = factory.createContextCustomizer(UsesPgvectorContainer.class, List.of());
            try (GenericApplicationContext context = new GenericApplicationContext()) {
                customizer.customizeContext(context, null);
                assertThat(context.getDefaultListableBeanFactory().getBeanNamesForType(JdbcConnectionDetails.class, true, false))
                        .hasSize(1);
            }
        } finally {
            if (aot == null) {
                System.clearProperty("spring.aot.processing");
            } else {
                System.setProperty("spring.aot.processing", aot);
            }
        }
    }

    private void assertStartupFailure(String url, String property, String message) {
        runner.withPropertyValues("spring.datasource.url=" + url, property).run(context ->
                assertThat(context).getFailure().hasStackTraceContaining(message));
    }

    private static List<Object> formatOfAVectorResult(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            BaseConnection base = connection.unwrap(BaseConnection.class);
            boolean binarySend = base.binaryTransferSend(base.getTypeInfo().getPGType("vector"));
            try (var statement = connection.prepareStatement("select '[1,2,3]'::vector"); ResultSet rs = statement.executeQuery()) {
                rs.next();
                return List.of(binarySend, rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1));
            }
        }
    }

    private static String extensionVersion(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select extversion from pg_extension where extname = 'vector'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
