package io.github.vectororm.benchmarks.knn;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.jooq.BatchNeighbors;
import io.github.vectororm.jooq.NearestNeighbors;
import io.github.vectororm.jooq.Neighbor;
import io.github.vectororm.jooq.VectorDataTypes;
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
 * {@value ProbesBenchmark#PROBES} probes through jOOQ + vector-orm: {@link NearestNeighbors} with per-query settings
 * (sent with the query in one round trip) and {@link BatchNeighbors}, on one connection set up as in the k-NN suite.
 *
 * @since 0.1.0
 */
public class JooqProbesBenchmark extends ProbesBenchmark {

    private Connection connection;
    private DSLContext dsl;
    private Table<Record> table;
    private Field<Long> id;
    private Field<float[]> embedding;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) throws SQLException {
        connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(database.jdbcUrl()));
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        table = DSL.table(DSL.name(dataset.table().split("\\.")));
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
    @Compared(value = "jOOQ + vector-orm with settings, 100 queries, ids + distance: `NearestNeighbors.of(...).select(ID)"
            + ".settings(efSearch 40).limit(10).fetch(dsl)`", kind = PathKind.LIBRARY)
    public int nearestNeighborsWithSettings(Blackhole blackhole) {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            List<Neighbor<Record>> hits = NearestNeighbors.of(table, embedding, Metric.COSINE, probe).select(id)
                    .settings(SETTINGS).limit(KnnDataset.K).fetch(dsl);
            blackhole.consume(hits);
            rows += checkFull(hits.size());
        }
        return rows;
    }

    /**
     * @param blackhole consumes the ids and distances
     * @return rows returned
     */
    @Benchmark
    @Compared(value = "jOOQ + vector-orm batch, ids + distance: `BatchNeighbors.of(t, EMBEDDING, COSINE, 100 probes)"
            + ".select(ID).limit(10).fetch(dsl)`", kind = PathKind.LIBRARY)
    public int batchNeighbors(Blackhole blackhole) {
        List<List<Neighbor<Record>>> answers = BatchNeighbors.of(table, embedding, Metric.COSINE, nextProbes()).select(id)
                .limit(KnnDataset.K).fetch(dsl);
        blackhole.consume(answers);
        return checkBatch(answers);
    }
}
