package com.example.consumer;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Vector;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProductRepository extends JpaRepository<Product, Long>, VectorSearchRepository<Product> {

    // Spring Data JPA's derived vector search; the Score's ScoringFunction picks the metric
    SearchResults<Product> findByEmbeddingNear(Vector vector, Score maxDistance, Limit limit);
}
