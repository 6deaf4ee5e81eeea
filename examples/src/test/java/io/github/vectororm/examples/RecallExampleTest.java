package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.recall.RecallExample;
import io.github.vectororm.examples.recall.RecallExample.Measurement;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class RecallExampleTest {

    @Test
    void recallRisesWithEfSearchAndExactSearchIsExact(TestDatabase db) throws SQLException {
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();

        List<Measurement> measurements = RecallExample.run(new ExampleDatabase(db.jdbcUrl()), JavadocCorpus.sample(400),
                ExampleTestSupport.EMBEDDER, List.of(5, 10, 40, 200), out.stream());
        String printed = out.text();

        assertThat(measurements).extracting(Measurement::setting)
                .containsExactly("ef_search=5", "ef_search=10", "ef_search=40", "ef_search=200", "exact (no index)");
        List<Double> recalls = measurements.stream().map(Measurement::recall).toList();
        assertThat(recalls).as("recall never falls as ef_search grows").isSorted();
        assertThat(recalls.getFirst()).as("ef_search=5 returns at most 5 of the 10 rows").isLessThanOrEqualTo(0.5);
        assertThat(recalls.subList(1, recalls.size())).allMatch(r -> r > 0.8 && r <= 1.0);
        assertThat(measurements.getLast().recall()).as("exact search against the Java brute-force oracle").isEqualTo(1.0);
        assertThat(printed).contains("recall@10", "ef_search=40", "exact (no index)");
    }
}
