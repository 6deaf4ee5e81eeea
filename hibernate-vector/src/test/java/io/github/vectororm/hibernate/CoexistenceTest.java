package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's own hibernate-vector module on the same classpath: both load, each works, and where both define
 * a function vector-orm's bare-operator rendering wins; with vector-orm switched off, Hibernate's is back.
 */
@PgVectorDatabase
class CoexistenceTest {

    @Test
    void bothModulesLoadAndVectorOrmsRenderingWins(TestDatabase db) throws ClassNotFoundException {
        Class.forName("org.hibernate.vector.internal.PGVectorFunctionContributor");
        try (SessionFactory sf = HibernateSupport.sessionFactory(db, "create-drop", Animal.class)) {
            sf.inTransaction(session -> {
                for (Animal animal : SeedWalkthroughTest.ANIMALS) {
                    session.persist(animal);
                }
            });
            // only hibernate-vector defines euclidean_squared_distance: it works on vector-orm's mapping
            Double squared = sf.fromTransaction(session -> session.createSelectionQuery(
                    "select euclidean_squared_distance(a.embedding, :v) from Animal a where a.name = 'shark'", Double.class)
                    .setParameter("v", new float[] {0.9f, 0.1f, 0.7f}).getSingleResult());
            assertThat(squared).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-6));

            List<String> byTaxicab = names(sf, "taxicab_distance");
            assertThat(HibernateSupport.lastSql("<+>")).contains("(a1_0.embedding<+>").doesNotContain("l1_distance(");
            assertThat(byTaxicab.get(0)).isEqualTo("shark");
            names(sf, "negative_inner_product");
            assertThat(HibernateSupport.lastSql("<#>")).contains("(a1_0.embedding<#>").doesNotContain("*-1");
        }
    }

    @Test
    void withVectorOrmSwitchedOffHibernateVectorRendersItsOwnForms(TestDatabase db) {
        try (SessionFactory sf = HibernateSupport.sessionFactory(db, Map.of(AvailableSettings.HBM2DDL_AUTO, "create-drop",
                "vectororm.hibernate.enabled", "false"), Animal.class)) {
            sf.inTransaction(session -> session.persist(new Animal(1, "shark", "sea", 0.9f, 0.1f, 0.8f)));
            names(sf, "taxicab_distance");
            assertThat(HibernateSupport.lastSql("l1_distance(")).contains("l1_distance(a1_0.embedding,");
        }
    }

    private static List<String> names(SessionFactory sf, String function) {
        return sf.fromTransaction(session -> session.createSelectionQuery(
                "select a.name from Animal a order by " + function + "(a.embedding, :v)", String.class)
                .setParameter("v", new float[] {0.9f, 0.1f, 0.8f}).setMaxResults(3).getResultList());
    }
}
