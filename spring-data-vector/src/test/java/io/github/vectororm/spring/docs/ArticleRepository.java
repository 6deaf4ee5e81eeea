package io.github.vectororm.spring.docs;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ArticleRepository extends JpaRepository<Article, Long>, VectorSearchRepository<Article> {
}
