package io.github.vectororm.benchmarks.knn;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.BatchSearch;
import io.github.vectororm.core.search.Hit;
import io.github.vectororm.core.search.SettingsPipeline;
import io.github.vectororm.core.search.SqlQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@value ProbesBenchmark#PROBES} probes over plain JDBC: the raw single queries (ids, the suite's baseline, and whole
 * rows), the same with {@code set_config} in the same statement, vector-core's {@link SettingsPipeline} and its
 * {@link BatchSearch}. Raw paths keep their prepared statements across invocations; all run in auto-commit mode.
 *
 * @since 0.1.0
 */
public class JdbcProbesBenchmark extends ProbesBenchmark {

    private static final String SET_EF_SEARCH = "SELECT set_config('hnsw.ef_search', ?, true); ";

    private Connection raw;
    private Connection vectorCore;
    private PreparedStatement rawIds;
    private PreparedStatement rawWholeRows;
    private PreparedStatement rawIdsWithSettings;
    private PreparedStatement rawWholeRowsWithSettings;
    private String idsSql;
    private BatchSearch batch;

    @Override
    protected void open(BenchmarkDatabase database, KnnDataset dataset) throws SQLException {
        idsSql = "SELECT id FROM " + dataset.table() + " ORDER BY embedding <=> ? LIMIT " + KnnDataset.K;
        String wholeRows = "SELECT id, embedding, embedding <=> ? AS distance FROM " + dataset.table()
                + " ORDER BY 3 LIMIT " + KnnDataset.K;
        raw = database.connect();
        PGvector.registerTypes(raw);
        rawIds = raw.prepareStatement(idsSql);
        rawWholeRows = raw.prepareStatement(wholeRows);
        rawIdsWithSettings = raw.prepareStatement(SET_EF_SEARCH + idsSql);
        rawWholeRowsWithSettings = raw.prepareStatement(SET_EF_SEARCH + wholeRows);
        vectorCore = database.connect();
        PgVectorTypes.register(vectorCore);
        batch = BatchSearch.on(dataset.table(), "id", "embedding", VectorType.VECTOR, dataset.dimensions(), Metric.COSINE);
    }

    @Override
    protected void close() throws SQLException {
        for (Connection connection : new Connection[] {raw, vectorCore}) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if a query fails
     */
    @Benchmark
    @Compared(value = "raw JDBC, 100 single queries, ids: `SELECT id ... ORDER BY embedding <=> ? LIMIT 10`, `PGvector`"
            + " binary parameter", kind = PathKind.RAW_BASELINE)
    public int rawSingleIds(Blackhole blackhole) throws SQLException {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            rawIds.setObject(1, new PGvector(probe));
            rows += readIds(rawIds.executeQuery(), blackhole);
        }
        return rows;
    }

    /**
     * @param blackhole consumes the rows
     * @return rows returned
     * @throws SQLException if a query fails
     */
    @Benchmark
    @Compared(value = "raw JDBC, 100 single queries, whole rows (id, vector, distance): the entity paths' reference",
            kind = PathKind.RAW)
    public int rawSingleWholeRows(Blackhole blackhole) throws SQLException {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            rawWholeRows.setObject(1, new PGvector(probe));
            rows += readWholeRows(rawWholeRows.executeQuery(), blackhole);
        }
        return rows;
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if a query fails
     */
    @Benchmark
    @Compared(value = "raw JDBC with settings, 100 queries, ids: `SELECT set_config('hnsw.ef_search', ?, true); SELECT id"
            + " ...` as one statement", kind = PathKind.RAW)
    public int rawSingleIdsWithSettings(Blackhole blackhole) throws SQLException {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            rawIdsWithSettings.setString(1, "40");
            rawIdsWithSettings.setObject(2, new PGvector(probe));
            rows += readIds(secondResult(rawIdsWithSettings), blackhole);
        }
        return rows;
    }

    /**
     * @param blackhole consumes the rows
     * @return rows returned
     * @throws SQLException if a query fails
     */
    @Benchmark
    @Compared(value = "raw JDBC with settings, 100 queries, whole rows: `set_config` + the whole-row query as one"
            + " statement", kind = PathKind.RAW)
    public int rawSingleWholeRowsWithSettings(Blackhole blackhole) throws SQLException {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            rawWholeRowsWithSettings.setString(1, "40");
            rawWholeRowsWithSettings.setObject(2, new PGvector(probe));
            rows += readWholeRows(secondResult(rawWholeRowsWithSettings), blackhole);
        }
        return rows;
    }

    /**
     * @param blackhole consumes the ids
     * @return rows returned
     * @throws SQLException if a query fails
     */
    @Benchmark
    @Compared(value = "vector-core with settings, 100 queries, ids: `SettingsPipeline.execute(connection, settings, query,"
            + " reader)`", kind = PathKind.LIBRARY)
    public int settingsPipelineIds(Blackhole blackhole) throws SQLException {
        int rows = 0;
        for (float[] probe : nextProbes()) {
            SqlQuery query = new SqlQuery(idsSql, List.of(VectorValues.toParameter(VectorType.VECTOR, probe)));
            rows += SettingsPipeline.execute(vectorCore, SETTINGS, query, rs -> readIds(rs, blackhole));
        }
        return rows;
    }

    /**
     * @param blackhole consumes the ids and distances
     * @return rows returned
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "vector-core batch, ids + distance: `BatchSearch.search(connection, 100 probes, 10, null, none)`"
            + " (one statement)", kind = PathKind.LIBRARY)
    public int batchSearch(Blackhole blackhole) throws SQLException {
        List<List<Hit>> answers = batch.search(vectorCore, nextProbes(), KnnDataset.K, null,
                SearchSettings.none());
        blackhole.consume(answers);
        return checkBatch(answers);
    }

    private static ResultSet secondResult(PreparedStatement statement) throws SQLException {
        statement.execute();
        statement.getMoreResults();
        return statement.getResultSet();
    }

    private int readIds(ResultSet resultSet, Blackhole blackhole) throws SQLException {
        int rows = 0;
        try (ResultSet rs = resultSet) {
            while (rs.next()) {
                blackhole.consume(rs.getLong(1));
                rows++;
            }
        }
        return checkFull(rows);
    }

    private int readWholeRows(ResultSet resultSet, Blackhole blackhole) throws SQLException {
        int rows = 0;
        try (ResultSet rs = resultSet) {
            while (rs.next()) {
                blackhole.consume(rs.getLong(1));
                blackhole.consume(((PGvector) rs.getObject(2)).toArray());
                blackhole.consume(rs.getDouble(3));
                rows++;
            }
        }
        return checkFull(rows);
    }
}
