package io.github.vectororm.examples.search;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;

/** The Spring Data repository of {@link CorpusDocument}, with vector-orm's nearest-neighbor fragment. */
public interface CorpusDocumentRepository extends JpaRepository<CorpusDocument, Integer>,
        VectorSearchRepository<CorpusDocument> {
}
