package io.github.vectororm.benchmarks.adapters;

import io.github.vectororm.hibernate.VectorOrmHibernate;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/** SessionFactories for the Hibernate benchmarks, on a benchmark's table. */
public final class Hibernates {

    private Hibernates() {
    }

    /**
     * A SessionFactory mapping {@link BenchItem} onto a table, with no schema action.
     *
     * @param jdbcUrl the database
     * @param qualifiedTable {@code schema.table}
     * @param vectorOrm {@code true} for vector-orm's mapping and functions; {@code false} sets the kill switch
     *     ({@value VectorOrmHibernate#ENABLED} = false) so only Hibernate's own hibernate-vector module acts
     * @param batchSize {@code hibernate.jdbc.batch_size}
     * @return the factory; the caller closes it
     */
    public static SessionFactory sessionFactory(String jdbcUrl, String qualifiedTable, boolean vectorOrm, int batchSize) {
        return sessionFactory(jdbcUrl, qualifiedTable, vectorOrm, batchSize, BenchItem.class);
    }

    /**
     * A SessionFactory mapping one entity onto a table, with no schema action.
     *
     * @param jdbcUrl the database
     * @param qualifiedTable {@code schema.table}
     * @param vectorOrm {@code true} for vector-orm's mapping and functions; {@code false} for Hibernate's own module
     * @param batchSize {@code hibernate.jdbc.batch_size}
     * @param entity the entity class, whose table name is {@link BenchItem#TABLE}
     * @return the factory; the caller closes it
     */
    public static SessionFactory sessionFactory(String jdbcUrl, String qualifiedTable, boolean vectorOrm, int batchSize,
            Class<?> entity) {
        TableNaming naming = new TableNaming(qualifiedTable);
        Configuration configuration = new Configuration().addAnnotatedClass(entity);
        configuration.setPhysicalNamingStrategy(naming);
        configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, jdbcUrl);
        configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, naming.schema());
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(batchSize));
        configuration.setProperty(AvailableSettings.POOL_SIZE, "2");
        // auto-commit connections, as a Hikari pool's default and as the raw JDBC paths run: a query outside a
        // transaction is then one round trip, not an implicit BEGIN + query and a rollback when the session closes
        configuration.setProperty(AvailableSettings.AUTOCOMMIT, "true");
        configuration.setProperty(VectorOrmHibernate.ENABLED, Boolean.toString(vectorOrm));
        return configuration.buildSessionFactory();
    }

    /**
     * A SessionFactory with vector-orm on an application's connection pool, mapping one entity onto a table, with no
     * schema action.
     *
     * @param dataSource the pool (e.g. Hikari) the factory takes its connections from
     * @param qualifiedTable {@code schema.table}
     * @param entity the entity class, whose table name is {@link BenchItem#TABLE}
     * @return the factory; the caller closes it (and then the pool)
     */
    public static SessionFactory sessionFactory(DataSource dataSource, String qualifiedTable, Class<?> entity) {
        TableNaming naming = new TableNaming(qualifiedTable);
        Configuration configuration = new Configuration().addAnnotatedClass(entity);
        configuration.setPhysicalNamingStrategy(naming);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, naming.schema());
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        return configuration.buildSessionFactory();
    }
}
