package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.examples.animals.AnimalsWalkthrough;
import io.github.vectororm.examples.animals.AnimalsWalkthrough.Neighbor;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class AnimalsWalkthroughTest {

    @Test
    void nearestToSharkAreSeaAnimalsByEveryMetricWithAndWithoutTheIndex(TestDatabase db) throws SQLException {
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();

        AnimalsWalkthrough.Result result = AnimalsWalkthrough.run(new ExampleDatabase(db.jdbcUrl()), ExampleTestSupport.EMBEDDER,
                out.stream());
        String printed = out.text();

        assertThat(result.version().isAtLeast(new PgVectorVersion(0, 5, 0))).isTrue();
        List<String> byCosine = names(result.exact().get(Metric.COSINE));
        for (Metric metric : AnimalsWalkthrough.METRICS) {
            List<Neighbor> neighbors = result.exact().get(metric);
            assertThat(neighbors).hasSize(5);
            assertThat(names(neighbors)).doesNotContain("shark")
                    .as("unit vectors: %s ranks like cosine", metric).isEqualTo(byCosine);
            assertThat(neighbors.stream().filter(Neighbor::marine).count()).as("sea animals among %s", names(neighbors))
                    .isGreaterThanOrEqualTo(4);
            assertThat(neighbors).extracting(Neighbor::distance).isSorted();
        }
        assertThat(result.exactPlan()).contains("Seq Scan").doesNotContain("Index Scan");
        assertThat(result.indexPlan()).contains("Index Scan using animals_embedding_hnsw_cosine_idx");
        assertThat(names(result.approximate())).doesNotContain("shark").hasSize(5);
        assertThat(names(result.approximate()).stream().filter(byCosine::contains).count()).isGreaterThanOrEqualTo(4);
        assertThat(printed).contains("pgvector " + result.version() + " is installed", "Nearest to \"shark\"",
                "L2 <->", "INNER_PRODUCT <#>", "COSINE <=>", "HNSW: Index Scan", "1. " + byCosine.getFirst());
    }

    private static List<String> names(List<Neighbor> neighbors) {
        return neighbors.stream().map(Neighbor::name).toList();
    }
}
