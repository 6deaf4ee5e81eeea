package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.quantized.QuantizedSearchExample;
import io.github.vectororm.examples.quantized.QuantizedSearchExample.Report;
import io.github.vectororm.examples.rag.LabelledQuery;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quantized example on 400 documents. On a table this small the planner would prefer a sequential scan to the
 * cosine HNSW index; the advisor keeps sequential scans off for its approximate runs, so its figures are the
 * index's. The two-stage search runs with sequential scans off, through the bit index.
 */
@PgVectorDatabase
class QuantizedSearchExampleTest {

    @Test
    void buildsWithProgressAndReranksAQuantizedShortlist(TestDatabase db) throws SQLException {
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();
        List<String> queries = LabelledQuery.load().stream().map(LabelledQuery::text).toList();
        Report report = QuantizedSearchExample.run(new ExampleDatabase(db.jdbcUrl()), JavadocCorpus.sample(400),
                ExampleTestSupport.EMBEDDER, queries, out.stream());
        String text = out.text();

        assertThat(report.builds()).extracting(r -> r.name())
                .containsExactly(CorpusTable.COSINE_INDEX.name(), QuantizedSearchExample.BIT_INDEX.name());
        assertThat(report.builds()).allMatch(r -> r.sizeBytes() > 0);
        // a build over 400 rows may finish between two polls of pg_stat_progress_create_index, so which phases show
        // is timing; that each build ends at done is not (IndexBuilderTest watches the phases of a long build)
        assertThat(report.progressLines()).as("IndexBuilder reports server phases, and each build ends at done")
                .allMatch(line -> line.matches("[a-z][a-z :-]* \\d+%"))
                .filteredOn(line -> line.equals("done 100%")).hasSize(report.builds().size());

        assertThat(report.twoStagePlan()).contains(QuantizedSearchExample.BIT_INDEX.name());
        assertThat(report.twoStageRecall()).containsOnlyKeys(QuantizedSearchExample.SHORTLISTS);
        double shortest = report.twoStageRecall().get(QuantizedSearchExample.SHORTLISTS.getFirst());
        double longest = report.twoStageRecall().get(QuantizedSearchExample.SHORTLISTS.getLast());
        // a shortlist of 100 of 400 rows re-ranked exactly misses few of the true top 10; one of 10 only re-orders them
        assertThat(longest).isGreaterThan(shortest).isGreaterThanOrEqualTo(0.9);

        assertThat(report.advisor().rows()).hasSize(QuantizedSearchExample.EF_SEARCH.length)
                .allMatch(row -> row.recall() >= 0 && row.recall() <= 1);
        assertThat(report.advisor().rows().getLast().recall()).as("recall at the largest ef_search against the smallest")
                .isGreaterThanOrEqualTo(report.advisor().rows().getFirst().recall());
        assertThat(report.advisor().queries()).isEqualTo(queries.size());
        assertThat(text).contains("IndexBuilder: CREATE INDEX", "shortlist  recall@10", "[measure] quantized");
    }
}
