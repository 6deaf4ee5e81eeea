package io.github.vectororm.test.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table itself: each row's statement, run verbatim, gives the server's expected text; every call is covered. */
@PgVectorDatabase
class PgVectorCasesOracleTest {

    @Test
    void everyStatementGivesTheExpectedAnswerOnTheServer(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("select extversion from pg_extension where extname = 'vector'")) {
                assertThat(rs.next()).as("pgvector installed").isTrue();
                assertThat(rs.getString(1)).as("the expectations are pgvector 0.8.0's").isEqualTo("0.8.0");
            }
            Differential.Report report = Differential.oracle(connection);
            report.assertAgrees(PgVectorCases.ALL.size());
        }
    }

    @Test
    void everyCallAndEveryTypeHasCasesWithValuesAndErrors() {
        Set<Call> calls = PgVectorCases.ALL.stream().map(PgVectorCase::call).collect(Collectors.toCollection(() -> EnumSet.noneOf(Call.class)));
        assertThat(calls).containsExactlyInAnyOrder(Call.values());
        for (PgVectorCase.Result result : PgVectorCase.Result.values()) {
            assertThat(PgVectorCases.ALL).as(result.name()).anyMatch(c -> c.result() == result && !c.expected().error());
        }
        assertThat(PgVectorCases.ALL).filteredOn(c -> c.expected().error()).hasSizeGreaterThan(100);
    }

    @Test
    void canonicalFormsAreExact() {
        assertThat(Values.ofText(PgVectorCase.Result.VECTOR, "[-0,1]", false)).isEqualTo("[-0.0,1.0]");
        assertThat(Values.ofValue(PgVectorCase.Result.VECTOR, new float[] {0f, 1f}, false)).isEqualTo("[0.0,1.0]");
        assertThat(Values.ofText(PgVectorCase.Result.SPARSEVEC, "{}/2", false)).isEqualTo("{}/2");
        assertThat(Values.ofValue(PgVectorCase.Result.SPARSEVEC, new float[] {0f, 0.5f}, false)).isEqualTo("{2:0.5}/2");
        assertThat(Values.ofText(PgVectorCase.Result.DOUBLE, "NaN", false)).isEqualTo("NaN");
        assertThat(Values.ofText(PgVectorCase.Result.BIT, "", false)).isEmpty();
    }
}
