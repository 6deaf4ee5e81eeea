package io.github.vectororm.benchmarks.twostage;

import com.pgvector.PGvector;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TwoStageSearch;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The paths of the two-stage suite, shared by its JMH benchmark (latency) and {@link TwoStageRecall} (recall against
 * an exact scan), so both measure the same SQL with the same settings.
 *
 * <p>A path's connection has {@code hnsw.ef_search} set for the session: HNSW returns at most {@code ef_search}
 * rows, so a shortlist of 100 or 200 needs an {@code ef_search} of at least that (at the default 40 it would
 * silently be a shortlist of 40). For a two-stage path it is the value the library applies per transaction
 * ({@link TwoStageSearch#settings()}, the shortlist size); the suite sets it once per session so that the timed
 * statement is the search alone, without the {@code set_config} round trip, and {@link TwoStageRecall} checks that
 * both agree and that each shortlist is as long as declared. It also
 * has {@code enable_seqscan = off} and {@code jit = off}, so that the index serves the query at every table size.
 *
 * @since 0.1.0
 */
public enum TwoStagePath {

    /** The reference: the plain HNSW index at pgvector's default {@code ef_search}. */
    PLAIN_HNSW("plainHnsw", 0, 0, 40),
    /** The plain index searched wider, for context: what raising {@code ef_search} alone buys. */
    PLAIN_HNSW_EF_SEARCH_100("plainHnswEfSearch100", 0, 0, 100),
    /** Binary-quantized Hamming shortlist of 40, re-ranked exactly. */
    BINARY_QUANTIZED_40("binaryQuantized40", 1, 40, 40),
    /** Binary-quantized Hamming shortlist of 100, re-ranked exactly. */
    BINARY_QUANTIZED_100("binaryQuantized100", 1, 100, 100),
    /** Binary-quantized Hamming shortlist of 200, re-ranked exactly. */
    BINARY_QUANTIZED_200("binaryQuantized200", 1, 200, 200),
    /** Half-precision cosine shortlist of 40, re-ranked exactly. */
    HALFVEC_40("halfvec40", 2, 40, 40);

    private final String method;
    private final int index;
    private final int shortlist;
    private final int efSearch;

    TwoStagePath(String method, int index, int shortlist, int efSearch) {
        this.method = method;
        this.index = index;
        this.shortlist = shortlist;
        this.efSearch = efSearch;
    }

    /** @return the benchmark's name as the report shows it, {@code TwoStageBenchmark.method} */
    public String benchmark() {
        return TwoStageBenchmark.class.getSimpleName() + "." + method;
    }

    /** @return the first stage's candidate count, 0 for the plain index */
    public int shortlist() {
        return shortlist;
    }

    /** @return the session's {@code hnsw.ef_search} */
    public int efSearch() {
        return efSearch;
    }

    /** @return whether the path runs without vector-orm code */
    public boolean raw() {
        return shortlist == 0;
    }

    /**
     * @param dataset the table
     * @return the index this path's (first stage's) ORDER BY must scan
     */
    public IndexDefinition index(TwoStageDataset dataset) {
        return dataset.indexes().get(index).index();
    }

    /**
     * Opens this path's connection: pgvector-java's types for the raw paths, vector-core's for the two-stage ones,
     * and the session's {@code hnsw.ef_search}.
     *
     * @param jdbcUrl the database
     * @return the connection; the caller closes it
     * @throws SQLException if the database refuses
     */
    public Connection connect(String jdbcUrl) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl);
        try {
            if (raw()) {
                PGvector.registerTypes(connection);
            } else {
                PgVectorTypes.register(connection);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET hnsw.ef_search = " + efSearch);
                // a shortlist of 200 is 10 % of the smoke table, which the planner would rather sort in full; the
                // forced plan's seq-scan penalty would also make every query pay for JIT compilation
                statement.execute("SET enable_seqscan = off");
                statement.execute("SET jit = off");
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The query of this path for one probe: ids and distances of the {@value TwoStageDataset#K} nearest.
     *
     * @param dataset the table
     * @param probe the probe vector
     * @return the SQL and its parameters
     */
    public SqlQuery query(TwoStageDataset dataset, float[] probe) {
        if (raw()) {
            return new SqlQuery("SELECT id, embedding <=> ? AS distance FROM " + dataset.table() + " ORDER BY 2 LIMIT "
                    + TwoStageDataset.K, List.of(new PGvector(probe)));
        }
        return search(dataset).query(probe, TwoStageDataset.K, null);
    }

    /**
     * @param dataset the table
     * @return this path's search, {@code null} for the plain index
     */
    public TwoStageSearch search(TwoStageDataset dataset) {
        if (raw()) {
            return null;
        }
        return TwoStageSearch.on(dataset.table(), "id", "embedding", VectorType.VECTOR, dataset.dimensions())
                .shortlist(index(dataset).expression(), index(dataset).metric(), shortlist)
                .rerank(Metric.COSINE).build();
    }

    /**
     * The first stage alone, counted: how many candidates the index hands to the re-rank.
     *
     * @param dataset the table
     * @param probe the probe
     * @return the counting query
     */
    SqlQuery shortlistCount(TwoStageDataset dataset, float[] probe) {
        IndexDefinition definition = index(dataset);
        return new SqlQuery("SELECT count(*) FROM (SELECT id FROM " + dataset.table() + " ORDER BY "
                + definition.expression().sql() + " " + definition.metric().operator() + " "
                + definition.expression().probeSql("?") + " LIMIT ?) s",
                List.of(VectorValues.toParameter(VectorType.VECTOR, probe), shortlist));
    }
}
