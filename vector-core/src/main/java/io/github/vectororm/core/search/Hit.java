package io.github.vectororm.core.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A row found by one of vector-core's searches over plain JDBC ({@link TwoStageSearch}, {@link BatchSearch},
 * {@link PartitionedSearch}): its id and distance. Unlike the adapters' types for "a row and its distance"
 * (Hibernate's {@code Nearest}, an entity; jOOQ's {@code Neighbor}, a record) it holds the id only: plain JDBC has no
 * row type to build, and the adapters load their entities or records from these ids.
 *
 * @param id the row's id column
 * @param distance the metric's distance to the probe (smaller is nearer)
 * @since 0.1.0
 */
public record Hit(Object id, double distance) {

    /** The rows of a result whose first two columns are the id and the distance, in order. */
    static List<Hit> readAll(ResultSet rs) throws SQLException {
        List<Hit> hits = new ArrayList<>();
        while (rs.next()) {
            hits.add(new Hit(rs.getObject(1), rs.getDouble(2)));
        }
        return hits;
    }
}
