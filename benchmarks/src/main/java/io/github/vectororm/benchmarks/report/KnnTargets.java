package io.github.vectororm.benchmarks.report;

import io.github.vectororm.benchmarks.harness.Suite;
import java.util.List;

/**
 * The targets of issue #16 ("k-NN at the round-trip floor"), as ratios to raw JDBC in the same run: ids paths at
 * least 0.95x the raw ids query; entity paths at least 0.90x the raw whole-row query on 50k x 768-d and 0.75x on
 * 20k x 64-d; the same with per-query settings against raw JDBC sending {@code set_config} in the same statement;
 * a batch of 100 probes at least 1.3x the throughput of 100 single raw queries.
 *
 * @since 0.1.0
 */
final class KnnTargets {

    private static final String SESSION = "a session per query, HQL translation (cached) and Hibernate's result handling"
            + " around the same SQL";
    private static final String JOOQ = "jOOQ renders the SQL on every query and returns the distance beside each id";
    private static final String HIBERNATE_ENTITIES = "a session per query and ten managed entities (persistence-context"
            + " entries and snapshots) around the same columns";
    private static final String SPRING_ENTITIES = "a read-only transaction (BEGIN/COMMIT round trips) around the query"
            + " and ten managed entities built from the same columns";

    /** The targets, in the order the report lists them. */
    static final List<Target> TARGETS = List.of(
            ids(Suite.KNN, "50k x 768-d", "HibernateKnnBenchmark.hqlIds", "Hibernate HQL ids", "JdbcKnnBenchmark", SESSION),
            ids(Suite.KNN, "50k x 768-d", "JooqKnnBenchmark.nearestNeighbors", "jOOQ `NearestNeighbors`",
                    "JdbcKnnBenchmark", JOOQ),
            entities(Suite.KNN, "50k x 768-d", 0.90, "HibernateKnnBenchmark.vectorSearchEntities",
                    "Hibernate `VectorSearch`", "JdbcKnnBenchmark", HIBERNATE_ENTITIES),
            entities(Suite.KNN, "50k x 768-d", 0.90, "SpringDataKnnBenchmark.findNearest", "Spring Data `findNearest`",
                    "JdbcKnnBenchmark", SPRING_ENTITIES),
            ids(Suite.KNN_SMALL, "20k x 64-d", "SmallHibernateKnnBenchmark.hqlIds", "Hibernate HQL ids",
                    "SmallJdbcKnnBenchmark", SESSION),
            ids(Suite.KNN_SMALL, "20k x 64-d", "SmallJooqKnnBenchmark.nearestNeighbors", "jOOQ `NearestNeighbors`",
                    "SmallJdbcKnnBenchmark", JOOQ),
            entities(Suite.KNN_SMALL, "20k x 64-d", 0.75, "SmallHibernateKnnBenchmark.vectorSearchEntities",
                    "Hibernate `VectorSearch`", "SmallJdbcKnnBenchmark", HIBERNATE_ENTITIES),
            entities(Suite.KNN_SMALL, "20k x 64-d", 0.75, "SmallSpringDataKnnBenchmark.findNearest",
                    "Spring Data `findNearest`", "SmallJdbcKnnBenchmark", SPRING_ENTITIES),
            new Target("#16 with settings, ids >= 0.95x raw with settings: vector-core `SettingsPipeline` vs raw"
                    + " `set_config` + query in one statement (100 queries)", Suite.KNN_PROBES,
                    "JdbcProbesBenchmark.settingsPipelineIds", "JdbcProbesBenchmark.rawSingleIdsWithSettings", 0.95,
                    "the pipeline renders the `set_config` part and binds the setting's name beside its value"),
            new Target("#16 with settings, ids >= 0.95x raw with settings: jOOQ `NearestNeighbors.settings(...)` vs raw"
                    + " `set_config` + query in one statement (100 queries)", Suite.KNN_PROBES,
                    "JooqProbesBenchmark.nearestNeighborsWithSettings", "JdbcProbesBenchmark.rawSingleIdsWithSettings",
                    0.95, JOOQ + ", plus the settings part"),
            new Target("#16 with settings, entities >= 0.90x raw whole rows with settings: Hibernate"
                    + " `VectorSearch.settings(...)` (100 queries)", Suite.KNN_PROBES,
                    "HibernateProbesBenchmark.vectorSearchWithSettings",
                    "JdbcProbesBenchmark.rawSingleWholeRowsWithSettings", 0.90,
                    HIBERNATE_ENTITIES + "; the settings go in a transaction of their own, `SET LOCAL` before the query"
                            + " (3 round trips per query, counted below, against 1)"),
            new Target("#16 with settings, entities >= 0.90x raw whole rows with settings: Spring Data `findNearest` with"
                    + " `vectororm.search.ef-search` (100 queries)", Suite.KNN_PROBES,
                    "SpringDataProbesBenchmark.findNearestWithSettings",
                    "JdbcProbesBenchmark.rawSingleWholeRowsWithSettings", 0.90,
                    SPRING_ENTITIES + "; the setting is applied with `SET LOCAL` in that transaction (3 round trips"
                            + " per query, counted below, against 1)"),
            batch("vector-core `BatchSearch` (ids + distance)", "JdbcProbesBenchmark.batchSearch",
                    "JdbcProbesBenchmark.rawSingleIds", "100 single raw ids queries"),
            batch("jOOQ `BatchNeighbors` (ids + distance)", "JooqProbesBenchmark.batchNeighbors",
                    "JdbcProbesBenchmark.rawSingleIds", "100 single raw ids queries"),
            batch("Hibernate `VectorQueries.batch` (entities)", "HibernateProbesBenchmark.batch",
                    "JdbcProbesBenchmark.rawSingleWholeRows", "100 single raw whole-row queries"),
            batch("Spring Data `findNearestBatch` (entities)", "SpringDataProbesBenchmark.findNearestBatch",
                    "JdbcProbesBenchmark.rawSingleWholeRows", "100 single raw whole-row queries"));

    private KnnTargets() {
    }

    private static Target ids(Suite suite, String shape, String subject, String path, String jdbcClass, String cost) {
        return new Target("#16 ids >= 0.95x raw JDBC ids (" + shape + "): " + path, suite, subject,
                jdbcClass + ".rawBinaryParameter", 0.95, cost);
    }

    private static Target entities(Suite suite, String shape, double minimum, String subject, String path,
            String jdbcClass, String cost) {
        return new Target("#16 entities >= " + minimum + "x raw JDBC whole rows (" + shape + "): " + path, suite, subject,
                jdbcClass + ".rawWholeRows", minimum, cost);
    }

    private static Target batch(String path, String subject, String reference, String referenceLabel) {
        return new Target("#16 batch of 100 >= 1.3x " + referenceLabel + ": " + path, Suite.KNN_PROBES, subject, reference,
                1.3, "the probes travel as the text of one `vector[]` (formatted and parsed per element), and the"
                        + " server runs 100 index scans in one statement, so only the round trips are saved");
    }
}
