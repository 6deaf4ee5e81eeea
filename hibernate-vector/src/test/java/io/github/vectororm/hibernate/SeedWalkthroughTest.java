package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vectororm.core.Metric;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** pgvector's README walk-through, through entities only, checked against the same queries in raw SQL. */
@PgVectorDatabase
class SeedWalkthroughTest {

    static final Animal[] ANIMALS = {
            new Animal(1, "shark", "sea", 0.9f, 0.1f, 0.8f),
            new Animal(2, "dolphin", "sea", 0.8f, 0.2f, 0.9f),
            new Animal(3, "whale", "sea", 0.7f, 0.1f, 0.95f),
            new Animal(4, "eagle", "air", 0.1f, 0.9f, 0.2f),
            new Animal(5, "sparrow", "air", 0.05f, 0.95f, 0.1f),
            new Animal(6, "wolf", "land", 0.5f, 0.5f, 0.1f),
            new Animal(7, "cat", "land", 0.3f, 0.6f, 0.05f)};

    private static SessionFactory sessionFactory;

    @BeforeAll
    static void persistAnimals(TestDatabase db) {
        sessionFactory = HibernateSupport.sessionFactory(db, "create-drop", Animal.class);
        sessionFactory.inTransaction(session -> {
            for (Animal animal : ANIMALS) {
                session.persist(animal);
            }
        });
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
    }

    record Hit(String name, double distance) {
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "INNER_PRODUCT", "COSINE"})
    void nearestToTheSharkEqualRawSql(Metric metric, TestDatabase db) throws SQLException {
        String function = VectorFunctions.distanceFunction(metric);
        List<Hit> viaHibernate = sessionFactory.fromTransaction(session -> session.createSelectionQuery(
                        "select a.name, " + function + "(a.embedding, s.embedding) from Animal a, Animal s"
                                + " where s.name = 'shark' and a.id <> s.id"
                                + " order by " + function + "(a.embedding, s.embedding) limit 3", Object[].class)
                .getResultList().stream().map(row -> new Hit((String) row[0], (Double) row[1])).toList());

        List<Hit> viaSql = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT name, embedding " + metric.operator()
                        + " (SELECT embedding FROM animals WHERE name = 'shark') FROM animals WHERE name <> 'shark'"
                        + " ORDER BY embedding " + metric.operator() + " (SELECT embedding FROM animals WHERE name = 'shark') LIMIT 3")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    viaSql.add(new Hit(rs.getString(1), rs.getDouble(2)));
                }
            }
        }
        assertThat(viaHibernate).extracting(Hit::name).containsExactlyElementsOf(viaSql.stream().map(Hit::name).toList());
        for (int i = 0; i < viaSql.size(); i++) {
            assertThat(viaHibernate.get(i).distance()).isCloseTo(viaSql.get(i).distance(), within(1e-12));
        }
        assertThat(viaHibernate).extracting(Hit::name).containsExactlyInAnyOrder("dolphin", "whale", "wolf");
        assertThat(HibernateSupport.lastSql(metric.operator())).contains("(a1_0.embedding" + metric.operator());
    }
}
