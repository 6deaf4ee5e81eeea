package io.github.vectororm.spring.reliability;

import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.hibernate.Nearest;
import io.github.vectororm.spring.VectorSearchRepository;
import io.github.vectororm.spring.VectorSearchSettings;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ConcItemRepository extends JpaRepository<ConcItem, Long>, VectorSearchRepository<ConcItem> {

    /** The fragment's filtered k-NN, redeclared with an iterative scan so that a 10 % filter still fills k. */
    @VectorSearchSettings(iterativeScan = IterativeScan.RELAXED_ORDER)
    @Override
    List<Nearest<ConcItem>> findNearest(String attribute, Metric metric, Object vector,
            PredicateSpecification<ConcItem> filter, Limit limit);

    long countByWriterGreaterThanEqual(int writer);

    /** The writers (from 0) that have exactly {@code rows} rows. */
    @Query("select i.writer from ConcItem i where i.writer >= 0 group by i.writer having count(i) = :rows")
    List<Integer> writersWithRows(long rows);
}
