package io.github.vectororm.core;

import io.github.vectororm.core.IndexBuilder.Progress;
import io.github.vectororm.core.internal.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** {@link IndexBuilder#rebuildIvfflat}: a new IVFFlat index with {@code lists} from the current row count. */
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
        long rows;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Identifiers.qualifiedName("table", index.table()))) {
            rs.next();
            rows = rs.getLong(1);
        }
        String temporary = (index.name().length() > 55 ? index.name().substring(0, 55) : index.name()) + "_rebuild";
        IndexDefinition.Builder replacement = IndexDefinition.ivfflat(index.table(), index.expression(), index.metric())
                .lists(IndexDefinition.recommendedLists(rows)).name(temporary).concurrently();
        index.where().ifPresent(replacement::where);
        IndexDefinition built = replacement.build();
        builder.build(built, progress);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(index.dropSql().replace("CONCURRENTLY ", ""));
            s.execute("ALTER INDEX " + Identifiers.schemaPrefix("table", index.table()) + Identifiers.identifier("index", temporary)
                    + " RENAME TO " + Identifiers.identifier("index", index.name()));
        }
        IndexDefinition.Builder result = IndexDefinition.ivfflat(index.table(), index.expression(), index.metric())
                .lists(IndexDefinition.recommendedLists(rows)).name(index.name());
        index.where().ifPresent(result::where);
        return result.build();
    }
}
