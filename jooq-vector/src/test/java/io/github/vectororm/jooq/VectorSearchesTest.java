package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.core.search.HybridSearch;
import io.github.vectororm.core.search.RecallAdvisor;
import io.github.vectororm.core.search.TextSource;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.exception.SQLDialectNotSupportedException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** vector-core's hybrid and two-stage searches and recall advisor through a DSLContext. */
@PgVectorDatabase
class VectorSearchesTest {

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        db.execute("create table articles (id bigint primary key, title text, published boolean, embedding vector(4))",
                "insert into articles values (1, 'Sharks of the deep ocean', true, '[1,0.1,0,0]'),"
                        + " (2, 'Dolphins and whales', true, '[0.9,0.2,0,0]'), (3, 'Ocean currents explained', true, '[0,0,1,0]'),"
                        + " (4, 'Mountain eagles', true, '[0,1,0,0.1]'), (5, 'Draft: ocean sharks', false, '[1,0,0,0]')",
                IndexDefinition.hnsw("articles", IndexedExpression.binaryQuantize("embedding", 4), Metric.HAMMING).build().createSql());
        db.execute("create table passages (id bigint primary key, embedding vector(64))",
                "insert into passages select i, array(select random() - 0.5 + i * 0 from generate_series(1, 64))::vector"
                        + " from generate_series(1, 3000) i",
                IndexDefinition.hnsw("passages", IndexedExpression.binaryQuantize("embedding", 64), Metric.HAMMING).build().createSql(),
                "analyze passages");
    }

    @Test
    void aTwoStageShortlistAbove40ReachesTheReRankInFull(TestDatabase db) throws SQLException {
        int shortlist = 120;
        TwoStageSearch search = TwoStageSearch.on("passages", "id", "embedding", VectorType.VECTOR, 64)
                .shortlist(IndexedExpression.binaryQuantize("embedding", 64), Metric.HAMMING, shortlist)
                .rerank(Metric.COSINE).build();
        float[] probe = new float[64];
        java.util.Random random = new java.util.Random(3);
        for (int d = 0; d < probe.length; d++) {
            probe[d] = random.nextFloat() - 0.5f;
        }
        try (Connection connection = db.connect()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            // k = shortlist: every candidate of the first stage comes back
            int plain = VectorSearches.twoStage(dsl, search, probe, shortlist, null).fetch().size();
            Result<Record> fetched = VectorSearches.fetchTwoStage(dsl, search, probe, shortlist, null, SearchSettings.none());
            Result<Record> composed = VectorTransactions.withSettings(dsl, search.settings(),
                    tx -> VectorSearches.twoStage(tx.dsl(), search, probe, shortlist, null).fetch());
            System.out.printf("[measure] jooq two-stage shortlist %d: %d candidates at the server's ef_search, %d through"
                    + " fetchTwoStage%n", shortlist, plain, fetched.size());
            assertThat(plain).isEqualTo(40);
            assertThat(fetched).hasSize(shortlist);
            assertThat(composed.getValues("id", Long.class)).isEqualTo(fetched.getValues("id", Long.class));
            assertThat(connection.getAutoCommit()).isTrue();

            // inside an enclosing transaction: a caller's larger ef_search wins, a smaller one is raised
            String[] efSearch = new String[2];
            dsl.transaction(outer -> {
                VectorSearches.fetchTwoStage(outer.dsl(), search, probe, 10, null, SearchSettings.builder().hnswEfSearch(500).build());
                efSearch[0] = outer.dsl().fetchValue(DSL.field("current_setting('hnsw.ef_search')", String.class));
                assertThat(VectorSearches.fetchTwoStage(outer.dsl(), search, probe, shortlist, null,
                        SearchSettings.builder().hnswEfSearch(20).build())).hasSize(shortlist);
                efSearch[1] = outer.dsl().fetchValue(DSL.field("current_setting('hnsw.ef_search')", String.class));
            });
            assertThat(efSearch).containsExactly("500", "120");
        }
    }

    @Test
    void hybridTwoStageAndRecallRunThroughJooq(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            HybridSearch hybrid = HybridSearch.on("articles", "id").vector("embedding", VectorType.VECTOR, Metric.COSINE)
                    .text(TextSource.document("english", "title")).build();
            Result<Record> hits = VectorSearches.hybrid(dsl, hybrid, new float[] {1, 0, 0, 0}, "ocean", 3,
                    Filter.of("published = ?", true)).fetch();
            assertThat(hits.getValues("id", Long.class)).containsExactly(1L, 3L, 2L);
            assertThat(hits.get(2).get("text_rank")).isNull();

            TwoStageSearch twoStage = TwoStageSearch.on("articles", "id", "embedding", VectorType.VECTOR, 4)
                    .shortlist(IndexedExpression.binaryQuantize("embedding", 4), Metric.HAMMING, 4).rerank(Metric.COSINE).build();
            Result<Record> nearest = VectorSearches.twoStage(dsl, twoStage, new float[] {1, 0.15f, 0, 0}, 2,
                    Filter.of("published")).fetch();
            assertThat(nearest.getValues("id", Long.class)).containsExactly(1L, 2L);

            RecallAdvisor.RecallReport report = VectorSearches.recall(dsl, RecallAdvisor.on("articles", "id",
                    IndexedExpression.binaryQuantize("embedding", 4), Metric.HAMMING).k(2).efSearch(40).sampleFromTable(3));
            assertThat(report.rows()).hasSize(1);

            assertThatThrownBy(() -> VectorSearches.hybrid(DSL.using(connection, SQLDialect.MYSQL), hybrid,
                    new float[] {1, 0, 0, 0}, "ocean", 3, null)).isInstanceOf(SQLDialectNotSupportedException.class)
                    .hasMessageContaining("MYSQL");
        }
    }
}
