package io.github.vectororm.spring.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Prepares each PostgreSQL DataSource as it is created, so everything that uses it later (Flyway, Liquibase,
 * Hibernate's schema management, repositories) finds pgvector ready: registers the binary wire format on a
 * Hikari pool's connections (also behind a proxy DataSource) and creates the extension; where it cannot register
 * the format (no Hikari, or a pool already started) it says so at startup, with what to do.
 */
public final class PgVectorDataSourcePostProcessor implements BeanPostProcessor {

    private static final Log LOG = LogFactory.getLog(PgVectorDataSourcePostProcessor.class);
    private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
            PgVectorDataSourcePostProcessor.class.getClassLoader());

    private final boolean binaryTransfer;
    private final boolean createExtension;

    /**
     * @param binaryTransfer whether to add pgjdbc's datatype properties to Hikari pools
     * @param createExtension whether to create the extension
     */
    public PgVectorDataSourcePostProcessor(boolean binaryTransfer, boolean createExtension) {
        this.binaryTransfer = binaryTransfer;
        this.createExtension = createExtension;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource)) {
            return bean;
        }
        if (binaryTransfer) {
            setUpBinaryTransfer(dataSource, beanName);
        }
        if (createExtension) {
            createExtension(dataSource, beanName, binaryTransfer);
        }
        return bean;
    }

    /**
     * Adds pgjdbc's datatype properties to the Hikari pool behind the DataSource, the bean itself or one a proxy
     * wraps (Spring's DelegatingDataSource family, or any wrapper whose {@code isWrapperFor} answers); otherwise says
     * at startup, for a PostgreSQL DataSource, that vectors travel as text and how to change that.
     */
    private static void setUpBinaryTransfer(DataSource dataSource, String beanName) {
        String notDone = HIKARI_PRESENT ? HikariBinaryTransfer.register(dataSource, beanName)
                : "it is not a Hikari pool (HikariCP is not on the classpath)";
        if (notDone != null && isPostgres(dataSource)) {
            LOG.warn("vector-orm did not set up binary transfer of pgvector values for DataSource " + beanName + ": "
                    + notDone + ". Vectors read through plain JDBC travel as text (vector-orm's Hibernate and jOOQ"
                    + " bindings register the types per connection themselves). To have every pooled connection binary, add"
                    + " the pgjdbc properties " + PgVectorTypes.connectionProperties() + " to the pool before it starts"
                    + " (spring.datasource.hikari.data-source-properties.*, HikariConfig.addDataSourceProperty, or the URL:"
                    + " PgVectorTypes.withBinaryTransfer(url)), or set vectororm.binary-transfer=false to silence this.");
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return false; // the extension step (or the application) reports an unreachable database
        }
    }

    private static void createExtension(DataSource dataSource, String beanName, boolean binaryTransfer) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                LOG.debug("DataSource " + beanName + " is " + product + ", not PostgreSQL: no pgvector extension created");
                return;
            }
            if (inRecovery(connection)) {
                // a standby is read-only and gets the extension from its primary through replication
                LOG.info("DataSource " + beanName + " is a standby (pg_is_in_recovery): no pgvector extension created");
                return;
            }
            PgVectorVersion version = PgVectorExtension.create(connection);
            if (binaryTransfer) {
                PgVectorTypes.register(connection); // this pooled connection was opened before the type existed
            }
            LOG.info("pgvector " + version + " is installed in database " + connection.getCatalog());
        } catch (SQLException e) {
            throw new BeanCreationException(beanName, "vector-orm could not run " + PgVectorExtension.CREATE_SQL
                    + " (set vectororm.create-extension=false if a migration or an administrator creates it): "
                    + e.getMessage(), e);
        }
    }

    private static boolean inRecovery(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Kept apart so that Hikari is only loaded when present. */
    private static final class HikariBinaryTransfer {

        /** @return null when done or not needed (not PostgreSQL), else what kept it from being done */
        static String register(DataSource dataSource, String beanName) {
            HikariDataSource hikari = unwrap(dataSource);
            if (hikari == null) {
                return "it is not a Hikari pool, nor a proxy whose isWrapperFor(HikariDataSource.class) is true";
            }
            if (!isPostgres(hikari)) {
                return null;
            }
            boolean missing = PgVectorTypes.connectionProperties().keySet().stream()
                    .anyMatch(name -> !hikari.getDataSourceProperties().containsKey(name));
            if (!missing) {
                return null;
            }
            if (hikari.isRunning() || hikari.isClosed()) {
                // its configuration is sealed and its connections are open: properties would no longer reach them
                return "its Hikari pool " + hikari.getPoolName() + " had already started (new HikariDataSource(HikariConfig)"
                        + " starts it at once)";
            }
            for (Map.Entry<String, String> property : PgVectorTypes.connectionProperties().entrySet()) {
                if (!hikari.getDataSourceProperties().containsKey(property.getKey())) {
                    hikari.addDataSourceProperty(property.getKey(), property.getValue());
                }
            }
            if (hikari != dataSource) {
                LOG.debug("vector-orm set up binary transfer on the Hikari pool inside DataSource " + beanName);
            }
            return null;
        }

        private static HikariDataSource unwrap(DataSource dataSource) {
            if (dataSource instanceof HikariDataSource hikari) {
                return hikari;
            }
            try {
                return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
            } catch (SQLException e) {
                return null;
            }
        }

        private static boolean isPostgres(HikariDataSource hikari) {
            String url = hikari.getJdbcUrl();
            String className = hikari.getDataSourceClassName();
            return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")
                    || className != null && className.startsWith("org.postgresql.");
        }
    }

}
