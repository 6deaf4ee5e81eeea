package io.github.vectororm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.examples.anomaly.AnomalyDetectionExample;
import io.github.vectororm.examples.anomaly.CentroidOutliers.Outlier;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PgVectorDatabase
class AnomalyDetectionExampleTest {

    @Test
    void thePlantedOutlierIsTheFarthestFromItsPackagesAverage(TestDatabase db) throws SQLException {
        ExampleTestSupport.CapturedOutput out = new ExampleTestSupport.CapturedOutput();
        List<String> packages = List.of("java.time", "java.util.zip", "java.sql");

        Map<String, List<Outlier>> outliers = AnomalyDetectionExample.run(new ExampleDatabase(db.jdbcUrl()),
                ExampleTestSupport.documentsOf(packages.toArray(String[]::new)), ExampleTestSupport.EMBEDDER, packages,
                out.stream());
        String printed = out.text();

        assertThat(outliers.keySet()).containsExactlyElementsOf(packages);
        assertThat(outliers.get("java.time").getFirst().qualifiedName()).isEqualTo("java.time." + AnomalyDetectionExample.PLANTED_TYPE);
        assertThat(outliers.get("java.time").get(1).distance()).as("the planted outlier stands out clearly")
                .isLessThan(outliers.get("java.time").getFirst().distance() - 0.05);
        for (String other : packages.subList(1, packages.size())) {
            assertThat(outliers.get(other)).hasSize(3).extracting(Outlier::qualifiedName)
                    .allMatch(n -> n.startsWith(other + ".") && !n.endsWith(AnomalyDetectionExample.PLANTED_TYPE));
        }
        outliers.values().forEach(list -> assertThat(list).isSortedAccordingTo(
                Comparator.comparingDouble(Outlier::distance).reversed()));
        assertThat(printed).contains("java.time (", "farthest from avg(embedding)");
    }
}
