package io.github.vectororm.examples.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.jooq.NearestNeighbors;
import io.github.vectororm.jooq.VectorDataTypes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** {@link SemanticSearch} through jOOQ: {@link NearestNeighbors} over a hand-declared {@code documents} table. */
public final class JooqSemanticSearch implements SemanticSearch {

    private static final Table<Record> DOCUMENTS = DSL.table(DSL.name(CorpusTable.TABLE));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<String> PACKAGE = DSL.field(DSL.name("package"), SQLDataType.CLOB);
    private static final Field<String> TYPE_NAME = DSL.field(DSL.name("type_name"), SQLDataType.CLOB);
    private static final Field<String> TEXT = DSL.field(DSL.name("text"), SQLDataType.CLOB);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(Embedder.DIMENSIONS));

    private final ExampleDatabase database;

    /** @param database the database holding the {@code documents} table */
    public JooqSemanticSearch(ExampleDatabase database) {
        this.database = database;
    }

    @Override
    public List<SearchHit> nearest(float[] query, int k) throws SQLException {
        try (Connection connection = database.connect()) {
            return NearestNeighbors.of(DOCUMENTS, EMBEDDING, Metric.COSINE, query)
                    .select(ID, PACKAGE, TYPE_NAME, TEXT).limit(k)
                    .fetch(DSL.using(connection, SQLDialect.POSTGRES)).stream()
                    .map(n -> new SearchHit(n.record().get(ID), n.record().get(PACKAGE) + "." + n.record().get(TYPE_NAME),
                            n.record().get(TEXT), n.distance()))
                    .toList();
        }
    }
}
