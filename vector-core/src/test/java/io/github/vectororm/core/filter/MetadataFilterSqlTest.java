package io.github.vectororm.core.filter;

import static io.github.vectororm.core.filter.MetadataFilter.and;
import static io.github.vectororm.core.filter.MetadataFilter.containsString;
import static io.github.vectororm.core.filter.MetadataFilter.eq;
import static io.github.vectororm.core.filter.MetadataFilter.gt;
import static io.github.vectororm.core.filter.MetadataFilter.gte;
import static io.github.vectororm.core.filter.MetadataFilter.in;
import static io.github.vectororm.core.filter.MetadataFilter.isNotNull;
import static io.github.vectororm.core.filter.MetadataFilter.isNull;
import static io.github.vectororm.core.filter.MetadataFilter.lt;
import static io.github.vectororm.core.filter.MetadataFilter.lte;
import static io.github.vectororm.core.filter.MetadataFilter.ne;
import static io.github.vectororm.core.filter.MetadataFilter.nin;
import static io.github.vectororm.core.filter.MetadataFilter.not;
import static io.github.vectororm.core.filter.MetadataFilter.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.search.Filter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every operator of the metadata filter, run on the server over rows whose values would break inlined SQL or paths. */
@PgVectorDatabase
class MetadataFilterSqlTest {

