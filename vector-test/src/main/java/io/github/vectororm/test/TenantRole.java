package io.github.vectororm.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * An application role for a row-level-security test: a {@code NOLOGIN} role that does not own the class's tables, named
 * after its {@link TestDatabase#schema() schema} (roles are global to the server, so parallel runs do not meet), with
 * {@code USAGE} on that schema. {@link #connect(int)} opens a connection that acts as the role ({@code SET ROLE}) for one
 * tenant, chosen by the session setting {@value #TENANT_SETTING} that the test's policies read, e.g.
 * {@code using (tenant = current_setting('app.tenant')::int)}. Closing it drops what the role was granted and the role.
 *
 * @since 0.1.0
 */
public final class TenantRole implements AutoCloseable {

    /** The session setting that holds the tenant of a {@link #connect(int)} connection. */
    public static final String TENANT_SETTING = "app.tenant";

    private final TestDatabase db;
    private final String name;

    private TenantRole(TestDatabase db, String name) {
        this.db = db;
        this.name = name;
    }

    /**
     * Creates the role afresh (dropping one an earlier run left) and grants it {@code USAGE} on the class's schema.
     *
     * @param db the class's database; the role connects to it and is named after its schema
     * @param prefix the start of the role's name, e.g. {@code vo_tenant}; {@code _} and the schema follow, every
     *        character outside {@code [a-z0-9_]} replaced by {@code _}
     * @return the role
     * @throws SQLException if the database user may not create roles
     */
    public static TenantRole create(TestDatabase db, String prefix) throws SQLException {
        Objects.requireNonNull(db, "db");
        String name = (prefix + "_" + db.schema()).replaceAll("[^a-z0-9_]", "_");
        db.execute("drop role if exists " + name, "create role " + name + " nologin",
                "grant usage on schema " + db.schema() + " to " + name);
        return new TenantRole(db, name);
    }

    /**
     * The role's name, as {@code current_user} reports it on a {@link #connect(int)} connection.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Grants the role {@code SELECT} on tables of the class's schema.
     *
     * @param tables the tables' names
     * @throws SQLException if a table does not exist
     */
    public void grantSelect(String... tables) throws SQLException {
        String[] grants = new String[tables.length];
        for (int i = 0; i < tables.length; i++) {
            grants[i] = "grant select on " + tables[i] + " to " + name;
        }
        db.execute(grants);
    }

    /**
     * Opens a connection to the class's database that acts as the role for one tenant: {@code SET ROLE} and
     * {@value #TENANT_SETTING} set for the session. The caller closes it.
     *
     * @param tenant the tenant the session's policies admit
     * @return the connection
     * @throws SQLException if it cannot connect or set the role
     */
    public Connection connect(int tenant) throws SQLException {
        Connection c = db.connect();
        try (Statement s = c.createStatement()) {
            s.execute("set role " + name);
            s.execute("select set_config('" + TENANT_SETTING + "', '" + tenant + "', false)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Drops what the role owns or was granted in the database ({@code DROP OWNED BY}) and then the role.
     *
     * @throws SQLException if the role is still in use
     */
    @Override
    public void close() throws SQLException {
        db.execute("drop owned by " + name, "drop role " + name);
    }
}
