package io.github.vectororm.spring.replica;

import io.github.vectororm.spring.VectorSearchRepository;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface NoteRepository extends JpaRepository<Note, Long>, VectorSearchRepository<Note> {

    /** Whether the server that runs this read-only transaction is a standby. */
    @Transactional(readOnly = true)
    @Query(value = "select pg_is_in_recovery()", nativeQuery = true)
    boolean readOnlyTransactionRunsOnStandby();

    /** Whether the server that runs this read-write transaction is a standby. */
    @Transactional
    @Query(value = "select pg_is_in_recovery()", nativeQuery = true)
    boolean writeTransactionRunsOnStandby();
}
