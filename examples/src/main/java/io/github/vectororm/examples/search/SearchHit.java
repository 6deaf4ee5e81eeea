package io.github.vectororm.examples.search;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One search result: a document of the corpus and its cosine <em>distance</em> to the query
 * (0 = same direction, smaller is nearer; cosine similarity is {@code 1 - distance}).
 *
 * @param id the document id
 * @param qualifiedName the type, e.g. {@code java.nio.file.Files}
 * @param text the first sentence of its javadoc
 * @param distance the cosine distance to the query
 */
public record SearchHit(int id, String qualifiedName, String text, double distance) {

    /**
     * Reads the current row of a result with the columns {@code id}, {@code qualified_name}, {@code text}
     * and {@code distance}.
     *
     * @param rs a result positioned on a row
     * @return the hit
     * @throws SQLException if a column is missing
     */
    public static SearchHit read(ResultSet rs) throws SQLException {
        return new SearchHit(rs.getInt("id"), rs.getString("qualified_name"), rs.getString("text"), rs.getDouble("distance"));
    }
}
