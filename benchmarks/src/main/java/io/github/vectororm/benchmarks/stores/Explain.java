package io.github.vectororm.benchmarks.stores;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EXPLAIN of a statement and the kind of plan it shows. */
final class Explain {

    private static final Pattern INDEX = Pattern.compile("Index Scan using (\\S+)");

    private Explain() {
    }

    /**
     * @param connection the connection
     * @param sql the statement, {@code ?} placeholders
     * @param parameters one value per placeholder
     * @return EXPLAIN's text
     * @throws SQLException if it fails
     */
    static String plan(Connection connection, String sql, List<?> parameters) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setObject(i + 1, parameters.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /**
     * The plan's kind: which vector index (by access method) serves it, or an exact scan.
     *
     * @param connection a connection, to look up the index's access method
     * @param plan EXPLAIN's text
     * @return e.g. {@code hnsw index scan (t_index)} or {@code sequential scan + sort (exact)}
     * @throws SQLException if the look-up fails
     */
    static String kind(Connection connection, String plan) throws SQLException {
        Matcher index = INDEX.matcher(plan);
        if (index.find()) {
            try (PreparedStatement method = connection.prepareStatement(
                    "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = ?")) {
                method.setString(1, index.group(1));
                try (ResultSet rs = method.executeQuery()) {
                    String am = rs.next() ? rs.getString(1) : "?";
                    return am.toUpperCase(java.util.Locale.ROOT) + " index scan (`" + index.group(1) + "`)";
                }
            }
        }
        return plan.contains("Seq Scan") ? "sequential scan + sort (exact)" : plan.lines().findFirst().orElse("?").strip();
    }

    /**
     * @param kind a plan kind of {@link #kind}
     * @return whether a vector index serves it
     */
    static boolean indexServed(String kind) {
        return kind.contains("index scan");
    }
}
