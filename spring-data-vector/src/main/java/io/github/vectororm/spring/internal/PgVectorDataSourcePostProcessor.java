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
 * Hikari pool's connections and creates the extension.
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
        if (binaryTransfer && HIKARI_PRESENT) {
            HikariBinaryTransfer.register(dataSource);
        }
        if (createExtension) {
            createExtension(dataSource, beanName, binaryTransfer);
        }
        return bean;
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

        static void register(DataSource dataSource) {
            if (!(dataSource instanceof HikariDataSource hikari) || !isPostgres(hikari)) {
                return;
            }
            for (Map.Entry<String, String> property : PgVectorTypes.connectionProperties().entrySet()) {
                if (!hikari.getDataSourceProperties().containsKey(property.getKey())) {
                    hikari.addDataSourceProperty(property.getKey(), property.getValue());
                }
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
