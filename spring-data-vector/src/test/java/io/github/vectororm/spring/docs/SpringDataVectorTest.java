package io.github.vectororm.spring.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.Metric;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.ReadmeSnippets;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Range;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;
import org.springframework.data.domain.VectorScoringFunctions;
import org.springframework.data.jpa.domain.PredicateSpecification;

/** A Spring Boot application against the test database: repositories return what raw SQL returns. */
@PgVectorDatabase
class SpringDataVectorTest {

    private static final int ROWS = 300;

    private static ConfigurableApplicationContext context;
    private static DocRepository docs;
    private static TestDatabase db;

    @BeforeAll
    static void start(TestDatabase database) {
        db = database;
        context = new SpringApplicationBuilder(DocsApplication.class).properties(
                // counted on the socket (RoundTrips), which changes nothing else
                "spring.datasource.url=" + db.jdbcUrl(io.github.vectororm.test.RoundTrips.PROPERTY,
                        io.github.vectororm.test.RoundTrips.FACTORY),
                "spring.jpa.hibernate.ddl-auto=create-drop",
                "spring.jpa.properties.hibernate.default_schema=" + db.schema(),
                "spring.jpa.properties.hibernate.session_factory.statement_inspector=" + SqlRecorder.class.getName(),
                "vectororm.search.ef-search=60")
                .run();
        docs = context.getBean(DocRepository.class);
        Random random = new Random(3);
        List<Doc> rows = new ArrayList<>();
        for (long id = 1; id <= ROWS; id++) {
            rows.add(new Doc(id, (int) (id % 10), TestVectors.gaussian(random, 8)));
        }
        assertThat(docs.copyAll(rows)).isEqualTo(ROWS);
    }

    @AfterAll
    static void stop() {
        context.close();
    }


    @Test
    void startupCreatedTheDeclaredIndexesAndCopyAllLoadedTheRows() throws SQLException {
        assertThat(docs.count()).isEqualTo(ROWS);
        assertThat(strings("select indexname from pg_indexes where schemaname = '" + db.schema() + "' and tablename = 'docs'"
                + " order by 1")).contains("docs_embedding_hnsw_cosine_idx", "docs_embedding_hnsw_l2_idx");
    }

