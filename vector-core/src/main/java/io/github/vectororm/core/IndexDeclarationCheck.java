package io.github.vectororm.core;

import io.github.vectororm.core.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/** {@link IndexBuilder#verify(Connection, IndexDefinition)}: a declaration against the live catalog, before any DDL. */
final class IndexDeclarationCheck {

    private IndexDeclarationCheck() {
    }

    /** Checks the declaration and returns the table's relkind. */
    static String check(Connection connection, IndexDefinition index) throws SQLException {
        return check(connection, index, false);
    }

    /** As {@link #check(Connection, IndexDefinition)}; before a build also that the role may create the index. */
    static String check(Connection connection, IndexDefinition index, boolean building) throws SQLException {
        IndexedExpression expression = index.expression();
        String target = Identifiers.bareName(index.table()) + "." + Identifiers.bareName(expression.column());
        String relkind;
        String columnType;
        int typmod;
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relkind, t.typname, a.atttypmod,"
                + " pg_has_role(c.relowner, 'USAGE'), pg_get_userbyid(c.relowner), current_user FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = ? AND a.attnum > 0"
                + " AND NOT a.attisdropped LEFT JOIN pg_type t ON t.oid = a.atttypid WHERE c.oid = to_regclass(?)")) {
            statement.setString(1, Identifiers.bareName(expression.column()));
            statement.setString(2, Identifiers.qualifiedName("table", index.table()));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new VectorValidationException("index on " + target + ": table " + index.table()
                            + " does not exist (not found on the search path)");
                }
                relkind = rs.getString(1);
                columnType = rs.getString(2);
                typmod = rs.getInt(3);
                if (building && !rs.getBoolean(4)) {
                    // PostgreSQL's own rule for CREATE INDEX: the table's owner (or a role with its privileges)
                    throw new VectorValidationException("index on " + target + ": CREATE INDEX needs the privileges of"
                            + " the table's owner " + rs.getString(5) + ", which role " + rs.getString(6) + " does not have;"
                            + " build indexes as the role that owns the schema's tables (the migration role), not the"
                            + " application role");
                }
            }
        }
        if (index.concurrently() && "p".equals(relkind)) {
            for (IndexCatalog.Partition partition : IndexCatalog.partitions(connection, index)) {
                if (!"r".equals(partition.relkind())) {
                    throw new VectorValidationException("index on " + target + ": table " + index.table() + " is partitioned"
                            + " and its partition " + partition.display() + " is " + ("p".equals(partition.relkind())
                                    ? "itself partitioned (relkind 'p')" : "not a table (relkind '" + partition.relkind() + "')")
                            + "; PostgreSQL cannot CREATE INDEX CONCURRENTLY on a partitioned table, and IndexBuilder builds"
                            + " one level of partitions concurrently (ON ONLY the parent, then each partition's index"
                            + " attached); build it without concurrently (writes to each partition wait while its index is"
                            + " built)");
                }
            }
        }
        if (!"r".equals(relkind) && !"p".equals(relkind) && !"m".equals(relkind)) {
            throw new VectorValidationException("index on " + target + ": " + index.table() + " is not a table"
                    + " (relkind '" + relkind + "')");
        }
        if (columnType == null) {
            throw new VectorValidationException("index on " + target + ": table " + index.table() + " has no column "
                    + expression.column());
        }
        Set<String> accepted = expression.columnTypes();
        if (!accepted.contains(columnType)) {
            throw new VectorValidationException("index on " + target + ": the expression " + expression.sql()
                    + " needs a column of type " + String.join(" or ", new TreeSet<>(accepted)) + ", column "
                    + target + " is " + columnType);
        }
        if (typmod > 0) {
            boolean subvector = expression instanceof IndexedExpression.Subvector;
            boolean fits = subvector ? expression.dimensions() <= typmod : expression.dimensions() == typmod;
            if (!fits) {
                throw new VectorValidationException("index on " + target + ": the declaration says "
                        + (subvector ? "a subvector of " : "") + expression.dimensions() + " dimensions ("
                        + expression.sql() + "), column " + target + " is " + columnType + "(" + typmod + ")");
            }
        }
        return relkind;
    }
}
