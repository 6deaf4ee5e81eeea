package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.examples.search.HibernateSemanticSearch;
import io.github.vectororm.examples.search.JdbcSemanticSearch;
import io.github.vectororm.examples.search.JooqSemanticSearch;
import io.github.vectororm.examples.search.SemanticSearch;
import io.github.vectororm.examples.search.SpringSemanticSearch;
import io.github.vectororm.examples.search.SearchHit;
import io.github.vectororm.examples.search.SemanticSearchExample;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class SemanticSearchExampleTest {

    private static final List<String> QUESTIONS = List.of("read a text file line by line",
            "send an HTTP request and read the response", "compress data in ZIP format",
            "connect to a relational database and run SQL queries");

    private static ExampleDatabase database;
    private static Map<String, List<SearchHit>> answers;
    private static String output;

    @BeforeAll
    static void runTheExampleOnFivePackages(TestDatabase db) throws SQLException {
        database = new ExampleDatabase(db.jdbcUrl());
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();
        answers = SemanticSearchExample.run(database,
                ExampleTestSupport.documentsOf("java.io", "java.net.http", "java.util.zip", "java.sql", "java.time"),
                ExampleTestSupport.EMBEDDER, QUESTIONS, out.stream());
        output = out.text();
    }

    @Test
    void questionsFindTheClassesThatAnswerThem() {
        assertThat(answers.keySet()).containsExactlyElementsOf(QUESTIONS);
        assertThat(top("read a text file line by line")).startsWith("java.io.");
        assertThat(top("send an HTTP request and read the response")).startsWith("java.net.http.Http");
        assertThat(top("compress data in ZIP format")).startsWith("java.util.zip.");
        assertThat(top("connect to a relational database and run SQL queries")).isEqualTo("java.sql.Connection");
        for (List<SearchHit> hits : answers.values()) {
            assertThat(hits).hasSize(5).extracting(SearchHit::distance).isSorted().allMatch(d -> d >= 0 && d <= 2);
        }
    }

    @Test
    void hibernateJooqAndSpringDataGiveTheSameAnswersAsJdbc() throws Exception {
        try (HibernateSemanticSearch hibernate = new HibernateSemanticSearch(database);
                SpringSemanticSearch spring = new SpringSemanticSearch(database)) {
            JooqSemanticSearch jooq = new JooqSemanticSearch(database);
            JdbcSemanticSearch jdbc = new JdbcSemanticSearch(database, SearchSettings.none());
            for (String question : QUESTIONS) {
                float[] query = ExampleTestSupport.EMBEDDER.embed(question);
                List<SearchHit> expected = jdbc.nearest(query, 5);
                for (SemanticSearch search : List.<SemanticSearch>of(hibernate, jooq, spring)) {
                    List<SearchHit> hits = search.nearest(query, 5);
                    assertThat(hits).as(search.getClass().getSimpleName() + ": " + question)
                            .extracting(SearchHit::id).containsExactlyElementsOf(expected.stream().map(SearchHit::id).toList());
                    assertThat(hits).extracting(SearchHit::qualifiedName)
                            .containsExactlyElementsOf(expected.stream().map(SearchHit::qualifiedName).toList());
                    for (int i = 0; i < hits.size(); i++) {
                        assertThat(hits.get(i).distance()).isCloseTo(expected.get(i).distance(),
                                org.assertj.core.api.Assertions.within(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void printsProgressAndTheAnswers() {
        assertThat(output).contains("embedded ", "copied ", "built documents_embedding_hnsw_cosine_idx",
                "\"compress data in ZIP format\"", top("compress data in ZIP format"));
    }

    @Test
    void theIndexAnswersLikeExactSearchOnASmallTable() throws SQLException {
        float[] query = ExampleTestSupport.EMBEDDER.embed("a thread pool that runs tasks");
        try (Connection connection = database.connect()) {
            List<SearchHit> indexed = JdbcSemanticSearch.nearest(connection,
                    SearchSettings.builder().hnswEfSearch(100).build(), true, query, 10);
            List<SearchHit> exact = JdbcSemanticSearch.nearest(connection,
                    SearchSettings.builder().exact(true).build(), false, query, 10);
            assertThat(indexed).extracting(SearchHit::id).containsExactlyElementsOf(exact.stream().map(SearchHit::id).toList());
        }
    }

    private static String top(String question) {
        return answers.get(question).getFirst().qualifiedName();
    }
}