    @Test
    void derivedNearQueriesEqualRawSqlForEachScoringFunctionWithTheBareOperator() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(7), 8);
        record Case(ScoringFunction function, String operator) {
        }
        for (Case c : List.of(new Case(VectorScoringFunctions.COSINE, "<=>"), new Case(VectorScoringFunctions.EUCLIDEAN, "<->"),
                new Case(VectorScoringFunctions.DOT_PRODUCT, "<#>"), new Case(VectorScoringFunctions.TAXICAB, "<+>"))) {
            SearchResults<Doc> results = docs.findByEmbeddingNear(Vector.of(probe), Score.of(1e6, c.function()), Limit.of(7));
            String sql = SqlRecorder.last();
            List<Row> raw = raw(c.operator(), probe, "true", 7);
            assertThat(results.getContent()).as(c.function().getName()).hasSize(7);
            assertThat(results.contentStream().map(Doc::getId)).as(c.function().getName())
                    .containsExactlyElementsOf(raw.stream().map(Row::id).toList());
            for (int i = 0; i < raw.size(); i++) {
                assertThat(results.getContent().get(i).getScore().getValue()).isCloseTo(raw.get(i).distance(), within(1e-5));
            }
            // vector-orm's functions render the bare operator (Hibernate's own renders taxicab as l1_distance(...))
            assertThat(sql).as(c.function().getName()).contains(c.operator()).doesNotContain("l1_distance(")
                    .doesNotContain("inner_product(");
        }
        SearchResults<Doc> filtered = docs.findByCategoryAndEmbeddingNear(3, Vector.of(probe),
                Score.of(2, ScoringFunction.cosine()), Limit.of(5));
        assertThat(filtered.contentStream().map(Doc::getId)).containsExactlyElementsOf(
                raw("<=>", probe, "category = 3", 5).stream().map(Row::id).toList());
    }

    @Test
    void fragmentSearchesEqualRawSqlForEveryDenseMetricWithAFilter() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(8), 8);
        PredicateSpecification<Doc> category3 = (doc, cb) -> cb.equal(doc.get("category"), 3);
        for (Metric metric : List.of(Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE, Metric.L1)) {
            List<Nearest<Doc>> hits = docs.findNearest("embedding", metric, probe, category3, Limit.of(5));
            List<Row> raw = raw(metric.operator(), probe, "category = 3", 5);
            assertThat(hits).extracting(h -> h.entity().getId()).as(metric.name())
                    .containsExactlyElementsOf(raw.stream().map(Row::id).toList());
            for (int i = 0; i < raw.size(); i++) {
                assertThat(hits.get(i).distance()).isCloseTo(raw.get(i).distance(), within(1e-6));
                assertThat(hits.get(i).entity().getCategory()).isEqualTo(3);
            }
        }
        List<Nearest<Doc>> unfiltered = docs.findNearest("embedding", Metric.L2, Vector.of(probe), Limit.of(4));
        assertThat(unfiltered).extracting(h -> h.entity().getId())
                .containsExactlyElementsOf(raw("<->", probe, "true", 4).stream().map(Row::id).toList());
    }

    @Test
    void pagesOfNeighborsFollowEachOtherAsInRawSql() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(21), 8);
        List<Row> raw = raw("<=>", probe, "category <> 1", 9);
        org.springframework.data.domain.Slice<Nearest<Doc>> first = docs.findNearest("embedding", Metric.COSINE, probe,
                (doc, cb) -> cb.notEqual(doc.get("category"), 1), org.springframework.data.domain.PageRequest.of(0, 4));
        org.springframework.data.domain.Slice<Nearest<Doc>> second = docs.findNearest("embedding", Metric.COSINE, probe,
                (doc, cb) -> cb.notEqual(doc.get("category"), 1), first.nextPageable());
        assertThat(first.hasNext()).isTrue();
        assertThat(first.getContent()).extracting(h -> h.entity().getId())
                .containsExactlyElementsOf(raw.subList(0, 4).stream().map(Row::id).toList());
        assertThat(second.getContent()).extracting(h -> h.entity().getId())
                .containsExactlyElementsOf(raw.subList(4, 8).stream().map(Row::id).toList());
        assertThatThrownBy(() -> docs.findNearest("embedding", Metric.COSINE, probe, PredicateSpecification.unrestricted(),
                org.springframework.data.domain.Pageable.unpaged())).hasMessageContaining("needs a page size");
    }

    @Test
    void aBatchGivesEachProbeWhatItsOwnSearchGives() {
        Random random = new Random(41);
        List<float[]> probes = List.of(TestVectors.gaussian(random, 8), TestVectors.gaussian(random, 8),
                TestVectors.gaussian(random, 8));
        List<List<Nearest<Doc>>> batch = docs.findNearestBatch("embedding", Metric.L2, probes,
                io.github.vectororm.core.search.Filter.of("category = ?", 4), Limit.of(5));
        assertThat(batch).hasSize(3);
        for (int i = 0; i < probes.size(); i++) {
            List<Nearest<Doc>> single = docs.findNearest("embedding", Metric.L2, probes.get(i),
                    (doc, cb) -> cb.equal(doc.get("category"), 4), Limit.of(5));
            assertThat(batch.get(i)).as("probe " + (i + 1)).hasSize(5)
                    .extracting(h -> h.entity().getId() + "=" + h.distance())
                    .containsExactlyElementsOf(single.stream().map(h -> h.entity().getId() + "=" + h.distance()).toList());
        }
        assertThatThrownBy(() -> docs.findNearestBatch("embedding", Metric.L2, probes, null, Limit.unlimited()))
                .hasMessageContaining("needs a limit");
    }

    /**
     * Round trips, counted on the socket: a fragment search runs in its read-only transaction (BEGIN READ ONLY travels
     * with the first statement), so the vectororm.search.* settings cost a set_config round trip and the transaction a
     * COMMIT beside the query's; a batch adds the entities' load. Raw JDBC with the settings in one statement: 1.
     */
    @Test
    void roundTripsOfTheFragmentsSearches() throws Exception {
        float[] probe = TestVectors.gaussian(new Random(51), 8);
        docs.findNearest("embedding", Metric.L2, probe, Limit.of(5)); // warm
        assertThat(io.github.vectororm.test.RoundTrips.during(() -> docs.findNearest("embedding", Metric.L2, probe,
                Limit.of(5)))).as("set_config, query, COMMIT").isEqualTo(3);
        docs.findNearestBatch("embedding", Metric.L2, List.of(probe, probe), null, Limit.of(5));
        assertThat(io.github.vectororm.test.RoundTrips.during(() -> docs.findNearestBatch("embedding", Metric.L2,
                List.of(probe, probe), null, Limit.of(5)))).as("set_config, batch, load, COMMIT").isEqualTo(4);
    }

    @Test
    void twoStageSearchWithAFullShortlistEqualsExactSearch() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(31), 8);
        io.github.vectororm.core.search.TwoStageSearch search = io.github.vectororm.core.search.TwoStageSearch
                .on("docs", "id", "embedding", io.github.vectororm.core.VectorType.VECTOR, 8)
                .shortlist(io.github.vectororm.core.IndexedExpression.binaryQuantize("embedding", 8), Metric.HAMMING, ROWS)
                .rerank(Metric.L2).build();
        List<Nearest<Doc>> hits = docs.findNearestTwoStage(search, probe, 5,
                io.github.vectororm.core.search.Filter.of("category = ?", 4));
        // exact: ordering by distance + 0 keeps the planner off the index
        List<Row> raw = exact(probe);
        assertThat(hits).extracting(h -> h.entity().getId()).containsExactlyElementsOf(raw.stream().map(Row::id).toList());
        for (int i = 0; i < raw.size(); i++) {
            assertThat(hits.get(i).distance()).isCloseTo(raw.get(i).distance(), within(1e-6));
        }
    }

    @Test
    void twoStageSearchReRanksAShortlistLongerThan40AndKeepsALargerEfSearchInEffect() throws SQLException {
        db.execute("insert into chunks select i, array(select random() - 0.5 + i * 0 from generate_series(1, 64))::vector"
                + " from generate_series(1, 3000) i", "analyze chunks");
        int shortlist = 120;
        io.github.vectororm.core.search.TwoStageSearch search = io.github.vectororm.core.search.TwoStageSearch
                .on("chunks", "id", "embedding", io.github.vectororm.core.VectorType.VECTOR, 64)
                .shortlist(io.github.vectororm.core.IndexedExpression.binaryQuantize("embedding", 64), Metric.HAMMING, shortlist)
                .rerank(Metric.COSINE).build();
        float[] probe = TestVectors.gaussian(new Random(41), 64);
        int plain = 0;
        try (Connection c = db.connect(); PreparedStatement ps = search.query(probe, shortlist, null).prepare(c);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plain++;
            }
        }
        // k = shortlist: every candidate of the first stage comes back
        List<Nearest<Chunk>> hits = context.getBean(ChunkRepository.class).findNearestTwoStage(search, probe, shortlist, null);
        System.out.printf("[measure] spring two-stage shortlist %d: %d candidates at the server's ef_search, %d through"
                + " findNearestTwoStage%n", shortlist, plain, hits.size());
        assertThat(plain).isEqualTo(40);
        assertThat(hits).hasSize(shortlist);

        // in one transaction: vectororm.search.ef-search=60 applies, a shortlist of 20 keeps it, one of 100 raises it
        jakarta.persistence.EntityManagerFactory factory = context.getBean(jakarta.persistence.EntityManagerFactory.class);
        List<Object> efSearch = new org.springframework.transaction.support.TransactionTemplate(
                context.getBean(org.springframework.transaction.PlatformTransactionManager.class)).execute(status -> {
                    List<Object> values = new ArrayList<>();
                    for (int size : new int[] {20, 100}) {
                        docs.findNearestTwoStage(io.github.vectororm.core.search.TwoStageSearch
                                .on("docs", "id", "embedding", io.github.vectororm.core.VectorType.VECTOR, 8)
                                .shortlist(io.github.vectororm.core.IndexedExpression.binaryQuantize("embedding", 8),
                                        Metric.HAMMING, size)
                                .rerank(Metric.L2).build(), TestVectors.gaussian(new Random(5), 8), 5, null);
                        values.add(org.springframework.orm.jpa.EntityManagerFactoryUtils.getTransactionalEntityManager(factory)
                                .createNativeQuery("select current_setting('hnsw.ef_search')").getSingleResult());
                    }
                    return values;
                });
        assertThat(efSearch).containsExactly("60", "100");
    }

    @Test
    void findHybridEqualsVectorCoresHybridSearchAndRunsWithTheSearchDefaults() throws SQLException {
        ArticleRepository articles = context.getBean(ArticleRepository.class);
        String[] words = {"vector", "index", "postgres", "search", "java", "spring", "query", "ranking"};
        Random random = new Random(21);
        List<Article> rows = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            String title = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
            rows.add(new Article(id, title, TestVectors.gaussian(random, 8)));
        }
        articles.saveAll(rows);
        io.github.vectororm.core.search.HybridSearch search = io.github.vectororm.core.search.HybridSearch
                .on("articles", "id").vector("embedding", io.github.vectororm.core.VectorType.VECTOR, Metric.COSINE)
                .text(io.github.vectororm.core.search.TextSource.document("english", "title")).candidates(20, 20).build();
        float[] probe = TestVectors.gaussian(new Random(22), 8);

        List<io.github.vectororm.hibernate.VectorQueries.HybridHit<Article>> hits = articles.findHybrid(search, probe,
                "spring ranking", 10, null);
        List<long[]> expected = new ArrayList<>(); // id, vector rank, text rank (0: absent)
        try (Connection c = db.connect()) {
            c.createStatement().execute("set search_path = " + db.schema() + ", public");
            try (PreparedStatement ps = search.query(probe, "spring ranking", 10, null).prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expected.add(new long[] {rs.getLong("id"), rs.getLong("vector_rank"), rs.getLong("text_rank")});
                }
            }
        }
        assertThat(hits).extracting(h -> h.entity().getId()).containsExactlyElementsOf(expected.stream().map(r -> r[0]).toList());
        assertThat(hits).extracting(h -> h.vectorRank() == null ? 0L : (long) h.vectorRank())
                .containsExactlyElementsOf(expected.stream().map(r -> r[1]).toList());
        assertThat(hits).extracting(h -> h.textRank() == null ? 0L : (long) h.textRank())
                .containsExactlyElementsOf(expected.stream().map(r -> r[2]).toList());
        assertThat(hits).as("both sides contribute").anyMatch(h -> h.textRank() != null).anyMatch(h -> h.vectorRank() != null);

        // rows pass this filter only while vectororm.search.ef-search=60 is in force for the hybrid search too
        io.github.vectororm.core.search.Filter whileEf60 = io.github.vectororm.core.search.Filter
                .of("current_setting('hnsw.ef_search') = ?", "60");
        assertThat(articles.findHybrid(search, probe, "spring ranking", 10, whileEf60)).hasSize(10);
    }

    @Test
    void searchNearestReturnsSpringDataResultsWithTheDistanceAsScore() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(9), 8);
        SearchResults<Doc> results = docs.searchNearest("embedding", Metric.COSINE, probe,
                PredicateSpecification.unrestricted(), Limit.of(3));
        List<Row> raw = raw("<=>", probe, "true", 3);
        assertThat(results.contentStream().map(Doc::getId)).containsExactlyElementsOf(raw.stream().map(Row::id).toList());
        SearchResult<Doc> first = results.getContent().get(0);
        assertThat(first.getScore().getFunction()).isEqualTo(VectorScoringFunctions.COSINE);
        assertThat(first.getScore().getValue()).isCloseTo(raw.get(0).distance(), within(1e-6));
        // each metric's score carries Spring Data's own scoring function of that distance
        record Case(Metric metric, ScoringFunction function) {
        }
        for (Case c : List.of(new Case(Metric.L2, VectorScoringFunctions.EUCLIDEAN),
                new Case(Metric.INNER_PRODUCT, VectorScoringFunctions.DOT_PRODUCT),
                new Case(Metric.L1, VectorScoringFunctions.TAXICAB))) {
            SearchResult<Doc> nearest = docs.searchNearest("embedding", c.metric(), probe,
                    PredicateSpecification.unrestricted(), Limit.of(1)).getContent().get(0);
            assertThat(nearest.getScore().getFunction()).as(c.metric().name()).isEqualTo(c.function());
            assertThat(nearest.getScore().getValue()).isCloseTo(raw(c.metric().operator(), probe, "true", 1).get(0).distance(),
                    within(1e-6));
        }
        assertThat(io.github.vectororm.spring.internal.Scoring.of(Metric.JACCARD).getName()).isEqualTo("JACCARD");
    }

    @Test
    void neighborsOfAnEntityLeaveItOutAndRunWithTheRedeclaredMethodsSettings() throws SQLException {
        Doc seed = docs.findById(42L).orElseThrow();
        // rows pass this filter only while the redeclared method's efSearch = 77 is in force
        PredicateSpecification<Doc> whileEf77 = (doc, cb) ->
                cb.equal(cb.function("current_setting", String.class, cb.literal("hnsw.ef_search")), "77");
        List<Nearest<Doc>> hits = docs.findNeighbors("embedding", Metric.COSINE, seed, whileEf77, Limit.of(5));
        List<Row> raw = raw("<=>", seed.getEmbedding(), "id <> 42", 5);
        assertThat(hits).extracting(h -> h.entity().getId()).doesNotContain(42L)
                .containsExactlyElementsOf(raw.stream().map(Row::id).toList());
    }

    @Test
    void settingsAreInForceDuringTheirMethodOnly() {
        assertThat(docs.efSearchDuringAnnotatedMethod()).isEqualTo("123");
        assertThat(docs.parallelSettingsDuringAnnotatedMethod()).isEqualTo("3 off 0");
        assertThat(docs.efSearchDuringPlainMethod()).isEqualTo("40");
        // vectororm.search.ef-search=60 applies to the fragment's searches
        PredicateSpecification<Doc> whileEf60 = (doc, cb) ->
                cb.equal(cb.function("current_setting", String.class, cb.literal("hnsw.ef_search")), "60");
        assertThat(docs.findNearest("embedding", Metric.L2, new float[8], whileEf60, Limit.of(3))).hasSize(3);
        assertThat(docs.efSearchDuringPlainMethod()).isEqualTo("40");
    }

    @Test
    void derivedNearQueriesOnASpringDataVectorAttributeEqualRawSqlWithTheBareOperator() throws SQLException {
        PassageRepository passages = context.getBean(PassageRepository.class);
        Random random = new Random(5);
        List<Passage> rows = new ArrayList<>();
        for (long id = 1; id <= 120; id++) {
            rows.add(new Passage(id, Vector.of(TestVectors.gaussian(random, 3))));
        }
        passages.saveAll(rows);
        assertThat(strings("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = '"
                + db.schema() + ".passages'::regclass and attname = 'embedding'")).containsExactly("vector(3)");
        assertThat(passages.findById(3L).orElseThrow().getEmbedding()).isEqualTo(rows.get(2).getEmbedding());

        float[] probe = TestVectors.gaussian(new Random(6), 3);
        record Case(ScoringFunction function, String operator) {
        }
        for (Case c : List.of(new Case(VectorScoringFunctions.COSINE, "<=>"), new Case(VectorScoringFunctions.EUCLIDEAN, "<->"),
                new Case(VectorScoringFunctions.DOT_PRODUCT, "<#>"), new Case(VectorScoringFunctions.TAXICAB, "<+>"))) {
            // Spring Data binds the Vector as float[] (Vector.of(double...) as double[]): both are typed as the attribute
            for (Vector vector : List.of(Vector.of(probe), Vector.of(toDoubles(probe)))) {
                SearchResults<Passage> results = passages.findByEmbeddingNear(vector, Score.of(1e6, c.function()),
                        Limit.of(6));
                String sql = SqlRecorder.last();
                List<Row> raw = raw("passages", c.operator(), probe, "true", 6);
                assertThat(results.contentStream().map(Passage::getId)).as(c.function().getName())
                        .containsExactlyElementsOf(raw.stream().map(Row::id).toList());
                for (int i = 0; i < raw.size(); i++) {
                    assertThat(results.getContent().get(i).getScore().getValue()).as(c.function().getName())
                            .isCloseTo(raw.get(i).distance(), within(1e-5));
                }
                // the bare operator over a plain parameter: no cast of an array to vector
                assertThat(sql).as(c.function().getName()).contains("embedding" + c.operator() + "?")
                        .doesNotContain("cast(").doesNotContain("_distance(");
            }
        }
        // a distance bound filters on the server, as Spring Data's Score asks
        double bound = raw("passages", "<=>", probe, "true", 4).get(3).distance();
        assertThat(passages.findByEmbeddingNear(Vector.of(probe), Score.of(bound, ScoringFunction.cosine()), Limit.of(10))
                .getContent()).hasSize(4);
        // Within a similarity range on the Vector attribute: neighbors 3 to 5, scores normalised as (2 - d) / 2
        List<Row> nearest6 = raw("passages", "<=>", probe, "true", 6);
        SearchResults<Passage> ranged = passages.findByEmbeddingWithin(Vector.of(probe), Similarity.between(
                (2 - midway(nearest6, 4)) / 2, (2 - midway(nearest6, 1)) / 2, ScoringFunction.cosine()), Limit.of(6));
        assertThat(ranged.contentStream().map(Passage::getId))
                .containsExactlyElementsOf(ids(nearest6.subList(2, 5)));
        assertThat(ranged.getContent().get(0).getScore().getValue()).isCloseTo((2 - nearest6.get(2).distance()) / 2,
                within(1e-9));
        // the fragment searches it too: the probe is built by the attribute's own JavaType
        assertThat(passages.findNearest("embedding", Metric.COSINE, probe, Limit.of(3)))
                .extracting(hit -> hit.entity().getId())
                .containsExactlyElementsOf(raw("passages", "<=>", probe, "true", 3).stream().map(Row::id).toList());
    }

    @Test
    void withinARangeOfScoresSwapsTheBoundsAsSpringDataJpaDoesAndEqualsRawSql() throws SQLException {
        DocSimilarityRepository similar = context.getBean(DocSimilarityRepository.class);
        float[] probe = TestVectors.gaussian(new Random(41), 8);
        record Case(ScoringFunction function, String operator) {
        }
        for (Case c : List.of(new Case(VectorScoringFunctions.COSINE, "<=>"), new Case(VectorScoringFunctions.EUCLIDEAN, "<->"),
                new Case(VectorScoringFunctions.DOT_PRODUCT, "<#>"), new Case(VectorScoringFunctions.TAXICAB, "<+>"))) {
            String name = c.function().getName();
            List<Row> raw = raw(c.operator(), probe, "true", 20);
            // bounds half-way between neighbors 4 and 5, 13 and 14: no distance sits on a bound
            Score near = Score.of(midway(raw, 3), c.function());
            Score far = Score.of(midway(raw, 12), c.function());

            // Spring Data JPA reads a Range<Score> like a similarity range, higher is better: the upper bound becomes
            // distance >= upper, the lower bound distance <= lower. So "up to `near`" skips the four nearest rows...
            SearchResults<Doc> beyond = similar.findByEmbeddingWithin(Vector.of(probe),
                    Range.of(Range.Bound.unbounded(), Range.Bound.inclusive(near)), Limit.of(5));
            assertThat(SqlRecorder.last()).as(name).contains("embedding" + c.operator() + "?)>=?")
                    .doesNotContain("embedding" + c.operator() + "?)<=?").doesNotContain("_distance(");
            assertThat(ids(beyond)).as(name).containsExactlyElementsOf(ids(raw.subList(4, 9)));
            assertScores(beyond, raw.subList(4, 9), c.function());

            // ...the distances between `near` and `far` are Range.closed(far, near), and Range.closed(near, far) is empty
            SearchResults<Doc> between = similar.findByEmbeddingWithin(Vector.of(probe), Range.closed(far, near),
                    Limit.of(20));
            assertThat(SqlRecorder.last()).as(name).contains("embedding" + c.operator() + "?)<=?")
                    .contains("embedding" + c.operator() + "?)>=?");
            assertThat(ids(between)).as(name).containsExactlyElementsOf(ids(raw.subList(4, 13)));
            assertScores(between, raw.subList(4, 13), c.function());
            assertThat(similar.findByEmbeddingWithin(Vector.of(probe), Range.closed(near, far), Limit.of(20))
                    .getContent()).as(name).isEmpty();

            // a lower bound alone: Spring Data JPA 4.1.1 dropped it (it tested the upper bound twice); 4.1.2 renders it
            SearchResults<Doc> upToFar = similar.findByEmbeddingWithin(Vector.of(probe),
                    Range.of(Range.Bound.inclusive(far), Range.Bound.unbounded()), Limit.of(20));
            assertThat(SqlRecorder.last()).as(name).contains("embedding" + c.operator() + "?)<=?")
                    .doesNotContain("embedding" + c.operator() + "?)>=?");
            assertThat(ids(upToFar)).as(name).containsExactlyElementsOf(ids(raw.subList(0, 13)));

            // a plain Score with Within is a maximum distance, as with Near
            assertThat(ids(similar.findByEmbeddingWithin(Vector.of(probe), far, Limit.of(20)))).as(name)
                    .containsExactlyElementsOf(ids(raw.subList(0, 13)));
        }
    }

    @Test
    void similarityBoundsAndScoresAreSpringDataNormalisationsOfTheRawDistances() throws SQLException {
        DocSimilarityRepository similar = context.getBean(DocSimilarityRepository.class);
        float[] probe = TestVectors.gaussian(new Random(43), 8);
        // Spring Data JPA's SimilarityNormalizer, checked here against the server's distances
        record Case(ScoringFunction function, String operator, DoubleUnaryOperator similarity, String index) {
        }
        for (Case c : List.of(
                new Case(VectorScoringFunctions.COSINE, "<=>", d -> (2 - d) / 2, "docs_embedding_hnsw_cosine_idx"),
                new Case(VectorScoringFunctions.EUCLIDEAN, "<->", d -> 1 / (1 + d * d), "docs_embedding_hnsw_l2_idx"))) {
            String name = c.function().getName();
            List<Row> raw = raw(c.operator(), probe, "true", 20);
            double atLeast = c.similarity().applyAsDouble(midway(raw, 5));
            SearchResults<Doc> results = similar.findByEmbeddingNear(Vector.of(probe), Similarity.of(atLeast, c.function()),
                    Limit.of(20));
            String sql = SqlRecorder.last();
            // the similarity bound became a distance bound: the six nearest rows pass it, in raw SQL's order
            assertThat(ids(results)).as(name).containsExactlyElementsOf(ids(raw.subList(0, 6)));
            for (int i = 0; i < 6; i++) {
                Score score = results.getContent().get(i).getScore();
                assertThat(score).as(name).isInstanceOf(Similarity.class);
                assertThat(score.getFunction()).isEqualTo(c.function());
                assertThat(score.getValue()).as(name).isCloseTo(c.similarity().applyAsDouble(raw.get(i).distance()),
                        within(1e-9)).isGreaterThanOrEqualTo(atLeast);
            }
            // bare operators, ascending: the ORDER BY names the select-list distance, which the metric's index serves
            assertThat(sql).as(name).contains("(d1_0.embedding" + c.operator() + "?)<=?").containsPattern("order by \\d+ fetch")
                    .doesNotContain("_distance(").doesNotContain("*-1").doesNotContain(" desc");
            assertThat(explain(sql, probe, c.operator())).as(name).contains("Index Scan using " + c.index());

            // a similarity range: between neighbors 3 and 8 of category 3 (iterative scan on the method)
            List<Row> category3 = raw(c.operator(), probe, "category = 3", 12);
            Range<Similarity> range = Similarity.between(c.similarity().applyAsDouble(midway(category3, 7)),
                    c.similarity().applyAsDouble(midway(category3, 1)), c.function());
            SearchResults<Doc> ranged = similar.findByCategoryAndEmbeddingWithin(3, Vector.of(probe), range, Limit.of(12));
            assertThat(ids(ranged)).as(name).containsExactlyElementsOf(ids(category3.subList(2, 8)));
            for (int i = 0; i < 6; i++) {
                assertThat(ranged.getContent().get(i).getScore().getValue()).as(name)
                        .isCloseTo(c.similarity().applyAsDouble(category3.get(i + 2).distance()), within(1e-9));
            }
        }
        // DOT_PRODUCT: (1 - d) / 2 with d the negative inner product, which lies in [0, 1] for unit vectors only. A bound
        // must be in [0, 1] (Similarity.of checks), so Similarity.of(0) means d <= 1; the scores read back are not checked
        // and exceed 1 for these non-normalised vectors
        String dotBelowOne = "embedding <#> '" + VectorCodec.format(probe) + "'::vector <= 1";
        List<Row> raw = raw("<#>", probe, dotBelowOne, 8);
        SearchResults<Doc> dot = similar.findByEmbeddingNear(Vector.of(probe), Similarity.of(0, VectorScoringFunctions.DOT_PRODUCT),
                Limit.of(8));
        assertThat(SqlRecorder.last()).contains("(d1_0.embedding<#>?)<=?").doesNotContain("*-1").doesNotContain("inner_product(");
        assertThat(ids(dot)).containsExactlyElementsOf(ids(raw));
        for (int i = 0; i < raw.size(); i++) {
            assertThat(dot.getContent().get(i).getScore()).isInstanceOf(Similarity.class);
            assertThat(dot.getContent().get(i).getScore().getValue()).isCloseTo((1 - raw.get(i).distance()) / 2, within(1e-9));
        }
        assertThat(dot.getContent().get(0).getScore().getValue()).isGreaterThan(1);
        // Similarity.between(0, 1) is -1 <= d <= 1: inner products between -1 and 1
        List<Row> dotRange = raw("<#>", probe, dotBelowOne + " and embedding <#> '" + VectorCodec.format(probe)
                + "'::vector >= -1 and category = 3", 12);
        assertThat(dotRange).isNotEmpty();
        assertThat(ids(similar.findByCategoryAndEmbeddingWithin(3, Vector.of(probe), Similarity.between(0, 1,
                VectorScoringFunctions.DOT_PRODUCT), Limit.of(12)))).containsExactlyElementsOf(ids(dotRange));

        // Spring Data JPA has no normaliser for taxicab (nor hamming): a Similarity with it fails before any SQL runs
        int statements = SqlRecorder.SQL.size();
        assertThatThrownBy(() -> similar.findByEmbeddingNear(Vector.of(probe), Similarity.of(0.5, VectorScoringFunctions.TAXICAB),
                Limit.of(5))).isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("No SimilarityNormalizer found for TAXICAB");
        assertThat(SqlRecorder.SQL.size()).isEqualTo(statements);
    }

    /** Half-way between the distances of neighbors {@code i} and {@code i + 1} (from 0). */
    private static double midway(List<Row> rows, int i) {
        assertThat(rows.get(i + 1).distance()).isGreaterThan(rows.get(i).distance());
        return (rows.get(i).distance() + rows.get(i + 1).distance()) / 2;
    }

    private static List<Long> ids(SearchResults<Doc> results) {
        return results.contentStream().map(Doc::getId).toList();
    }

    private static List<Long> ids(List<Row> rows) {
        return rows.stream().map(Row::id).toList();
    }

    private static void assertScores(SearchResults<Doc> results, List<Row> raw, ScoringFunction function) {
        for (int i = 0; i < raw.size(); i++) {
            Score score = results.getContent().get(i).getScore();
            assertThat(score).isNotInstanceOf(Similarity.class);
            assertThat(score.getFunction()).isEqualTo(function);
            assertThat(score.getValue()).isCloseTo(raw.get(i).distance(), within(1e-9));
        }
    }

    /**
     * EXPLAIN of a recorded statement, its parameters replaced by literals (the probe after each vector operator, 0.5
     * for a bound, 10 for the limit) and sequential scans disabled: an index scan shows the ORDER BY is one the index
     * serves.
     */
    private static String explain(String sql, float[] probe, String operator) throws SQLException {
        String literal = sql.replace(operator + "?", operator + "'" + VectorCodec.format(probe) + "'::vector")
                .replace("<=?", "<=0.5").replace(">=?", ">=0.5").replace("first ? rows", "first 10 rows");
        assertThat(literal).doesNotContain("?");
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("set local enable_seqscan = off");
                try (ResultSet rs = st.executeQuery("explain " + literal)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        return plan.toString();
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    @Test
    void readmeShowsTheSpringSnippet() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(10), 8);
        // tag::spring[]
        // Spring Data JPA's derived query: cosine_distance renders as the bare <=> an HNSW index serves
        SearchResults<Doc> similar = docs.findByEmbeddingNear(Vector.of(probe), Score.of(0.8, ScoringFunction.cosine()),
                Limit.of(5));

        // vector-orm's fragment: every pgvector metric, a filter, each entity with its distance (smaller is nearer)
        List<Nearest<Doc>> nearest = docs.findNearest("embedding", Metric.L1, probe,
                (doc, cb) -> cb.equal(doc.get("category"), 3), Limit.of(5));

        // the neighbors of a stored entity, the entity itself left out
        Doc seed = docs.findById(42L).orElseThrow();
        List<Nearest<Doc>> related = docs.findNeighbors("embedding", Metric.COSINE, seed,
                PredicateSpecification.unrestricted(), Limit.of(5));
        // end::spring[]
        assertThat(similar.getContent()).isNotEmpty().allMatch(r -> r.getScore().getValue() <= 0.8);
        assertThat(nearest).extracting(h -> h.entity().getId())
                .containsExactlyElementsOf(raw("<+>", probe, "category = 3", 5).stream().map(Row::id).toList());
        assertThat(related).hasSize(5).noneMatch(h -> h.entity().getId() == 42L);
        ReadmeSnippets.assertReadmeShows(SpringDataVectorTest.class, "spring");
        ReadmeSnippets.assertPageShows("docs/spring.md", SpringDataVectorTest.class, "spring");
        ReadmeSnippets.assertReadmeShows(DocRepository.class, "repository");
        ReadmeSnippets.assertPageShows("docs/spring.md", DocRepository.class, "repository");
    }

    record Row(long id, double distance) {
    }

    private static List<Row> exact(float[] probe) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("select id, embedding <-> ?::vector d"
                + " from docs where category = 4 order by (embedding <-> ?::vector) + 0 limit 5")) {
            ps.setString(1, VectorCodec.format(probe));
            ps.setString(2, VectorCodec.format(probe));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getDouble(2)));
                }
            }
        }
        return rows;
    }

    private static List<Row> raw(String operator, float[] probe, String where, int k) throws SQLException {
        return raw("docs", operator, probe, where, k);
    }

    private static List<Row> raw(String table, String operator, float[] probe, String where, int k) throws SQLException {
        String sql = "select id, embedding " + operator + " ?::vector from " + table + " where " + where
                + " order by embedding " + operator + " ?::vector limit " + k;
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, VectorCodec.format(probe));
            ps.setString(2, VectorCodec.format(probe));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getDouble(2)));
                }
            }
        }
        return rows;
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
