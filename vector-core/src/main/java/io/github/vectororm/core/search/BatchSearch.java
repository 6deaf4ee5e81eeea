package io.github.vectororm.core.search;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.PgVectorFeature;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.jdbc.VectorValues;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * k-NN for many query vectors in one statement: the probes travel as one {@code vector[]} parameter, and each is
 * searched by its own {@code ORDER BY col <op> probe LIMIT k} (a lateral join), so every probe is an index scan
 * (EXPLAIN shows a nested loop over the index scan, one loop per probe) and the answers equal one query per
 * probe. Result columns: {@code probe} (1-based position in the list), {@code id}, {@code distance}; ordered by
 * probe, then distance.
 *
 * @since 0.1.0
 */
public final class BatchSearch {

    /**
     * The most probes one statement takes. The probes are one parameter, so the server has no count limit of
     * its own; this bounds the statement's duration and its k x probes rows in memory. Split larger batches.
     */
    public static final int MAX_PROBES = 1000;

    private final String table;
    private final String idColumn;
    private final String column;
    private final VectorType type;
    private final int dimensions;
    private final Metric metric;

    private BatchSearch(String table, String idColumn, String column, VectorType type, int dimensions, Metric metric) {
        this.table = Identifiers.qualifiedName("table", table);
        this.idColumn = Identifiers.identifier("column", idColumn);
        this.column = Identifiers.identifier("column", column);
        this.type = Objects.requireNonNull(type, "type");
        type.checkDimensions(dimensions);
        this.dimensions = dimensions;
        this.metric = Objects.requireNonNull(metric, "metric");
        metric.requireAppliesTo(type);
    }

    /**
     * A batch search over a table's vector column.
     *
     * @param table the table, optionally schema-qualified
     * @param idColumn the column identifying rows
     * @param column the vector column
     * @param type its pgvector type
     * @param dimensions its dimensions
     * @param metric the distance, whose operator the column's index serves
     * @return the search
     */
    public static BatchSearch on(String table, String idColumn, String column, VectorType type, int dimensions,
            Metric metric) {
        return new BatchSearch(table, idColumn, column, type, dimensions, metric);
    }

    /**
     * Renders the search.
     *
     * @param probes the query vectors, 1 to {@value #MAX_PROBES}, each of the column's dimensions
     * @param k how many rows per probe, at least 1
     * @param filter an optional condition on the table, or {@code null}
     * @return the statement and its parameters
     */
    public SqlQuery query(List<?> probes, int k, Filter filter) {
        if (k < 1) {
            throw new VectorValidationException("k must be at least 1, not " + k);
        }
        String array = probeArray(type, dimensions, probes);
        List<Object> parameters = new ArrayList<>();
        String castType = type.sqlName() + "[]";
        StringBuilder sql = new StringBuilder("SELECT q.i AS probe, n.id, n.distance FROM unnest(CAST(? AS ")
                .append(castType).append(")) WITH ORDINALITY AS q(v, i) CROSS JOIN LATERAL (SELECT t.")
                .append(idColumn).append(" AS id, t.").append(column).append(' ').append(metric.operator())
                .append(" q.v AS distance FROM ").append(table).append(" t");
        parameters.add(array);
        if (filter != null) {
            sql.append(" WHERE ").append(filter.sql());
            parameters.addAll(filter.parameters());
        }
        sql.append(" ORDER BY t.").append(column).append(' ').append(metric.operator())
                .append(" q.v LIMIT ?) n ORDER BY q.i, n.distance");
        parameters.add(k);
        return new SqlQuery(sql.toString(), parameters);
    }

    /**
     * The probes as the text of one {@code vector[]} (or {@code halfvec[]}, {@code sparsevec[]}, {@code bit[]})
     * parameter, each validated as a bound value would be: what a batch binds, for adapters rendering their own
     * batch statement around {@code unnest(CAST(? AS type[]))}.
     *
     * @param type the probes' pgvector type
     * @param dimensions the column's dimensions, or {@code null} when the column declares none
     * @param probes 1 to {@value #MAX_PROBES} query vectors
     * @return the array's text form
     * @throws VectorValidationException naming the probe that is invalid, or the count
     */
    public static String probeArray(VectorType type, Integer dimensions, List<?> probes) {
        Objects.requireNonNull(probes, "probes");
        if (probes.isEmpty() || probes.size() > MAX_PROBES) {
            throw new VectorValidationException("a batch takes 1 to " + MAX_PROBES + " probes, not " + probes.size()
                    + (probes.isEmpty() ? "" : "; split it into batches of at most " + MAX_PROBES));
        }
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < probes.size(); i++) {
            Object probe = Objects.requireNonNull(probes.get(i), "probes contain null");
            int actual;
            try {
                VectorValues.toParameter(type, probe); // validates the value as a bound parameter would
                actual = VectorValues.dimensions(type, probe);
            } catch (VectorValidationException e) {
                throw e.withContext("probe " + (i + 1));
            }
            if (dimensions != null) {
                type.requireDimensions("probe " + (i + 1), actual, "the column", dimensions);
            }
            // text forms hold no quote or backslash; quoted because sparsevec's has braces and commas
            array.append(i > 0 ? "," : "").append('"').append(VectorValues.toText(type, probe)).append('"');
        }
        return array.append('}').toString();
    }

    /**
     * Runs the search with the settings in the same round trip ({@link SettingsPipeline}), in the connection's
     * transaction or in auto-commit mode.
     *
     * @param connection the connection
     * @param probes the query vectors, 1 to {@value #MAX_PROBES}
     * @param k how many rows per probe
     * @param filter an optional condition on the table, or {@code null}
     * @param settings search settings, or {@link SearchSettings#none()}
     * @return one list per probe, in the probes' order, nearest first
     * @throws SQLException on a database error
     */
    public List<List<Hit>> search(Connection connection, List<?> probes, int k, Filter filter, SearchSettings settings)
            throws SQLException {
        SqlQuery query = query(probes, k, filter);
        Set<PgVectorFeature> features = PgVectorFeature.requiredFor(type, metric);
        if (!features.isEmpty()) {
            PgVectorExtension.require(connection, features);
        }
        return SettingsPipeline.execute(connection, settings, query, rs -> {
            List<List<Hit>> hits = new ArrayList<>(probes.size());
            for (int i = 0; i < probes.size(); i++) {
                hits.add(new ArrayList<>(k));
            }
            while (rs.next()) {
                hits.get(rs.getInt(1) - 1).add(new Hit(rs.getObject(2), rs.getDouble(3)));
            }
            return hits;
        });
    }
}
