package io.github.vectororm.hibernate;

import io.github.vectororm.test.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Builds SessionFactories on the class's test database and records the SQL they run. */
final class HibernateSupport {

    /** Every SQL statement Hibernate prepared, in order. */
    static final List<String> SQL = Collections.synchronizedList(new ArrayList<>());

    private HibernateSupport() {
    }

    static SessionFactory sessionFactory(TestDatabase db, String schemaAction, Class<?>... entities) {
        return sessionFactory(db, Map.of(AvailableSettings.HBM2DDL_AUTO, schemaAction), entities);
    }

    static SessionFactory sessionFactory(TestDatabase db, Map<String, ?> settings, Class<?>... entities) {
        Map<String, Object> all = new java.util.HashMap<>(settings);
        all.putIfAbsent(AvailableSettings.DEFAULT_SCHEMA, db.schema());
        return sessionFactory(db.jdbcUrl(), all, entities);
    }

    static SessionFactory sessionFactory(String jdbcUrl, Map<String, ?> settings, Class<?>... entities) {
        Configuration configuration = new Configuration();
        for (Class<?> entity : entities) {
            configuration.addAnnotatedClass(entity);
        }
        configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, jdbcUrl);
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "100");
        configuration.getProperties().put(AvailableSettings.STATEMENT_INSPECTOR, (StatementInspector) sql -> {
            SQL.add(sql);
            return sql;
        });
        settings.forEach((key, value) -> configuration.getProperties().put(key, value));
        return configuration.buildSessionFactory();
    }

    /** The last statement that contains a fragment. */
    static String lastSql(String fragment) {
        synchronized (SQL) {
            for (int i = SQL.size() - 1; i >= 0; i--) {
                if (SQL.get(i).contains(fragment)) {
                    return SQL.get(i);
                }
            }
        }
        throw new AssertionError("no SQL containing '" + fragment + "' among " + SQL.size() + " statements");
    }
}
