package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import io.github.vectororm.test.TestVectors;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Typed k-NN: equal to raw SQL, index-usable SQL, per-query settings, filtered search with and without iterative scan. */
@PgVectorDatabase
class VectorSearchTest {

    private static final int ROWS = 20_000;
    private static final int DIMS = 16;

    @Entity(name = "Item")
    @Table(name = "items")
    public static class Item {
        @Id
        Long id;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = DIMS)
        @VectorIndex(metric = Metric.L2, m = 16, efConstruction = 64)
        float[] embedding;
    }

    private static SessionFactory sessionFactory;
    private static TestDatabase db;

    @BeforeAll
    static void load(TestDatabase database) throws SQLException {
        db = database;
        db.execute("create table items (id bigint primary key, category integer not null, embedding vector(" + DIMS + "))");
        Random random = new Random(11);
        try (Connection c = db.connect();
                VectorCopyWriter writer = VectorCopyWriter.into(c, "items").column("id", CopyType.BIGINT)
                        .column("category", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
            for (long i = 0; i < ROWS; i++) {
                writer.addRow(i, (int) (i % 100), TestVectors.gaussian(random, DIMS));
            }
            writer.finish();
        }
        db.execute("analyze items");
        sessionFactory = HibernateSupport.sessionFactory(db, "update", Item.class); // adds the HNSW index
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }


    @Test
    void nearestToAVectorEqualsRawSqlAndUsesTheIndex() throws SQLException {
        float[] probe = TestVectors.gaussian(new Random(5), DIMS);
        List<Nearest<Item>> hits = sessionFactory.fromSession(session ->
                VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(probe).limit(10).list());

        List<long[]> raw = new ArrayList<>();
        List<Double> rawDistances = new ArrayList<>();
        String sql = HibernateSupport.lastSql("<->");
        // the bare operator in the select list, ordered by position: the vector is bound once, and PostgreSQL
        // plans ORDER BY <position> exactly like ORDER BY <expression> (the EXPLAIN below proves the index is used)
        // k as a literal: PostgreSQL plans the statement once and reuses the plan (see the test below)
        assertThat(sql).contains(",(i1_0.embedding<->?) from").containsPattern("order by \\d+ fetch first 10 rows only");
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("select id, embedding <-> ? from items order by embedding <-> ? limit 10")) {
            ps.setObject(1, io.github.vectororm.core.jdbc.VectorValues.toParameter(io.github.vectororm.core.VectorType.VECTOR, probe));
            ps.setObject(2, io.github.vectororm.core.jdbc.VectorValues.toParameter(io.github.vectororm.core.VectorType.VECTOR, probe));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raw.add(new long[] {rs.getLong(1)});
                    rawDistances.add(rs.getDouble(2));
                }
            }
            // the SQL Hibernate ran, with its parameters, is planned as an HNSW index scan
            String explain = "explain " + sql.replace("?", "'" + io.github.vectororm.core.codec.VectorCodec.format(probe) + "'::vector");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(explain)) {
                StringBuilder plan = new StringBuilder();
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
                assertThat(plan.toString()).contains("Index Scan using items_embedding_hnsw_l2_idx");
            }
        }
        assertThat(hits).extracting(h -> h.entity().id).containsExactlyElementsOf(raw.stream().map(r -> r[0]).toList());
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.get(i).distance()).isCloseTo(rawDistances.get(i), within(1e-9));
        }
    }

    @Test
    void anUnfilteredSearchIsPlannedOnceWhereABoundLimitIsPlannedOnEveryExecution() {
        // pgjdbc prepares a statement on the server from its 5th execution; PostgreSQL plans the first 5 executions
        // of a prepared statement afresh, then reuses a generic plan where that costs no more than a fresh one
        String unfiltered = sessionFactory.fromTransaction(session -> {
            for (int i = 0; i < 15; i++) {
                VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(TestVectors.gaussian(new Random(i), DIMS)).limit(10).list();
            }
            return plans(session, "<->");
        });
        // a Criteria filter binds the limit: planned for every execution (an unknown limit makes a generic plan dearer)
        String filtered = sessionFactory.fromTransaction(session -> {
            for (int i = 0; i < 15; i++) {
                VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(TestVectors.gaussian(new Random(i), DIMS))
                        .where((cb, item) -> cb.ge(item.get("category"), 0)).limit(10).list();
            }
            return plans(session, "category>=");
        });
        System.out.printf("[measure] prepared k-NN statement after 15 executions: unfiltered %s, filtered %s%n", unfiltered,
                filtered);
        assertThat(unfiltered).as("generic/custom plans").matches("generic=[1-9]\\d* custom=5");
        assertThat(filtered).as("generic/custom plans").matches("generic=0 custom=1\\d");
    }

    private static String plans(org.hibernate.Session session, String fragment) {
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select generic_plans, custom_plans from pg_prepared_statements"
                    + " where statement like ?")) {
                ps.setString(1, "%" + fragment + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("a server-prepared statement containing " + fragment).isTrue();
                    return "generic=" + rs.getLong(1) + " custom=" + rs.getLong(2);
                }
            }
        });
    }

    @Test
    void neighborsOfAnEntityExcludeIt() {
        List<Nearest<Item>> hits = sessionFactory.fromTransaction(session -> {
            Item seed = session.find(Item.class, 42L);
            return VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).toNeighborsOf(seed).limit(5).list();
        });
        assertThat(hits).hasSize(5).extracting(h -> h.entity().id).doesNotContain(42L);
        assertThat(hits).extracting(Nearest::distance).isSorted();
        assertThat(HibernateSupport.lastSql("<->")).contains("(select").contains("<>");
    }

    @Test
    void filteredSearchReturnsAllKRowsOnlyWithAnIterativeScan() {
        // category = 7 keeps 1 % of the rows: with ef_search 40 the HNSW scan finds few of them
        VectorSearch.Filter<Item> rare = (cb, item) -> cb.equal(item.get("category"), 7);
        float[] probe = TestVectors.gaussian(new Random(9), DIMS);
        List<Nearest<Item>> plain = sessionFactory.fromSession(session -> VectorSearch
                .nearest(session, Item.class, "embedding", Metric.L2).to(probe).where(rare).limit(10).list());
        List<Nearest<Item>> iterative = sessionFactory.fromSession(session -> VectorSearch
                .nearest(session, Item.class, "embedding", Metric.L2).to(probe).where(rare)
                .settings(SearchSettings.builder().hnswIterativeScan(IterativeScan.STRICT_ORDER).build()).limit(10).list());
        List<Nearest<Item>> exact = sessionFactory.fromSession(session -> VectorSearch
                .nearest(session, Item.class, "embedding", Metric.L2).to(probe).where(rare)
                .settings(SearchSettings.builder().exact(true).build()).limit(10).list());
        System.out.printf("[measure] filtered k-NN (1%% selectivity, k=10): plain HNSW returned %d rows, iterative %d, exact %d%n",
                plain.size(), iterative.size(), exact.size());
        assertThat(plain.size()).isLessThan(10);
        assertThat(iterative).hasSize(10).allMatch(h -> h.entity().category == 7);
        assertThat(iterative).extracting(h -> h.entity().id).containsExactlyElementsOf(exact.stream().map(h -> h.entity().id).toList());
    }

    @Test
    void settingsAreInForceDuringTheQueryOnly() {
        sessionFactory.inSession(session -> {
            VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(new float[DIMS])
                    .where((cb, item) -> cb.equal(cb.function("current_setting", String.class, cb.literal("hnsw.ef_search")), "123"))
                    .settings(SearchSettings.builder().hnswEfSearch(123).build()).limit(3).list()
                    .forEach(hit -> assertThat(hit.entity()).isNotNull());
            assertThat(session.createNativeQuery("select current_setting('hnsw.ef_search')", String.class).getSingleResult())
                    .isEqualTo("40");
        });
        List<Nearest<Item>> seen = sessionFactory.fromSession(session -> VectorSearch
                .nearest(session, Item.class, "embedding", Metric.L2).to(new float[DIMS])
                .where((cb, item) -> cb.equal(cb.function("current_setting", String.class, cb.literal("hnsw.ef_search")), "123"))
                .settings(SearchSettings.builder().hnswEfSearch(123).build()).limit(3).list());
        assertThat(seen).as("rows only pass the filter while ef_search is 123").hasSize(3);
    }

    @Test
    void badProbesAreRefusedNamingTheAttribute() {
        sessionFactory.inSession(session -> {
            assertThatThrownBy(() -> VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(new float[3]))
                    .isInstanceOf(VectorValidationException.class)
                    .hasMessage("Item.embedding: query vector has 3 dimensions, the attribute is vector(16)");
            float[] nan = new float[DIMS];
            nan[2] = Float.NaN;
            assertThatThrownBy(() -> VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(nan))
                    .hasMessage("Item.embedding: vector element [2] is NaN; pgvector accepts finite values only");
            assertThatThrownBy(() -> VectorSearch.nearest(session, Item.class, "embedding", Metric.HAMMING))
                    .hasMessageStartingWith("Item.embedding: HAMMING (<~>) does not apply to vector");
            assertThatThrownBy(() -> VectorSearch.nearest(session, Item.class, "category", Metric.L2))
                    .hasMessage("Item.category is not a pgvector attribute");
            assertThatThrownBy(() -> VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(new float[DIMS]).limit(0).list())
                    .hasMessage("k must be at least 1, not 0");
            assertThatThrownBy(() -> VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(new float[DIMS]).list())
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Item.embedding: no limit: call limit(k) first");
        });
    }

    /** With settings, a search joins the caller's transaction (which it leaves open) or runs in one of its own. */
    @Test
    void settingsJoinTheCallersTransactionOrOpenAndCommitOneOfTheirOwn() {
        SearchSettings ef123 = SearchSettings.builder().hnswEfSearch(123).build();
        VectorSearch.Filter<Item> whileEf123 = (cb, item) ->
                cb.equal(cb.function("current_setting", String.class, cb.literal("hnsw.ef_search")), "123");
        float[] probe = TestVectors.gaussian(new Random(4), DIMS);
        sessionFactory.inSession(session -> {
            session.getTransaction().begin();
            Item added = new Item();
            added.id = 900_001L;
            added.embedding = probe;
            session.persist(added);
            session.flush();
            List<Nearest<Item>> hits = VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(probe)
                    .where(whileEf123).settings(ef123).limit(3).list();
            assertThat(hits).hasSize(3).first().satisfies(h -> assertThat(h.entity().id).isEqualTo(900_001L));
            assertThat(session.getTransaction().isActive()).as("the caller's transaction is left open").isTrue();
            assertThat(efSearch(session)).as("in force until the caller's transaction ends").isEqualTo("123");
            session.getTransaction().rollback();
            assertThat(efSearch(session)).isEqualTo("40");
        });
        sessionFactory.inSession(session -> {
            assertThat(session.find(Item.class, 900_001L)).as("the caller's rollback undid its insert").isNull();
            assertThat(VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(probe).where(whileEf123)
                    .settings(ef123).limit(3).list()).hasSize(3);
            assertThat(session.getTransaction().isActive()).as("its own transaction was committed").isFalse();
            assertThat(efSearch(session)).isEqualTo("40");
            // a failing query rolls its own transaction back and leaves none open
            VectorSearch.Filter<Item> failing = (cb, item) -> cb.gt(cb.sqrt(cb.literal(-1)), 0);
            assertThatThrownBy(() -> VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(probe)
                    .where(failing).settings(ef123).limit(3).list()).hasStackTraceContaining("square root of a negative number");
            assertThat(session.getTransaction().isActive()).isFalse();
        });
    }

    private static String efSearch(org.hibernate.Session session) {
        return session.createNativeQuery("select current_setting('hnsw.ef_search')", String.class).getSingleResult();
    }

    /** limit(k) is a step, as in jOOQ: the last one given counts, and nothing runs before list(). */
    @Test
    void limitIsAStepOfTheSearchAndListRunsIt() {
        float[] probe = TestVectors.gaussian(new Random(3), DIMS);
        sessionFactory.inSession(session -> {
            VectorSearch<Item> search = VectorSearch.nearest(session, Item.class, "embedding", Metric.L2).to(probe).limit(2);
            assertThat(search.limit(4).list()).hasSize(4);
            List<Long> exact = session.createNativeQuery("select id from items order by embedding <-> cast(:p as vector)"
                    + " limit 4", Long.class).setParameter("p", io.github.vectororm.core.codec.VectorCodec.format(probe))
                    .getResultList();
            assertThat(search.list()).extracting(h -> h.entity().id).containsExactlyElementsOf(exact);
        });
    }
}
