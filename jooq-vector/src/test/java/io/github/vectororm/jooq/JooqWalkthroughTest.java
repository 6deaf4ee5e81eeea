package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * The seed walk-through in jOOQ: create the animals table, insert, index, add a vector column to an existing table,
 * and the nearest neighbors of the shark by three metrics, each equal to the same raw SQL run through JDBC.
 */
@PgVectorDatabase
class JooqWalkthroughTest {

    /** What raw JDBC says for one nearest-neighbor query. */
    record Row(long id, double distance) {
    }

    @Test
    void walkThroughMatchesRawSql(TestDatabase db) throws SQLException {
        String jdbcUrl = db.jdbcUrl();
        List<String> nearestNames = new ArrayList<>();

        // tag::jooq[]
        Table<Record> animals = DSL.table(DSL.name("animals"));
        Field<Long> id = DSL.field(DSL.name("id"), SQLDataType.BIGINT.notNull());
        Field<String> name = DSL.field(DSL.name("name"), SQLDataType.VARCHAR(40));
        Field<float[]> embedding = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(3)); // renders vector(3)

        // binary transfer of vectors on every connection opened with this URL
        try (Connection connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(jdbcUrl))) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            VectorDdl.createExtension(dsl).execute();
            dsl.createTable(animals).columns(id, name, embedding).primaryKey(id).execute();
            dsl.insertInto(animals, id, name, embedding)
                    .values(1L, "shark", new float[] {1.0f, 0.1f, 0.8f})
                    .values(2L, "dolphin", new float[] {0.9f, 0.3f, 0.7f})
                    .values(3L, "whale", new float[] {1.0f, 0.2f, 1.0f})
                    .values(4L, "octopus", new float[] {0.8f, 0.0f, 0.3f})
                    .values(5L, "cat", new float[] {0.1f, 1.0f, 0.2f})
                    .values(6L, "dog", new float[] {0.2f, 0.9f, 0.4f})
                    .values(7L, "horse", new float[] {0.1f, 0.8f, 0.9f})
                    .execute();

            // HNSW index from vector-core's IndexDefinition: ... USING hnsw (embedding vector_cosine_ops)
            IndexDefinition index = IndexDefinition
                    .hnsw("animals", IndexedExpression.column("embedding", VectorType.VECTOR, 3), Metric.COSINE).build();
            VectorDdl.createIndex(dsl, index).execute();

            // the animals nearest to the shark's embedding, the shark excluded:
            // tag::jooq-quickstart[]
            // ... ORDER BY (embedding <=> (select embedding from animals where name = 'shark')) LIMIT 3
            Field<float[]> sharkEmbedding = DSL.field(DSL.select(embedding).from(animals).where(name.eq("shark")));
            List<Neighbor<Record>> nearest = NearestNeighbors.of(animals, embedding, Metric.COSINE, sharkEmbedding)
                    .select(id, name)
                    .where(name.ne("shark"))
                    .limit(3)
                    .settings(SearchSettings.builder().hnswEfSearch(100).build()) // for this query's transaction only
                    .fetch(dsl);
            for (Neighbor<Record> neighbor : nearest) {
                nearestNames.add(neighbor.record().get(name) + " " + neighbor.distance()); // a distance: smaller is nearer
            }
            // end::jooq-quickstart[]
        }
        // end::jooq[]

        assertThat(nearestNames).hasSize(3);
        assertThat(nearestNames.stream().map(s -> s.split(" ")[0]).toList())
                .containsExactlyInAnyOrder("dolphin", "whale", "octopus");
        ReadmeSnippets.assertPageShows("docs/jooq.md", JooqWalkthroughTest.class, "jooq");
        ReadmeSnippets.assertReadmeShows(JooqWalkthroughTest.class, "jooq-quickstart");

        try (Connection connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(db.jdbcUrl("prepareThreshold", "-1")))) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            for (Metric metric : List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE)) {
                Field<float[]> shark = DSL.field(DSL.select(embedding).from(animals).where(name.eq("shark")));
                List<Neighbor<Record>> viaJooq = NearestNeighbors.of(animals, embedding, metric, shark)
                        .select(id).where(name.ne("shark")).limit(3).fetch(dsl);
                List<Row> viaJdbc = rawNearest(connection, metric);
                assertThat(viaJooq).as(metric.name()).hasSize(3);
                for (int i = 0; i < 3; i++) {
                    assertThat(viaJooq.get(i).record().get(id)).as(metric + " #" + i).isEqualTo(viaJdbc.get(i).id());
                    assertThat(viaJooq.get(i).distance()).as(metric + " #" + i).isEqualTo(viaJdbc.get(i).distance());
                }
                // and the values pgvector's Java oracle predicts, so the two sides cannot agree on something wrong
                float[] sharkVector = {1.0f, 0.1f, 0.8f};
                assertThat(viaJooq.getFirst().distance())
                        .isCloseTo(metric.distance(sharkVector, fetchEmbedding(dsl, animals, id, embedding, viaJooq.getFirst().record().get(id))), within(1e-6));
            }
            assertThat(NearestNeighbors.of(animals, embedding, Metric.L2, new float[] {1.0f, 0.1f, 0.8f}).select(id)
                    .where(name.ne("shark")).limit(3).fetch(dsl).stream().map(n -> n.record().get(id)).toList())
                    .containsExactly(3L, 2L, 4L); // whale, dolphin, octopus
        }
    }

    @Test
    void addsAVectorColumnToAnExistingTable(TestDatabase db) throws SQLException {
        db.execute("create table plants (id bigint primary key, name text)", "insert into plants values (1, 'kelp')");
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            Field<float[]> embedding = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(3));
            var alter = dsl.alterTable("plants").addColumn(embedding);
            assertThat(alter.getSQL()).isEqualTo("alter table \"plants\" add \"embedding\" vector(3)");
            alter.execute();
            dsl.update(DSL.table(DSL.name("plants"))).set(embedding, new float[] {0.7f, 0.1f, 0.2f})
                    .where(DSL.field(DSL.name("id")).eq(1L)).execute();

            try (PreparedStatement ps = connection.prepareStatement(
                    "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'plants'::regclass and attname = 'embedding'");
                    ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("vector(3)");
            }
            assertThat(dsl.select(embedding).from("plants").fetchOne(embedding)).containsExactly(0.7f, 0.1f, 0.2f);
        }
    }

    private static float[] fetchEmbedding(DSLContext dsl, Table<Record> animals, Field<Long> id, Field<float[]> embedding, long rowId) {
        return dsl.select(embedding).from(animals).where(id.eq(rowId)).fetchOne(embedding);
    }

    private static List<Row> rawNearest(Connection connection, Metric metric) throws SQLException {
        String op = metric.operator();
        String sql = "select id, embedding " + op + " (select embedding from animals where name = 'shark') as distance"
                + " from animals where name <> 'shark' order by embedding " + op
                + " (select embedding from animals where name = 'shark') limit 3";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getDouble(2)));
            }
        }
        return rows;
    }
}
