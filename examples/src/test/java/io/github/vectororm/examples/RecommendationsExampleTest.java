package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.examples.recommend.RecommendationsExample;
import io.github.vectororm.examples.search.SearchHit;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class RecommendationsExampleTest {

    @Test
    void recommendsSimilarClassesButNeverTheItemItself(TestDatabase db) throws SQLException {
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();
        List<String> items = List.of("java.util.ArrayList", "java.time.LocalDate", "java.sql.Connection", "javax.swing.JButton");

        Map<String, List<SearchHit>> recommendations = RecommendationsExample.run(new ExampleDatabase(db.jdbcUrl()),
                ExampleTestSupport.documentsOf("java.util", "java.time", "java.sql", "javax.sql"), ExampleTestSupport.EMBEDDER,
                items, out.stream());
        String printed = out.text();

        assertThat(recommendations.keySet()).as("JButton is not among the loaded packages")
                .containsExactly("java.util.ArrayList", "java.time.LocalDate", "java.sql.Connection");
        recommendations.forEach((item, hits) -> assertThat(hits).hasSize(5)
                .extracting(SearchHit::qualifiedName).doesNotContain(item));
        assertThat(recommendations.get("java.time.LocalDate").getFirst().qualifiedName()).isEqualTo("java.time.LocalDateTime");
        assertThat(recommendations.get("java.util.ArrayList")).extracting(SearchHit::qualifiedName).allMatch(n -> n.startsWith("java.util."));
        assertThat(recommendations.get("java.sql.Connection")).extracting(SearchHit::qualifiedName)
                .allMatch(n -> n.startsWith("java.sql.") || n.startsWith("javax.sql."));
        assertThat(printed).contains("More like java.util.ArrayList:", "javax.swing.JButton: not among the loaded documents");
    }
}
