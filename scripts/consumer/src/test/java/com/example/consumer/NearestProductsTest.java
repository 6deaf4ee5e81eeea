package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.domain.PredicateSpecification;

@SpringBootTest
class NearestProductsTest {

    @Autowired
    ProductRepository products;

    @Test
    void nearestProductsByEmbedding() {
        products.saveAll(List.of(
                new Product(1, "apple", new float[] {1, 0, 0}),
                new Product(2, "pear", new float[] {0.9f, 0.1f, 0}),
                new Product(3, "carrot", new float[] {0, 1, 0}),
                new Product(4, "potato", new float[] {0, 0.9f, 0.2f}),
                new Product(5, "salmon", new float[] {0, 0, 1})));
        float[] probe = {1, 0.05f, 0};

        // vector-orm's fragment: each entity with its L2 distance, nearest first
        List<Nearest<Product>> nearest = products.findNearest("embedding", Metric.L2, probe,
                PredicateSpecification.unrestricted(), Limit.of(3));
        nearest.forEach(n -> System.out.printf("consumer: nearest = %s (L2 distance %.4f)%n",
                n.entity().getName(), n.distance()));
        assertThat(nearest).extracting(n -> n.entity().getName()).containsExactly("apple", "pear", "potato");
        assertThat(nearest.get(0).distance()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));

        // Spring Data JPA's derived query on vector-orm's mapping
        SearchResults<Product> similar = products.findByEmbeddingNear(Vector.of(probe),
                Score.of(0.5, ScoringFunction.euclidean()), Limit.of(5));
        similar.forEach(r -> System.out.printf("consumer: findByEmbeddingNear = %s (score %.4f)%n",
                r.getContent().getName(), r.getScore().getValue()));
        assertThat(similar.getContent()).extracting(r -> r.getContent().getName()).containsExactly("apple", "pear");
    }
}