    private static final String HOSTILE = "it's \"quoted\"; drop table meta; -- $.x ? @ %_";
    private static final String HOSTILE_KEY = "weird key ' \" $.x ) || true";
    private static final String ESCAPES = "back\\slash\nnew line\u0001";

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table meta (id int primary key, metadata jsonb not null)");
        try (Connection c = db.connect();
                PreparedStatement insert = c.prepareStatement("insert into meta values (?, ?::jsonb)")) {
            String[] rows = {
                "{\"country\":\"BG\",\"year\":2020,\"rating\":4.5,\"active\":true,\"tags\":[\"a\",\"b\"]}",
                "{\"country\":\"NL\",\"year\":2021,\"active\":false,\"note\":null}",
                "{\"country\":\"BG\",\"year\":2023,\"rating\":3}",
                "{\"country\":" + json(HOSTILE) + ",\"year\":\"2020\"}",
                "{}",
                "{" + json(HOSTILE_KEY) + ":\"v\",\"country\":" + json(ESCAPES) + "}"};
            for (int i = 0; i < rows.length; i++) {
                insert.setInt(1, i + 1);
                insert.setString(2, rows[i]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder();
        io.github.vectororm.core.internal.JsonText.string(out, s);
        return out.toString();
    }

    @Test
    void comparisons(TestDatabase db) throws SQLException {
        assertThat(ids(db, eq("country", "BG"))).containsExactly(1, 3);
        assertThat(ids(db, ne("country", "BG"))).as("an absent key is not unequal").containsExactly(2, 4, 6);
        assertThat(ids(db, gt("year", 2020))).as("the string \"2020\" does not compare with a number").containsExactly(2, 3);
        assertThat(ids(db, gte("year", 2020L))).containsExactly(1, 2, 3);
        assertThat(ids(db, lt("year", 2021))).containsExactly(1);
        assertThat(ids(db, lte("year", new BigDecimal("2021.0")))).containsExactly(1, 2);
        assertThat(ids(db, eq("year", "2020"))).containsExactly(4);
        assertThat(ids(db, eq("rating", 4.5))).containsExactly(1);
        assertThat(ids(db, eq("rating", 3.0f))).as("3.0 equals the stored 3").containsExactly(3);
        assertThat(ids(db, gt("rating", 0.1f))).containsExactly(1, 3);
        assertThat(ids(db, eq("active", true))).containsExactly(1);
        assertThat(ids(db, eq("active", false))).containsExactly(2);
        assertThat(ids(db, eq("tags", "b"))).as("an array member matches when an element does").containsExactly(1);
        assertThat(ids(db, gt("country", "C"))).as("strings order").containsExactly(2, 4, 6);
    }

    @Test
    void valuesAndKeysThatWouldBreakInlining(TestDatabase db) throws SQLException {
        assertThat(ids(db, eq("country", HOSTILE))).containsExactly(4);
        assertThat(ids(db, eq("country", ESCAPES))).containsExactly(6);
        assertThat(ids(db, eq(HOSTILE_KEY, "v"))).containsExactly(6);
        assertThat(ids(db, in("country", List.of(HOSTILE, ESCAPES)))).containsExactly(4, 6);
        Filter sql = MetadataFilterSql.toSql(eq("country", HOSTILE), "metadata");
        assertThat(sql.sql()).isEqualTo("jsonb_path_match(metadata, ?::jsonpath, ?::jsonb, true)");
        assertThat(sql.parameters()).hasSize(2);
        assertThat((String) sql.parameters().get(0)).doesNotContain("drop");
    }

    @Test
    void membershipAndNulls(TestDatabase db) throws SQLException {
        assertThat(ids(db, in("country", List.of("BG", "NL")))).containsExactly(1, 2, 3);
        assertThat(ids(db, in("year", List.of(2021, "2020")))).containsExactly(2, 4);
        assertThat(ids(db, nin("country", List.of("BG", "NL")))).as("an absent key is in no list").containsExactly(4, 5, 6);
        assertThat(ids(db, isNull("rating"))).containsExactly(2, 4, 5, 6);
        assertThat(ids(db, isNull("note"))).as("JSON null counts as null").containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(ids(db, isNotNull("rating"))).containsExactly(1, 3);
        assertThat(ids(db, isNotNull("tags"))).containsExactly(1);
    }

    @Test
    void logic(TestDatabase db) throws SQLException {
        assertThat(ids(db, and(eq("country", "BG"), gte("year", 2021)))).containsExactly(3);
        assertThat(ids(db, or(eq("country", "NL"), lt("year", 2021)))).containsExactly(1, 2);
        assertThat(ids(db, not(eq("country", "BG")))).containsExactly(2, 4, 5, 6);
        assertThat(ids(db, not(gt("year", 2020)))).as("undecidable (string year) stays unmatched under not")
                .containsExactly(1, 5, 6);
        assertThat(ids(db, and(or(eq("country", "BG"), eq("country", "NL")), not(isNull("active")))))
                .containsExactly(1, 2);
        assertThat(MetadataFilterSql.toJsonPath(and(eq("a", 1), not(in("b", List.of(2, 3))))).path())
                .isEqualTo("($.\"a\" == $v0 && !($.\"b\" == $v1[*]))");
    }

    @Test
    void containsStringCombinesInSql(TestDatabase db) throws SQLException {
        assertThat(ids(db, containsString("country", "quoted\""))).containsExactly(4);
        assertThat(ids(db, containsString("country", "%_"))).as("no LIKE wildcards").containsExactly(4);
        assertThat(ids(db, containsString("year", "20"))).as("only string values").containsExactly(4);
        assertThat(ids(db, and(containsString("country", "G"), gt("year", 2020)))).containsExactly(3);
        assertThat(ids(db, not(containsString("country", "B")))).containsExactly(2, 4, 5, 6);
        assertThat(ids(db, or(containsString("country", "N"), isNotNull("rating")))).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> MetadataFilterSql.toJsonPath(containsString("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesValuesJsonbCannotHold() {
        assertThatThrownBy(() -> eq("a", null)).hasMessageContaining("isNull");
        assertThatThrownBy(() -> eq("a", Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> gt("a", Float.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> eq("a", new Date())).hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> eq("a", "x\0y")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> eq("a\0", "x")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> in("a", List.of())).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> in("a", java.util.Arrays.asList("x", null))).hasMessageContaining("isNull");
        assertThatThrownBy(() -> eq("", "x")).hasMessageContaining("key is missing");
        assertThatThrownBy(() -> MetadataFilterSql.toSql(eq("a", 1), "meta data")).hasMessageContaining("meta data");
    }

    @Test
    void theServerRefusesNulLikeTheFilterDoes(TestDatabase db) {
        // the rule eq("a", "x\0y") follows: jsonb has no NUL
        assertThatThrownBy(() -> db.execute("select '{\"a\":\"x\\u0000y\"}'::jsonb")).isInstanceOf(SQLException.class)
                .hasMessageContaining("\\u0000");
    }

    private static List<Integer> ids(TestDatabase db, MetadataFilter filter) throws SQLException {
        Filter sql = MetadataFilterSql.toSql(filter, "metadata");
        try (Connection c = db.connect();
                PreparedStatement statement = c.prepareStatement("select id from meta where " + sql.sql() + " order by id")) {
            for (int i = 0; i < sql.parameters().size(); i++) {
                statement.setObject(i + 1, sql.parameters().get(i));
            }
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        }
    }
}
