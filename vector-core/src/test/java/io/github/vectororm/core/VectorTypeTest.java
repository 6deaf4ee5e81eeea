package io.github.vectororm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The one dimension rule of every adapter refuses exactly what a typed column refuses on the server. */
@PgVectorDatabase
class VectorTypeTest {

    @Test
    void requireDimensionsRefusesWhatATypedColumnRefuses(TestDatabase db) throws SQLException {
        record Case(VectorType type, String column, String matching, String shorter, String longer) {
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Case k : new Case[] {
                    new Case(VectorType.VECTOR, "vector(3)", "[1,2,3]", "[1,2]", "[1,2,3,4]"),
                    new Case(VectorType.HALFVEC, "halfvec(3)", "[1,2,3]", "[1,2]", "[1,2,3,4]"),
                    new Case(VectorType.SPARSEVEC, "sparsevec(3)", "{1:1}/3", "{1:1}/2", "{1:1}/4"),
                    new Case(VectorType.BIT, "bit(3)", "101", "10", "1011")}) {
                s.execute("create temporary table dims (v " + k.column() + ")");
                try (PreparedStatement insert = c.prepareStatement("insert into dims values (?::"
                        + (k.type() == VectorType.BIT ? "varbit" : k.type().sqlName()) + ")")) {
                    insert.setString(1, k.matching());
                    insert.executeUpdate();
                    assertThatCode(() -> k.type().requireDimensions("value", 3, "column dims.v", 3)).doesNotThrowAnyException();
                    for (String wrong : new String[] {k.shorter(), k.longer()}) {
                        insert.setString(1, wrong);
                        assertThatThrownBy(insert::executeUpdate).as("%s %s", k.column(), wrong).isInstanceOf(SQLException.class);
                        int actual = k.type() == VectorType.SPARSEVEC ? Integer.parseInt(wrong.substring(wrong.indexOf('/') + 1))
                                : k.type() == VectorType.BIT ? wrong.length() : wrong.split(",").length;
                        assertThatThrownBy(() -> k.type().requireDimensions("value", actual, "column dims.v", 3))
                                .isInstanceOf(VectorValidationException.class)
                                .hasMessage("value has " + actual + (k.type() == VectorType.BIT ? " bits" : " dimensions")
                                        + ", column dims.v is " + k.column());
                    }
                }
                s.execute("drop table dims");
            }
        }
        assertThat(VectorType.VECTOR.columnDefinition(3)).isEqualTo("vector(3)");
    }

    /** pg_cast is the source of truth for castSources(): a cast listed there, and only that, is one vector-core allows. */
    @Test
    void castSourcesAreTheCatalogsCasts(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select exists (select 1 from pg_cast"
                + " where castsource = to_regtype(?) and casttarget = to_regtype(?))")) {
            for (VectorType source : VectorType.values()) {
                for (VectorType target : VectorType.values()) {
                    s.setString(1, source.sqlName());
                    s.setString(2, target.sqlName());
                    try (java.sql.ResultSet rs = s.executeQuery()) {
                        rs.next();
                        assertThat(target.castSources().contains(source)).as("%s -> %s", source, target).isEqualTo(rs.getBoolean(1));
                    }
                }
            }
        }
        assertThatThrownBy(() -> VectorType.HALFVEC.requireCastsFrom(VectorType.BIT, "flags"))
                .isInstanceOf(VectorValidationException.class)
                .hasMessage("cannot cast flags (bit) to halfvec; halfvec casts from vector, halfvec, sparsevec");
        assertThat(VectorType.HALFVEC.castFeatures(VectorType.VECTOR)).containsExactly(PgVectorFeature.HALFVEC);
        assertThat(VectorType.VECTOR.castFeatures(VectorType.SPARSEVEC)).containsExactly(PgVectorFeature.SPARSEVEC);
        assertThat(VectorType.BIT.castFeatures(VectorType.BIT)).as("bit is PostgreSQL's").isEmpty();
        assertThat(VectorType.VECTOR.castFeatures(VectorType.VECTOR)).isEmpty();
    }
}
