package io.github.vectororm.core;

import io.github.vectororm.core.IndexBuilder.Progress;
import io.github.vectororm.core.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@link IndexBuilder#rebuildIvfflat}: a new IVFFlat index with {@code lists} from the current row count, built
 * concurrently under a temporary name ({@code <name>_rebuild}) while the old one keeps serving, then swapped in within
 * one transaction ({@code DROP INDEX} old, {@code ALTER INDEX ... RENAME} new, {@code COMMIT}). Other sessions see
 * the old index until the commit and the new one after it, never neither; if the swap fails it rolls back, the old
 * index stays as it was, and the new one is dropped.
 */
final class IvfflatRebuild {

    private final DataSource dataSource;
    private final IndexBuilder builder;

    IvfflatRebuild(DataSource dataSource, IndexBuilder builder) {
        this.dataSource = dataSource;
        this.builder = builder;
    }

    IndexDefinition rebuild(IndexDefinition index, Consumer<Progress> progress) throws SQLException {
        if (index.method() != IndexMethod.IVFFLAT) {
            throw new VectorValidationException(index.name() + " is an " + index.method() + " index; only IVFFlat lists need recomputing");
        }
        int lists;
        IndexDefinition replacement;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            lists = IndexDefinition.recommendedLists(rowCount(c, index));
            replacement = declaration(index, lists, IndexNames.joined(Identifiers.bareName(index.name()), "rebuild"), true);
            clearLeftover(c, index, replacement);
        }
        builder.build(replacement, progress);
        try (Connection c = dataSource.getConnection()) {
            swap(c, index, replacement);
        }
        return declaration(index, lists, index.name(), false);
    }

    private static long rowCount(Connection c, IndexDefinition index) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Identifiers.qualifiedName("table", index.table()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static IndexDefinition declaration(IndexDefinition index, int lists, String name, boolean concurrently) {
        IndexDefinition.Builder declaration = IndexDefinition.ivfflat(index.table(), index.expression(), index.metric())
                .lists(lists).name(name);
        index.where().ifPresent(declaration::where);
        return concurrently ? declaration.concurrently().build() : declaration.build();
    }

    /**
     * An invalid index under the temporary name is what an interrupted rebuild leaves: dropped. A valid one is not
     * ours to drop.
     */
    private static void clearLeftover(Connection c, IndexDefinition index, IndexDefinition replacement) throws SQLException {
        if (InvalidIndexes.clearLeftover(c, replacement)) {
            throw new VectorValidationException("IVFFlat rebuild of " + index.name() + ": an index named "
                    + replacement.name() + " already exists on " + index.table() + " and is valid; the rebuild builds its"
                    + " new index under that name: drop or rename that index first");
        }
    }

    private static void swap(Connection c, IndexDefinition index, IndexDefinition replacement) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // DROP INDEX without CONCURRENTLY, which cannot run in a transaction: it holds the table's ACCESS EXCLUSIVE
            // lock from here to the commit, a moment (both are catalog changes)
            s.execute("DROP INDEX IF EXISTS " + IndexCatalog.indexName(index));
            s.execute("ALTER INDEX " + IndexCatalog.indexName(replacement) + " RENAME TO "
                    + Identifiers.identifier("index", index.name()));
            renamePartitionIndexes(c, index);
            c.commit();
        } catch (SQLException e) {
            rollback(c, e);
            SQLException failure = new SQLException("IVFFlat rebuild of " + index.name() + ": swapping in the new index"
                    + " failed (" + e.getMessage() + "); the transaction was rolled back, so the old index " + index.name()
                    + " stays in place as it was; the new index " + replacement.name() + " was dropped", e.getSQLState(), e);
            try {
                c.setAutoCommit(true);
                IndexCatalog.drop(c, replacement);
            } catch (SQLException dropFailed) {
                failure = new SQLException("IVFFlat rebuild of " + index.name() + ": swapping in the new index failed ("
                        + e.getMessage() + "); the transaction was rolled back, so the old index " + index.name()
                        + " stays in place as it was; dropping the new index " + replacement.name() + " failed too ("
                        + dropFailed.getMessage() + "): drop it yourself", e.getSQLState(), e);
                failure.addSuppressed(dropFailed);
            }
            throw failure;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * On a partitioned table the new index's partitions' indexes carry the temporary name too ({@code
     * <partition>_<name>_rebuild}); they take the old ones' place ({@code <partition>_<name>}, dropped with the old
     * index), so that the next rebuild's names are free again.
     */
    private static void renamePartitionIndexes(Connection c, IndexDefinition index) throws SQLException {
        List<String[]> renames = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement("SELECT x.oid::regclass::text, t.relname FROM pg_inherits h"
                + " JOIN pg_class x ON x.oid = h.inhrelid JOIN pg_index i ON i.indexrelid = x.oid"
                + " JOIN pg_class t ON t.oid = i.indrelid WHERE h.inhparent = to_regclass(?) ORDER BY 1")) {
            statement.setString(1, IndexCatalog.indexName(index));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    renames.add(new String[] {rs.getString(1), IndexNames.joined(rs.getString(2), Identifiers.bareName(index.name()))});
                }
            }
        }
        for (String[] rename : renames) {
            IndexCatalog.execute(c, "ALTER INDEX " + rename[0] + " RENAME TO " + rename[1]);
        }
    }

    private static void rollback(Connection c, SQLException failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed); // a broken connection: the server rolls back on its own
        }
    }
}
