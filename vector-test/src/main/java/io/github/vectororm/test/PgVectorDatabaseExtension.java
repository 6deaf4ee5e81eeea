package io.github.vectororm.test;

import io.github.vectororm.test.internal.DatabaseLocator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension behind {@link PgVectorDatabase}.
 *
 * <p>The database is found in this order:
 * <ol>
 *   <li>the JDBC URL in the system property {@value DatabaseLocator#URL_PROPERTY} or the
 *       environment variable {@value DatabaseLocator#URL_ENV} (user and password as URL parameters);</li>
 *   <li>a Testcontainers {@code pgvector/pgvector} container, when a Docker engine is reachable;</li>
 *   <li>otherwise the test class fails with a message that says how to provide one. It never skips.</li>
 * </ol>
 * Each test class gets a schema of its own, created before and dropped (cascade) after the class.
 *
 * @since 0.1.0
 */
public final class PgVectorDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PgVectorDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String baseUrl = DatabaseLocator.baseUrl();
        String schema = schemaName(context.getRequiredTestClass());
        try (Connection connection = DriverManager.getConnection(baseUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists vector");
            statement.execute("create schema " + schema);
        }
        context.getStore(NAMESPACE).put(TestDatabase.class, new TestDatabase(baseUrl, schema));
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        TestDatabase database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
        if (database == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(DatabaseLocator.baseUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + database.schema() + " cascade");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestDatabase.class || type == DataSource.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestDatabase database = database(extensionContext);
        return parameterContext.getParameter().getType() == DataSource.class ? database.dataSource() : database;
    }

    private static TestDatabase database(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            TestDatabase database = c.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
            if (database != null) {
                return database;
            }
        }
        throw new IllegalStateException("no pgvector test database: annotate the test class with @PgVectorDatabase");
    }

    /** A lower-case identifier unique per run: the class name for readability, a random suffix for reruns. */
    static String schemaName(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (simple.length() > 40) {
            simple = simple.substring(0, 40);
        }
        return "vt_" + simple + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
