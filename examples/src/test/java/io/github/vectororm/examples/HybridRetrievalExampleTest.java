package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.examples.rag.HybridRetrievalExample;
import io.github.vectororm.examples.rag.HybridRetrievalExample.Passage;
import io.github.vectororm.examples.rag.HybridRetrievalExample.Question;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class HybridRetrievalExampleTest {

    @Test
    void retrievalFusesBothRankingsAndHonoursTheFilter(TestDatabase db) throws SQLException {
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();
        Map<Question, List<Passage>> answers = HybridRetrievalExample.run(new ExampleDatabase(db.jdbcUrl()),
                ExampleTestSupport.documentsOf("java.io", "java.net.http", "java.util.zip", "java.sql", "java.time"),
                ExampleTestSupport.EMBEDDER, HybridRetrievalExample.QUESTIONS, "java.sql", out.stream());
        List<Passage> http = answers.get(HybridRetrievalExample.QUESTIONS.get(0));
        assertThat(http.get(0).qualifiedName()).startsWith("java.net.http.Http");
        assertThat(http.get(0).vectorRank()).as("found by meaning").isNotNull();
        assertThat(http.get(0).textRank()).as("and by its keywords").isNotNull();
        assertThat(answers.get(HybridRetrievalExample.QUESTIONS.get(2)).get(0).qualifiedName()).startsWith("java.util.zip.");
        for (List<Passage> passages : answers.values()) {
            assertThat(passages).hasSize(5).noneMatch(p -> p.qualifiedName().startsWith("java.sql."))
                    .extracting(Passage::fusedScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
        assertThat(out.text()).contains("built documents_text_gin", "fused   vector  text");
    }
}
