package io.github.vectororm.core.search;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.SearchSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A query with its search settings in the same round trip: one prepared statement of several parts, which pgjdbc
 * sends as Parse/Bind/Execute for each and a single Sync. The server runs the parts in order, so the settings
 * ({@code set_config(name, value, true)}) are in force when the query is planned and run.
 * <ul>
 *   <li>In auto-commit mode the parts form one implicit transaction: the settings end with it.</li>
 *   <li>Inside a caller's transaction a first part saves each setting's value and a last part restores it, so the
 *       settings apply to this query only and the rest of the caller's transaction sees what it had set.</li>
 * </ul>
 * Without settings the query runs as it is. {@link #execute} runs it and reads the query's result set.
 *
 * @param sql the statement, parts separated by {@code ;}
 * @param parameters the values of all parts, in placeholder order
 * @param resultIndex which part's result is the query's (0-based)
 * @since 0.1.0
 */
public record SettingsPipeline(String sql, List<Object> parameters, int resultIndex) {

    /** Copies the parameters. */
    public SettingsPipeline {
        parameters = List.copyOf(parameters);
    }

    /**
     * Reads a query's result set.
     *
     * @param <R> what it returns
     */
    @FunctionalInterface
    public interface ResultReader<R> {
        /**
         * Reads the rows.
         *
         * @param rs the query's result set, before its first row
         * @return what was read
         * @throws SQLException on a database error
         */
        R read(ResultSet rs) throws SQLException;
    }

    /**
     * The pipeline of a query and its settings.
     *
     * @param settings the settings, possibly {@link SearchSettings#none() none}
     * @param query the query
     * @param restore whether to restore the settings after the query (inside a caller's transaction); in auto-commit
     *     mode the implicit transaction ends them
     * @return the pipeline
     */
    public static SettingsPipeline of(SearchSettings settings, SqlQuery query, boolean restore) {
        Around around = around(settings, restore);
        if (around == null) {
            return new SettingsPipeline(query.sql(), query.parameters(), 0);
        }
        List<Object> parameters = new ArrayList<>(around.before().parameters());
        parameters.addAll(query.parameters());
        StringBuilder sql = new StringBuilder(around.before().sql()).append("; ").append(query.sql());
        if (around.after() != null) {
            sql.append("; ").append(around.after().sql());
            parameters.addAll(around.after().parameters());
        }
        return new SettingsPipeline(sql.toString(), parameters, around.resultIndex());
    }

    /**
     * The parts that go before and after a query, for an adapter that renders the query itself (jOOQ) and joins
     * them with {@code ;} into one statement.
     *
     * @param before the parts before the query: the save (when restoring) and the settings
     * @param after the restore after the query, or {@code null} when there is nothing to restore
     * @param resultIndex which part's result is the query's (0-based)
     * @since 0.1.0
     */
    public record Around(SqlQuery before, SqlQuery after, int resultIndex) {
    }

    /**
     * The parts around a query that bring its settings into force for it.
     *
     * @param settings the settings
     * @param restore whether to restore the caller's values after the query (inside a caller's transaction)
     * @return the parts, or {@code null} when there are no settings
     */
    public static Around around(SearchSettings settings, boolean restore) {
        if (settings.isEmpty()) {
            return null;
        }
        Map<String, String> values = settings.parameters();
        List<Object> before = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int part = 0;
        if (restore) { // saved in placeholders of our own, which end with the transaction
            sql.append("SELECT ");
            int i = 0;
            for (String name : values.keySet()) {
                sql.append(i > 0 ? ", " : "").append("set_config(?, coalesce(current_setting(?, true), ''), true)");
                before.add(savedName(i++));
                before.add(name);
            }
            sql.append("; ");
            part++;
        }
        sql.append("SELECT ");
        int i = 0;
        for (Map.Entry<String, String> setting : values.entrySet()) {
            sql.append(i++ > 0 ? ", " : "").append("set_config(?, ?, true)");
            before.add(setting.getKey());
            before.add(setting.getValue());
        }
        int resultIndex = part + 1;
        if (!restore) {
            return new Around(new SqlQuery(sql.toString(), before), null, resultIndex);
        }
        // a setting the session did not know before (pgvector's, before the library was loaded) goes back to the
        // session's value now that it is defined
        List<Object> after = new ArrayList<>();
        StringBuilder restoreSql = new StringBuilder("SELECT ");
        i = 0;
        for (String name : values.keySet()) {
            restoreSql.append(i > 0 ? ", " : "").append("set_config(?, coalesce(nullif(current_setting(?), ''),")
                    .append(" (SELECT reset_val FROM pg_settings WHERE name = ?)), true)");
            after.add(name);
            after.add(savedName(i++));
            after.add(name);
        }
        return new Around(new SqlQuery(sql.toString(), before), new SqlQuery(restoreSql.toString(), after), resultIndex);
    }

    /**
     * Runs a query with its settings in one round trip on the connection, in its transaction or in auto-commit
     * mode, after checking that the installed pgvector has what the settings need (read once per connection).
     *
     * @param connection the connection
     * @param settings the settings, possibly none
     * @param query the query
     * @param reader reads the query's rows
     * @param <R> what the reader returns
     * @return what the reader returned
     * @throws SQLException on a database error
     */
    public static <R> R execute(Connection connection, SearchSettings settings, SqlQuery query, ResultReader<R> reader)
            throws SQLException {
        if (!settings.requiredFeatures().isEmpty()) {
            PgVectorExtension.require(connection, settings.requiredFeatures());
        }
        SettingsPipeline pipeline = of(settings, query, !connection.getAutoCommit());
        try (PreparedStatement statement = connection.prepareStatement(pipeline.sql())) {
            for (int p = 0; p < pipeline.parameters().size(); p++) {
                statement.setObject(p + 1, pipeline.parameters().get(p));
            }
            statement.execute();
            for (int part = 0; part < pipeline.resultIndex(); part++) {
                statement.getMoreResults();
            }
            try (ResultSet rs = statement.getResultSet()) {
                return reader.read(rs);
            }
        }
    }

    private static String savedName(int index) {
        return "vectororm.saved_setting_" + index;
    }
}
