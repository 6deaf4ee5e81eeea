package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.Metric;
import io.github.vectororm.jooq.Neighbor;
import io.github.vectororm.jooq.NearestNeighbors;
import io.github.vectororm.jooq.VectorDataTypes;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Top-10 k-NN through jOOQ: {@link NearestNeighbors} on the data set's table, the id and the distance of each
 * neighbor as records, the probe bound in binary by {@link VectorDataTypes#vector(int)}'s binding. One connection
 * for the trial, opened with {@code PgVectorTypes.withBinaryTransfer(url)} as the README shows, as a pooled one would
 * be; jOOQ closes its statement after each query, pgjdbc keeps the server-side
 * prepared statement.
 *
 * @since 0.1.0
 */
public class JooqKnnBenchmark extends KnnBenchmark {

    private Connection connection;
    private DSLContext dsl;
    private Table<Record> table;
    private Field<Long> id;
    private Field<float[]> embedding;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) throws SQLException {
        // as the README sets jOOQ up: vectors travel in binary only on a connection that registered the types
        connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(database.jdbcUrl()));
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        String[] name = dataset.table().split("\\.");
        table = DSL.table(DSL.name(name));
        id = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
        embedding = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(dataset.dimensions()));
    }

    @Override
    protected void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    /**
     * @param blackhole consumes the ids and distances
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "jOOQ + vector-orm: `NearestNeighbors.of(t, EMBEDDING, COSINE, q).select(ID).limit(10).fetch(dsl)`"
            + " (records with distance)", kind = PathKind.LIBRARY)
    public int nearestNeighbors(Blackhole blackhole) {
        List<Neighbor<Record>> hits = NearestNeighbors.of(table, embedding, Metric.COSINE, nextQuery()).select(id)
                .limit(KnnDataset.K).fetch(dsl);
        for (Neighbor<Record> hit : hits) {
            blackhole.consume(hit.record().get(id));
            blackhole.consume(hit.distance());
        }
        return checkFull(hits.size());
    }
}
