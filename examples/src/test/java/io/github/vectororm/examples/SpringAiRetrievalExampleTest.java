package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.examples.rag.HybridRetrievalExample;
import io.github.vectororm.examples.rag.SpringAiRetrievalExample;
import io.github.vectororm.examples.rag.SpringAiRetrievalExample.Passage;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class SpringAiRetrievalExampleTest {

    @Test
    void springAisVectorStoreApiRetrievesByMeaningAndHonoursTheFilter(TestDatabase db) {
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();
        Map<HybridRetrievalExample.Question, List<Passage>> answers = SpringAiRetrievalExample.run(
                new ExampleDatabase(db.jdbcUrl()),
                ExampleTestSupport.documentsOf("java.io", "java.net.http", "java.util.zip", "java.sql", "java.time"),
                ExampleTestSupport.EMBEDDER, HybridRetrievalExample.QUESTIONS, "java.sql", out.stream());
        assertThat(answers.get(HybridRetrievalExample.QUESTIONS.get(0)).get(0).qualifiedName())
                .startsWith("java.net.http.");
        assertThat(answers.get(HybridRetrievalExample.QUESTIONS.get(2)).get(0).qualifiedName()).startsWith("java.util.zip.");
        for (List<Passage> passages : answers.values()) {
            assertThat(passages).hasSize(5).noneMatch(p -> p.qualifiedName().startsWith("java.sql."))
                    .extracting(Passage::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
        assertThat(out.text()).contains("added", "spring_ai_passages");
    }
}
