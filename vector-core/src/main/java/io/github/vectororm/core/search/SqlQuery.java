package io.github.vectororm.core.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A rendered statement and its bind values, in placeholder order. Vectors are already JDBC parameters
 * (validated, binary-capable).
 *
 * @param sql the SQL with {@code ?} placeholders
 * @param parameters one value per placeholder
 * @since 0.1.0
 */
public record SqlQuery(String sql, List<Object> parameters) {

    /** Copies the parameter list. */
    public SqlQuery {
        parameters = List.copyOf(parameters);
    }

    /**
     * Prepares the statement on a connection and binds every parameter.
     *
     * @param connection the connection
     * @return the prepared statement; the caller closes it
     * @throws SQLException on a database error
     */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
